package org.maftia.bench.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The group's sites, one JVM each ({@link ServiceSite}), started from the benchmark's own class
 * path and JDK. A site that exits before {@link #close} is a failure of the benchmark, reported
 * with the last line it wrote to its standard error. Closing ends every site: first by closing
 * its standard input (it stops itself), then by force.
 */
final class SiteProcesses implements AutoCloseable {

    /** One site's replica figures, from its {@code status} line. */
    record Status(long round, long executed) {
    }

    private static final int STDERR_LINES_KEPT = 20;
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final List<Site> sites = new ArrayList<>();
    private final Failure failure;
    private volatile boolean closing;

    private SiteProcesses(Failure failure) {
        this.failure = failure;
    }

    /** Starts sites 0..n-1 of the group in {@code groupDir}, each with {@code javaOptions} before the main class. */
    static SiteProcesses start(Path groupDir, int n, int replyBytes, List<String> javaOptions, Failure failure) throws IOException {
        SiteProcesses group = new SiteProcesses(failure);
        try {
            for (int id = 0; id < n; id++) {
                group.sites.add(group.launch(groupDir, id, replyBytes, javaOptions));
            }
        } catch (IOException | RuntimeException e) {
            group.close();
            throw e;
        }
        return group;
    }

    private Site launch(Path groupDir, int id, int replyBytes, List<String> javaOptions) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ServiceSite.class.getName(),
                groupDir.toString(), Integer.toString(id), Integer.toString(replyBytes)));
        Process process = new ProcessBuilder(command).start();
        Site site = new Site(id, process);
        process.onExit().thenRun(() -> {
            if (!closing) {
                failure.report("site " + id + " (pid " + process.pid() + ") exited with code " + process.exitValue()
                        + site.lastError());
            }
        });
        return site;
    }

    /** Waits until every site printed its ready line; false if one did not within {@code timeout} or something failed. */
    boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Site s : sites) {
            String line = null;
            while (line == null && failure.what() == null && System.nanoTime() < deadline) {
                line = s.nextLine(ServiceSite.READY + " ", Math.min(deadline, System.nanoTime() + POLL_NANOS));
            }
            if (line == null) {
                return false;
            }
        }
        return true;
    }

    /** Site {@code id}'s figures now; null if it did not answer within {@code timeout}. */
    Status status(int id, Duration timeout) throws InterruptedException {
        Site s = sites.get(id);
        try {
            s.command(ServiceSite.STATUS);
        } catch (IOException e) {
            return null;
        }
        String line = s.nextLine(ServiceSite.STATUS + " ", System.nanoTime() + timeout.toNanos());
        if (line == null) {
            return null;
        }
        String[] f = line.split(" ");
        return new Status(Long.parseLong(f[1]), Long.parseLong(f[2]));
    }

    @Override
    public void close() {
        closing = true;
        for (Site s : sites) {
            s.endInput();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (Site s : sites) {
            try {
                if (!s.process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    s.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                s.process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One site process: its output lines queued as they come, the last lines of its standard error kept. */
    private static final class Site {
        private final int id;
        private final Process process;
        private final Writer input;
        private final BlockingQueue<String> output = new LinkedBlockingQueue<>();
        private final ArrayDeque<String> errors = new ArrayDeque<>();
        private final Thread errorReader;

        Site(int id, Process process) {
            this.id = id;
            this.process = process;
            this.input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            read(process.getInputStream(), "out", output::add);
            errorReader = read(process.getErrorStream(), "err", this::keepError);
        }

        private Thread read(InputStream stream, String name, java.util.function.Consumer<String> sink) {
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        sink.accept(line);
                    }
                } catch (IOException e) {
                    // the process ended; its exit is watched elsewhere
                }
            }, "site-" + id + "-std" + name);
            reader.setDaemon(true);
            reader.start();
            return reader;
        }

        private synchronized void keepError(String line) {
            if (errors.size() == STDERR_LINES_KEPT) {
                errors.removeFirst();
            }
            errors.addLast(line);
        }

        /** The site's last line on standard error, to say why it ended; called once it exited. */
        String lastError() {
            try {
                errorReader.join(1_000); // what the process wrote before it ended may still be in the pipe
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (this) {
                return errors.isEmpty() ? "" : " (its last error line: " + errors.getLast().strip() + ")";
            }
        }

        /** The next output line that starts with {@code prefix}; others (the JVM's own, e.g. JFR's) are skipped. */
        String nextLine(String prefix, long deadlineNanos) throws InterruptedException {
            while (true) {
                String line = output.poll(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null || line.startsWith(prefix)) {
                    return line;
                }
            }
        }

        synchronized void command(String line) throws IOException {
            input.write(line + "\n");
            input.flush();
        }

        synchronized void endInput() {
            try {
                input.close();
            } catch (IOException e) {
                // already gone
            }
        }
    }
}
