package org.maftia.replication.netns;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.maftia.net.client.ClientEndpointSettings;
import org.maftia.replication.ReplicaOptions;
import org.maftia.replication.ServedReplica;
import org.maftia.replication.ServiceReplica;
import org.maftia.replication.service.KeyValueStore;

/**
 * One site of the group in its own process, as {@link NetnsReplicationTest} starts it inside a
 * network namespace: {@code NetnsSiteMain GROUP_DIR SITE_ID}. It prints {@value #READY} once its
 * replica runs, then {@code executed N round R} every 500 ms, which is all the test can see of a
 * process. It exits when its standard input closes, so a test JVM that dies leaves no site behind.
 */
public final class NetnsSiteMain {

    static final String READY = "ready";
    static final String STATUS = "executed ";

    private NetnsSiteMain() {
    }

    public static void main(String[] args) throws Exception {
        Path groupDirectory = Path.of(args[0]);
        int id = Integer.parseInt(args[1]);
        ServedReplica served = ServedReplica.start(groupDirectory, id, "kv", new KeyValueStore(), ReplicaOptions.DEFAULT,
                ClientEndpointSettings.defaults());
        exitWhenInputCloses();
        ServiceReplica replica = served.replica();
        if (!replica.awaitRunning(Duration.ofSeconds(60))) {
            System.out.println("not running after 60 s");
            System.exit(3);
        }
        System.out.println(READY);
        while (true) {
            ServiceReplica.Status s = replica.status().get(5, TimeUnit.SECONDS);
            System.out.println(STATUS + s.executed() + " round " + s.round());
            Thread.sleep(500); // the status line's period: what the test reads to follow the site
        }
    }

    private static void exitWhenInputCloses() {
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the test writes nothing; only the end of the stream matters
                }
            } catch (java.io.IOException e) {
                // a broken pipe is the parent gone, as an end of stream is
            }
            Runtime.getRuntime().halt(0);
        }, "exit-with-parent");
        watcher.setDaemon(true);
        watcher.start();
    }
}
