package org.maftia.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The demos as a hostile or careless user runs them: every failure is one line, and nothing is left behind. */
class DemoCommandTest {

    private final CommandRun cli = new CommandRun();
    private final StringWriter out = cli.out;
    private final StringWriter err = cli.err;

    private int run(String... args) {
        return cli.run(args);
    }

    private void assertOneLine(String expectedStart) {
        assertThat(err.toString().lines().count()).as(err.toString()).isEqualTo(1);
        assertThat(err.toString()).startsWith(expectedStart).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "demo stream --timeout 9223372036854775807 | maftia demo stream: --timeout must be 1 to 86400 seconds (a day), not 9223372036854775807",
        "demo stream --timeout 0                   | maftia demo stream: --timeout must be 1 to 86400 seconds (a day), not 0",
        "demo reliable --timeout -5                | maftia demo reliable: --timeout must be 1 to 86400 seconds (a day), not -5",
        "demo kernel --timeout 9223372036854775807 | maftia demo kernel: --timeout must be 1 to 86400 seconds (a day), not",
        "demo stream --szie 100                    | maftia demo stream: unknown option --szie (did you mean --size?)",
        "demo reliable --broadcast 5               | maftia demo reliable: unknown option --broadcast (did you mean --broadcasts?)",
        "demo --sise 5                             | maftia demo: unknown option --sise (did you mean 'maftia demo stream --size'",
        "demo --payload-size 1048576 --payloads 20 | maftia demo: --payload-size is an option of 'maftia demo stream', not of"
            + " 'maftia demo': bin/maftia demo stream --payload-size 1048576",
    })
    void aMistakeNamesTheOptionInOneLineWithExitCode2(String args, String line) {
        assertThat(run(args.split(" +"))).as(err.toString()).isEqualTo(2);
        assertOneLine(line);
    }

    @Test
    void aStreamDemoThatTimesOutSaysWhatItWaitedForAndExitsWith1() {
        assertThat(run("demo", "stream", "--payloads", "1000000", "--timeout", "1")).as(err.toString()).isEqualTo(1);
        assertOneLine("maftia demo stream: timed out after 1 s waiting for every honest site to deliver all 3000000 honest payloads");
    }

    @Test
    void aReliableDemoThatTimesOutSaysWhatItWaitedForAndExitsWith1() {
        assertThat(run("demo", "reliable", "--broadcasts", "5000", "--timeout", "1")).as(err.toString()).isEqualTo(1);
        assertOneLine("maftia demo reliable: timed out after 1 s waiting for");
    }

    @Test
    void aPayloadOfOneMebibyteIsOrdered() {
        assertThat(run("demo", "stream", "--size", "1048576", "--payloads", "2", "--timeout", "120")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("6 honest payloads ordered", "OK");
    }

    /** SIGTERM (what Process.destroy sends) runs the shutdown hooks; the group's private keys must go with the process. */
    @Test
    void aDemoStoppedBySigtermLeavesNoKeysBehind() throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                classPath(), "org.maftia.node.Main", "demo", "stream", "--payloads", "1000000", "--timeout", "600"));
        Process demo = new ProcessBuilder(command).redirectErrorStream(true).start();
        Path dir = null;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            List<String> seen = new ArrayList<>();
            while ((line = lines.readLine()) != null) {
                seen.add(line);
                if (line.contains("dealt by the trusted dealer in ")) {
                    dir = Path.of(line.replaceAll(".* dealt by the trusted dealer in (\\S+): .*", "$1"));
                }
                if (line.contains("Atomic broadcast stream")) {
                    break;
                }
            }
            assertThat(dir).as(String.join("\n", seen)).isNotNull();
            assertThat(dir.resolve("site-0").resolve("link.key")).exists();
            demo.destroy();
            assertThat(demo.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            demo.destroyForcibly();
        }
        assertThat(dir).doesNotExist();
    }

    /** Four sites' stacks with 1 MiB batches do not fit a small heap: refused up front, not an OutOfMemoryError per thread. */
    @Test
    void payloadsTooLargeForTheHeapAreRefusedInOneLine() throws Exception {
        Process demo = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m", "-cp", classPath(),
                "org.maftia.node.Main", "demo", "stream", "--size", "1000000", "--payloads", "20", "--timeout", "20")
                .redirectErrorStream(true).start();
        String output = new String(demo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(demo.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(demo.exitValue()).as(output).isEqualTo(2);
        assertThat(output.lines().count()).as(output).isEqualTo(1);
        assertThat(output).startsWith("maftia demo stream: --size 1000000 with --batch 64: the 4 sites in this process need about")
                .contains("MAFTIA_JAVA_OPTS=-Xmx");
    }

    private static String classPath() {
        String modules = System.getProperty("jdk.module.path");
        String classes = System.getProperty("java.class.path");
        return modules == null || modules.isEmpty() ? classes : modules + java.io.File.pathSeparator + classes;
    }
}
