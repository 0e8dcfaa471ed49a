package org.maftia.node.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Real {@code maftia site} processes of one group on loopback, for the process tests: started
 * with the test's class path, their output collected, stopped with SIGTERM or killed.
 */
final class SiteProcesses implements AutoCloseable {

    /** Free ports base..base+count-1 and base+100..base+100+count-1 on loopback, for a group's sites and client ports. */
    static int freeBase(int count) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = 20_000 + ThreadLocalRandom.current().nextInt(30_000);
            if (allFree(base, count) && allFree(base + 100, count)) {
                return base;
            }
        }
        throw new IllegalStateException("no free ports on loopback");
    }

    private static boolean allFree(int base, int count) {
        for (int p = base; p < base + count; p++) {
            try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
                s.setReuseAddress(true);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /** One site process and every line it wrote (stdout and stderr). */
    static final class Running {
        final Process process;
        final List<String> output = new ArrayList<>();

        Running(Process process) {
            this.process = process;
            Thread drain = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        synchronized (output) {
                            output.add(line);
                        }
                    }
                } catch (IOException e) {
                    // the process ended
                }
            }, "site-output");
            drain.setDaemon(true);
            drain.start();
        }

        boolean wrote(String text) {
            synchronized (output) {
                return output.stream().anyMatch(l -> l.contains(text));
            }
        }

        String output() {
            synchronized (output) {
                return String.join("\n", output);
            }
        }
    }

    private final Path groupDir;
    private final Running[] sites;
    private final List<Running> all = new ArrayList<>();

    SiteProcesses(Path groupDir, int n) {
        this.groupDir = groupDir;
        this.sites = new Running[n];
    }

    /** Starts site {@code id} with {@code extra} arguments; does not wait. */
    Running start(int id, String... extra) {
        List<String> command = new ArrayList<>(javaCommand());
        command.addAll(List.of("org.maftia.node.Main", "site", "--group-dir", groupDir.toString(), "--site", Integer.toString(id)));
        command.addAll(List.of(extra));
        try {
            Running r = new Running(new ProcessBuilder(command).redirectErrorStream(true).start());
            sites[id] = r;
            all.add(r);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until site {@code id} printed its running line. */
    void awaitServing(int id) {
        Running r = sites[id];
        // A JVM starting with the crypto providers on 2 busy cores: seconds, so a bounded poll.
        poll(() -> r.wrote("serving") || !r.process.isAlive(), 60, "site " + id + " serving");
        assertThat(r.process.isAlive()).as(r.output()).isTrue();
        assertThat(r.output()).contains("site " + id + " of group ");
    }

    Running site(int id) {
        return sites[id];
    }

    /** kill -9: the process gets no chance to close anything. */
    void kill(int id) throws InterruptedException {
        sites[id].process.destroyForcibly();
        assertThat(sites[id].process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    /** SIGTERM, and the exit code the process ended with. */
    int stop(int id) throws InterruptedException {
        sites[id].process.destroy();
        assertThat(sites[id].process.waitFor(30, TimeUnit.SECONDS)).as(sites[id].output()).isTrue();
        return sites[id].process.exitValue();
    }

    @Override
    public void close() {
        all.forEach(r -> r.process.destroyForcibly());
    }

    /** The java command a child runs with: this JVM's binary and the test's class path. */
    static List<String> javaCommand() {
        String modules = System.getProperty("jdk.module.path");
        String classes = System.getProperty("java.class.path");
        String path = modules == null || modules.isEmpty() ? classes : modules + java.io.File.pathSeparator + classes;
        // C1 only: these processes live for seconds, and the two cores are shared by five JVMs.
        return List.of(ProcessHandle.current().info().command().orElse("java"), "-XX:TieredStopAtLevel=1", "-Xmx256m",
                "--enable-native-access=ALL-UNNAMED", "-cp", path);
    }

    /** Polls {@code condition} every 50 ms for at most {@code seconds}; fails naming {@code what} otherwise. */
    static void poll(BooleanSupplier condition, int seconds, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + seconds + " s waiting for " + what);
            }
            try {
                // Waiting on other processes, which have no way to signal this one: poll, briefly.
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
