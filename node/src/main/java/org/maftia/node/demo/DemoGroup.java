package org.maftia.node.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.maftia.appia.ChannelCursor;
import org.maftia.group.Site;
import org.maftia.group.SiteOptions;
import org.maftia.group.directory.Dealer;
import org.maftia.group.directory.GroupDirectory;
import org.maftia.group.loopback.LoopbackGroup;
import org.maftia.net.group.GroupConfig;
import org.maftia.net.link.AuthLinkSession;
import org.maftia.net.link.LinkMode;

/**
 * The demos' group: n sites in this process, each with its own Appia thread, over TCP on loopback
 * through authenticated links, dealt into a temporary group directory and each loaded from it with
 * {@link Site#load} as a deployed site is. Closing stops the sites and deletes the directory. The
 * directory holds every site's private keys, so it goes on every exit: a failure while starting,
 * and a process ended by a signal (a shutdown hook; only SIGKILL escapes it).
 */
final class DemoGroup implements AutoCloseable {

    final int n;
    final GroupConfig config;
    final List<Site> sites = new ArrayList<>();
    private final Path dir;
    private final Thread removeOnExit;

    DemoGroup(int n, int t, LinkMode mode, PrintWriter out) throws Exception {
        this.n = n;
        dir = Files.createTempDirectory("maftia-demo-");
        removeOnExit = new Thread(() -> deleteTree(dir), "remove-" + dir.getFileName());
        Runtime.getRuntime().addShutdownHook(removeOnExit);
        try {
            // Sites on base..base+n-1, their (unused) client ports right above.
            int base = LoopbackGroup.freeBasePort(2 * n);
            GroupDirectory groupDir = new Dealer(new SecureRandom()).deal(
                    new Dealer.Plan("demo", n, t, InetAddress.getLoopbackAddress(), base, base + n, List.of(), "ed25519-quorum",
                            "dh-coin-p256", "tdh2-p256"), new GroupDirectory(dir), false);
            config = groupDir.group();
            out.printf(Locale.ROOT, "Group '%s' dealt by the trusted dealer in %s: n = %d, t = %d, fingerprint %s%n",
                    config.groupId(), dir, config.n(), config.t(), groupDir.fingerprint());
            out.flush();
            for (int i = 0; i < n; i++) {
                sites.add(Site.load(dir, i, SiteOptions.DEFAULT.withLinkMode(mode)));
            }
            for (Site s : sites) {
                s.listening().get(10, TimeUnit.SECONDS);
            }
        } catch (Exception | Error e) {
            close();
            throw e;
        }
        out.printf(Locale.ROOT, "Sites 0-%d listen on %s..%s: TCP, authenticated links (%s).%n", n - 1,
                config.address(0), config.address(n - 1).port(), mode);
    }

    /** Frames the authenticated links of {@code site} refused (forged, replayed, tampered). */
    long refusedFrames(int site) {
        ChannelCursor c = sites.get(site).channel().getCursor();
        c.jumpTo(1);
        return ((AuthLinkSession) c.getSession()).droppedTotal();
    }

    @Override
    public void close() {
        sites.forEach(Site::close);
        deleteTree(dir);
        try {
            Runtime.getRuntime().removeShutdownHook(removeOnExit);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: it deletes the directory again, harmlessly.
        }
    }

    /** Synchronized: the shutdown hook and {@link #close} may both get here. */
    private static synchronized void deleteTree(Path top) {
        if (!Files.exists(top)) {
            return;
        }
        try (var walk = Files.walk(top)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // Nobody else will notice what is left, and it is private keys.
            System.err.println("maftia demo: could not remove " + top + " (" + e.getMessage() + "); delete it: it holds private keys");
        }
    }
}
