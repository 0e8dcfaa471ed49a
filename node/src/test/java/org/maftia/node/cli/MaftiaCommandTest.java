package org.maftia.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class MaftiaCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = MaftiaCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void helpListsEverySubcommand() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("version", "keygen", "ttcbd", "demo", "test", "jmh");
    }

    @ParameterizedTest
    @ValueSource(strings = {"version", "keygen", "ttcbd", "demo", "test", "jmh"})
    void everySubcommandHasHelp(String subcommand) {
        assertThat(run(subcommand, "--help")).isZero();
        assertThat(out.toString()).startsWith("Usage: maftia " + subcommand);
    }

    @Test
    void ttcbdGivesOneLineForABadConfiguration(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path config = dir.resolve("ttcb.yaml");
        java.nio.file.Files.writeString(config, "id: 0\nmembers: [127.0.0.1:7400]\n");
        assertThat(run("ttcbd", config.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("maftia ttcbd: " + config + ": socket: missing").hasLineCount(1);
    }

    @Test
    void versionNamesTheBuildAndTheJvm() {
        assertThat(run("version")).isZero();
        assertThat(out.toString()).containsPattern("maftia \\S+").contains("Java " + Runtime.version().feature());
    }

    @Test
    void theDemoRunsAStackAndReportsTheFlowAndTheRate() {
        assertThat(run("demo", "--kernel", "--messages", "5000", "--size", "100", "--window", "8")).isZero();
        String printed = out.toString();
        assertThat(printed).contains(
                "DemoMessage  DOWN  -> SequenceSession", "DemoMessage  DOWN  -> BounceSession",
                "DemoMessage  UP    -> LoadGeneratorSession",
                "Sent 5,000, back intact and in order 5,000, bad payloads 0.",
                "Checksum: 5,000 verified, 0 corrupted. Sequence: 0 out of order.",
                "round trips/s", "OK: every message came back intact and in order.");
        // The message grows by the sequence (8) and checksum (4) headers on the way down.
        assertThat(printed).containsPattern("BounceSession\\s+112 bytes");
    }

    @Test
    void theDemoOrdersTheStreamIdenticallyAtEveryHonestSiteDespiteTheByzantineSite() {
        assertThat(run("demo", "--payloads", "20", "--batch", "4")).as(err.toString()).isZero();
        String printed = out.toString();
        assertThat(printed).contains("Site 3 is Byzantine", "The three orders are identical.",
                "forged 3 closes in the honest sites' names",
                "60 honest payloads ordered", "Every honest payload was delivered at every honest site", "OK");
        // Site 3's forgeries are ordered when its batches make it into a round, maybe not before the close.
        assertThat(printed).containsPattern("site 0: +\\d+ payloads \\(60 honest, \\d from site 3\\)");
    }

    @Test
    void badStreamDemoSettingsGiveOneClearLine() {
        assertThat(run("demo", "--payloads", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--payloads must be at least 1, not 0");
    }

    @Test
    void theReliableBroadcastDemoShowsHonestSitesAgreeingDespiteTheByzantineSite() {
        assertThat(run("demo", "--reliable", "--broadcasts", "5")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Site 3 is Byzantine", "Byzantine site 3 equivocated in all 5 of its broadcasts",
                "split deliveries: 0", "15 honest reliable broadcasts delivered at 3 honest sites",
                "Honest sites agree on every broadcast.", "OK");
        assertThat(out.toString()).containsPattern("site 0:  from 0:   5 \\p{XDigit}{8}");
    }

    @Test
    void badDemoSettingsGiveOneClearLine() {
        assertThat(run("demo", "--kernel", "--size", "3")).isEqualTo(2);
        assertThat(err.toString()).contains("--size must be between 8 bytes and 16 MiB, not 3");
    }

    @Test
    void testAndJmhNeedTheSourceTree() {
        String saved = System.getProperty("maftia.home");
        System.clearProperty("maftia.home");
        try {
            for (String sub : List.of("test", "jmh")) {
                assertThat(run(sub)).isEqualTo(2);
                assertThat(err.toString()).contains("run it as bin/maftia " + sub + " from a checkout");
            }
        } finally {
            if (saved != null) {
                System.setProperty("maftia.home", saved);
            }
        }
    }
}
