package org.maftia.node.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import org.maftia.net.group.GroupConfig;
import org.maftia.node.keys.Dealer;
import org.maftia.node.keys.GroupDirectory;
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

    @Option(names = "--group", required = true, paramLabel = "NAME", description = "The group's id.")
    private String group;

    @Option(names = "--sites", defaultValue = "4", paramLabel = "N", description = "Number of sites (default: ${DEFAULT-VALUE}).")
    private int sites;

    @Option(names = "--t", paramLabel = "T", description = "Byzantine sites tolerated (default: the most n > 3t allows).")
    private Integer t;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST", description = "Host of every site (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--base-port", defaultValue = "7100", paramLabel = "PORT", description = "Site i listens on PORT+i (default: ${DEFAULT-VALUE}).")
    private int basePort;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the group directory.")
    private Path out;

    @Option(names = "--force", description = "Replace an existing group in DIR.")
    private boolean force;

    @Override
    public Integer call() throws IOException {
        Dealer.Plan plan;
        try {
            plan = new Dealer.Plan(group, sites, t == null ? (sites - 1) / 3 : t, InetAddress.getByName(host), basePort);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (UnknownHostException e) {
            throw new ParameterException(spec.commandLine(), "--host " + host + ": unknown host");
        }
        GroupDirectory dir;
        try {
            dir = new Dealer(new SecureRandom()).deal(plan, new GroupDirectory(out), force);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        GroupConfig g = dir.group();
        PrintWriter w = spec.commandLine().getOut();
        w.printf("Group '%s': n = %d, t = %d, written to %s%n", g.groupId(), g.n(), g.t(), out.toAbsolutePath());
        for (int i = 0; i < g.n(); i++) {
            w.printf("  site %d at %s, keys in %s (owner only)%n", i, g.address(i), dir.siteDirectory(i));
        }
        w.printf("Fingerprint of the public group: %s%n", dir.fingerprint());
        w.println("Give each site group.yaml and its own site-<i> directory, nothing else.");
        w.flush();
        return 0;
    }
}
