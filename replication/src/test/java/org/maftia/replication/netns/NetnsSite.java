package org.maftia.replication.netns;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A site's JVM ({@link NetnsSiteMain}) started inside its namespace with the test's class path,
 * and what it printed: whether it is ready, its latest executed count and round, and the status
 * lines it printed (with the test's clock) as evidence for a failure message. Its standard error
 * goes to a file.
 */
final class NetnsSite implements AutoCloseable {

    /** One status line as the test received it, {@code millis} after the site started. */
    record Line(long millis, long executed, long round) {
        @Override
        public String toString() {
            return "+" + millis + "ms executed " + executed + " round " + round;
        }
    }

    private final int id;
    private final Process process;
    private final Path errors;
    private final long started = System.nanoTime();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final List<Line> lines = new ArrayList<>();
    private final ArrayDeque<String> otherOutput = new ArrayDeque<>();

    private NetnsSite(int id, Process process, Path errors) {
        this.id = id;
        this.process = process;
        this.errors = errors;
    }

    static NetnsSite start(String namespace, Path groupDirectory, int id, Path errors) throws IOException {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process p = new ProcessBuilder("ip", "netns", "exec", namespace, java, "-Xmx256m", "-XX:+UseSerialGC",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                NetnsSiteMain.class.getName(), groupDirectory.toString(), Integer.toString(id))
                .redirectError(errors.toFile())
                .start();
        NetnsSite site = new NetnsSite(id, p, errors);
        Thread reader = new Thread(site::read, "netns-site-" + id + "-stdout");
        reader.setDaemon(true);
        reader.start();
        return site;
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.equals(NetnsSiteMain.READY)) {
                    ready.countDown();
                } else if (line.startsWith(NetnsSiteMain.STATUS)) {
                    String[] w = line.split(" ");
                    synchronized (this) {
                        lines.add(new Line(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                                Long.parseLong(w[1]), Long.parseLong(w[3])));
                    }
                } else {
                    synchronized (this) {
                        otherOutput.addLast(line);
                        if (otherOutput.size() > 20) {
                            otherOutput.removeFirst();
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the process ended; alive() and the lines say what is known
        }
    }

    boolean awaitReady(long timeout, TimeUnit unit) throws InterruptedException {
        return ready.await(timeout, unit);
    }

    /** The latest status line, or null before the first. */
    synchronized Line latest() {
        return lines.isEmpty() ? null : lines.getLast();
    }

    /** The executed count of the latest line; -1 before the first. */
    long executed() {
        Line l = latest();
        return l == null ? -1 : l.executed();
    }

    /** Status lines received after {@code sinceMillis} (the site's clock), for a failure message. */
    synchronized List<Line> linesSince(long sinceMillis) {
        return lines.stream().filter(l -> l.millis() >= sinceMillis).toList();
    }

    long millisSinceStart() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    /** What the site printed besides status lines, and the end of its standard error, for a failure message. */
    synchronized String diagnostics() {
        String err;
        try {
            List<String> all = java.nio.file.Files.readAllLines(errors);
            err = String.join("\n", all.subList(Math.max(0, all.size() - 30), all.size()));
        } catch (IOException e) {
            err = "(no standard error: " + e.getMessage() + ")";
        }
        return "site " + id + (process.isAlive() ? " running" : " exited " + process.exitValue()) + "; stdout: " + otherOutput
                + "\nstderr:\n" + err;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
