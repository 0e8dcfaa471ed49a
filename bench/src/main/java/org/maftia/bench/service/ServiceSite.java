package org.maftia.bench.service;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.maftia.net.client.ClientEndpointSettings;
import org.maftia.replication.ReplicaOptions;
import org.maftia.replication.ServedReplica;
import org.maftia.replication.ServiceReplica;

/**
 * One site process of the benchmark: site {@code id} of the group in {@code groupDir} hosting the
 * benchmark's service, as {@code maftia site} would run it. It prints {@value #READY} once its
 * replica runs, answers each {@code status} line on its standard input with one line of the
 * replica's figures, and stops when its standard input ends: the benchmark holds the other end,
 * so the site goes with it even when the benchmark is killed outright.
 *
 * <p>Usage: {@code ServiceSite GROUP_DIR ID REPLY_BYTES}.
 */
public final class ServiceSite {

    static final String SERVICE_ID = "bench";
    static final String READY = "ready";
    static final String STATUS = "status";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private ServiceSite() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: ServiceSite GROUP_DIR ID REPLY_BYTES");
            System.exit(2);
        }
        Path groupDir = Path.of(args[0]);
        int id = Integer.parseInt(args[1]);
        int replyBytes = Integer.parseInt(args[2]);
        // An exception in any thread of a site fails the benchmark: the site exits, saying why in one line.
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            System.err.println("site " + id + ": thread " + thread.getName() + " failed: " + Failure.describe(e));
            Runtime.getRuntime().halt(70);
        });
        ServedReplica served = ServedReplica.start(groupDir, id, SERVICE_ID, new BenchService(replyBytes),
                ReplicaOptions.DEFAULT, ClientEndpointSettings.defaults());
        if (!served.replica().awaitRunning(START_TIMEOUT)) {
            System.err.println("site " + id + ": the replica did not start running within " + START_TIMEOUT.toSeconds() + " s");
            System.exit(1);
        }
        System.out.println(READY + " " + id);
        System.out.flush();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = commands.readLine(); line != null; line = commands.readLine()) {
            if (line.strip().equals(STATUS)) {
                System.out.println(statusLine(served.replica()));
                System.out.flush();
            }
        }
        served.close();
        System.exit(0);
    }

    /** {@code status ROUND EXECUTED}: the replica's atomic broadcast round and the requests it executed. */
    private static String statusLine(ServiceReplica replica) {
        ServiceReplica.Status s = replica.status().join();
        return String.format(Locale.ROOT, "%s %d %d", STATUS, s.round(), s.executed());
    }
}
