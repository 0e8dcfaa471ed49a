package org.maftia.node.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import org.maftia.net.group.GroupConfig;
import org.maftia.crypto.Dealers;
import org.maftia.group.KeyPurpose;
import org.maftia.group.directory.Dealer;
import org.maftia.group.directory.GroupDirectory;
import org.maftia.group.directory.ThresholdKeyFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = {
            "Create a group directory as the trusted dealer: group.yaml (public) and, per site,",
            "a key directory readable by its owner only. Prints the fingerprint of the public part",
            "for operators to compare."
        })
final class KeygenCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--group", required = true, paramLabel = "NAME", description = "The group's id: 1 to 64 letters, digits, '-', '_' or '.'.")
    private String group;

    @Option(names = "--sites", defaultValue = "4", paramLabel = "N", description = "Number of sites (default: ${DEFAULT-VALUE}).")
    private int sites;

    @Option(names = "--t", paramLabel = "T", description = "Byzantine sites tolerated (default: the most n > 3t allows).")
    private Integer t;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST", description = "Host of every site (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--base-port", defaultValue = "7100", paramLabel = "PORT", description = "Site i listens on PORT+i (default: ${DEFAULT-VALUE}).")
    private int basePort;

    @Option(names = "--client-base-port", paramLabel = "PORT",
            description = "Site i serves clients on PORT+i (default: --base-port + 100).")
    private Integer clientBasePort;

    @Option(names = "--clients", split = ",", paramLabel = "NAME",
            description = {"Clients to deal link keys for, each into clients/NAME/ (owner only); only they are served.",
                "Without it, group.yaml says clients: any."})
    private java.util.List<String> clients = java.util.List.of();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the group directory.")
    private Path out;

    @Option(names = "--signature-scheme", paramLabel = "SCHEME",
            description = "Threshold signatures: ed25519-quorum, bls12-381 or shoup-rsa (default: the fastest for n).")
    private String signatureScheme;

    @Option(names = "--coin-scheme", paramLabel = "SCHEME", description = "Threshold coin: dh-coin-p256 or bls12-381-coin (default: dh-coin-p256).")
    private String coinScheme;

    @Option(names = "--force", description = "Replace an existing group in DIR.")
    private boolean force;

    private void checkScheme(String scheme, Dealers.Kind kind) {
        if (scheme != null && !Dealers.schemes(kind).contains(scheme)) {
            throw new ParameterException(spec.commandLine(), "'" + scheme + "' is not a " + kind.name().toLowerCase(java.util.Locale.ROOT)
                    + " scheme; choose one of " + Dealers.schemes(kind));
        }
    }

    @Override
    public Integer call() {
        Dealer.Plan plan;
        try {
            if (host.isBlank()) {
                throw new UnknownHostException();
            }
            plan = new Dealer.Plan(group, sites, t == null ? (sites - 1) / 3 : t, InetAddress.getByName(host), basePort,
                    clientBasePort == null ? basePort + 100 : clientBasePort, clients,
                    signatureScheme != null ? signatureScheme : Dealers.defaultSignatureScheme(sites),
                    coinScheme != null ? coinScheme : Dealers.defaultCoinScheme(), Dealers.defaultEncryptionScheme());
            checkScheme(signatureScheme, Dealers.Kind.SIGNATURE);
            checkScheme(coinScheme, Dealers.Kind.COIN);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (UnknownHostException e) {
            throw new ParameterException(spec.commandLine(), "--host '" + host + "': unknown host; give a name or address"
                    + " the sites reach each other at, e.g. --host 127.0.0.1");
        }
        GroupDirectory dir;
        try {
            dir = new Dealer(new SecureRandom()).deal(plan, new GroupDirectory(out), force);
        } catch (FileAlreadyExistsException e) {
            throw new ParameterException(spec.commandLine(), "--out " + out + ": " + e.getMessage());
        } catch (IOException e) {
            // Nothing was written (the dealer writes all or nothing): say why, in one line.
            throw new ParameterException(spec.commandLine(), "--out " + out + ": cannot write the group there ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); give a directory you can create");
        }
        GroupConfig g = dir.group();
        PrintWriter w = spec.commandLine().getOut();
        w.printf("Group '%s': n = %d, t = %d, written to %s%n", g.groupId(), g.n(), g.t(), out.toAbsolutePath());
        for (int i = 0; i < g.n(); i++) {
            w.printf("  site %d at %s, keys in %s (owner only)%n", i, g.address(i), dir.siteDirectory(i));
        }
        for (int i = 0; i < g.n(); i++) {
            w.printf("  site %d serves clients at %s%n", i, g.site(i).clientEndpoint().map(Object::toString).orElse("(none)"));
        }
        if (g.clients().admitsAny()) {
            w.println("  clients: any (pass --clients NAME,... to serve only clients the dealer named)");
        }
        for (String c : g.clients().listed().keySet()) {
            w.printf("  client %s: key in %s (owner only)%n", c, dir.clientDirectory(c));
        }
        for (KeyPurpose p : KeyPurpose.all()) {
            ThresholdKeyFile k = dir.publicKey(p);
            w.printf("  %-10s %-15s (n, k, t) = (%d, %d, %d)%n", p.fileName().replace(".key", ""), k.scheme(),
                    k.parameters().n(), k.parameters().k(), k.parameters().t());
        }
        w.printf("Fingerprint of the public group: %s%n", dir.fingerprint());
        w.println("Give each site group.yaml and its own site-<i> directory, each client group.yaml and its own"
                + " clients/<name> directory, nothing else.");
        w.flush();
        return 0;
    }
}
