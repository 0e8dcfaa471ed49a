package org.maftia.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class MaftiaCommandTest {

    private final CommandRun cli = new CommandRun();
    private final StringWriter out = cli.out;
    private final StringWriter err = cli.err;

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    void helpListsEverySubcommand() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("version", "keygen", "ttcbd", "site", "client", "status", "demo", "test", "jmh");
    }

    @ParameterizedTest
    @ValueSource(strings = {"version", "keygen", "ttcbd", "site", "client", "status", "demo", "demo bank", "demo stream", "demo reliable", "demo kernel", "test", "jmh"})
    void everySubcommandHasHelp(String subcommand) {
        List<String> args = new java.util.ArrayList<>(List.of(subcommand.split(" ")));
        args.add("--help");
        assertThat(run(args.toArray(String[]::new))).isZero();
        assertThat(out.toString()).startsWith("Usage: maftia " + subcommand);
    }

    @Test
    void theDemoHelpListsTheVariantsAndSaysWhichRunsByDefault() {
        assertThat(run("demo", "--help")).isZero();
        assertThat(out.toString()).contains("bank", "stream", "reliable", "kernel", "Without a variant: the main one, 'demo bank'");
    }

    @Test
    void ttcbdGivesOneLineForABadConfiguration(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path config = dir.resolve("ttcb.yaml");
        java.nio.file.Files.writeString(config, "id: 0\nmembers: [127.0.0.1:7400]\n");
        // The daemon reads only an owner-only configuration: it holds the control network's secret.
        java.nio.file.Files.setPosixFilePermissions(config, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(run("ttcbd", config.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("maftia ttcbd: " + config + ": socket: missing").hasLineCount(1);
    }

    @Test
    void ttcbdGivesOneLineWhenTheHostRefusesTheConfiguration(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path config = dir.resolve("ttcb.yaml");
        java.nio.file.Path socket = dir.resolve("missing").resolve("ttcb.sock");
        int port;
        try (java.net.DatagramSocket free = new java.net.DatagramSocket(0)) {
            port = free.getLocalPort();
        }
        java.nio.file.Files.writeString(config, "id: 0\nsocket: " + socket + "\nkeyFile: " + dir.resolve("ttcb.key")
                + "\ncontrolSecret: c2VjcmV0IHNlY3JldCBzZWNyZXQgc2VjcmV0\n"
                + "timing: {ts: 50ms, tr: 10ms, od: 1, tsend: 50ms, wcetSend: 150ms, wcetReceive: 50ms, pi: 200ms}\n"
                + "members: [127.0.0.1:" + port + "]\n");
        // The daemon reads only an owner-only configuration: it holds the control network's secret.
        java.nio.file.Files.setPosixFilePermissions(config, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(run("ttcbd", config.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("maftia ttcbd: socket: cannot listen on " + socket).hasLineCount(1);
    }

    @Test
    void versionNamesTheBuildAndTheJvm() {
        assertThat(run("version")).isZero();
        assertThat(out.toString()).containsPattern("maftia \\S+").contains("Java " + Runtime.version().feature());
    }

    @Test
    void theKernelDemoRunsAStackAndReportsTheFlowAndTheRate() {
        assertThat(run("demo", "kernel", "--messages", "5000", "--size", "100", "--window", "8")).isZero();
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
    void theBankDemoShowsExactlyOnceAgreementConservationAndTheOutvotedReplicas() {
        assertThat(run("demo", "bank", "--clients", "2", "--transfers", "3")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("every committed transfer applied exactly once: yes; same balances as the other honest replicas: yes",
                ": conserved", "tm site 3 (corrupted) tried", "bank-a site 3 (corrupted) tried", "OK");
        assertThat(out.toString()).doesNotContain(": NO", "NOT conserved");
    }

    @Test
    void theStreamDemoOrdersTheStreamIdenticallyAtEveryHonestSiteDespiteTheByzantineSite() {
        assertThat(run("demo", "stream", "--payloads", "20", "--batch", "4")).as(err.toString()).isZero();
        String printed = out.toString();
        assertThat(printed).contains("Site 3 is Byzantine", "The three orders are identical.",
                "forged 3 closes in the honest sites' names",
                "60 honest payloads ordered", "Every honest payload was delivered at every honest site", "OK");
        // Site 3's forgeries are ordered when its batches make it into a round, maybe not before the close.
        assertThat(printed).containsPattern("site 0: +\\d+ payloads \\(60 honest, \\d from site 3\\)");
    }

    @Test
    void theReliableBroadcastDemoShowsHonestSitesAgreeingDespiteTheByzantineSite() {
        assertThat(run("demo", "reliable", "--broadcasts", "5")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Site 3 is Byzantine", "Byzantine site 3 equivocated in all 5 of its broadcasts",
                "split deliveries: 0", "15 honest reliable broadcasts delivered at 3 honest sites",
                "Honest sites agree on every broadcast.", "OK");
        assertThat(out.toString()).containsPattern("site 0:  from 0:   5 \\p{XDigit}{8}");
    }

    /** A mistake on the command line: one line naming the option, the bad value and the fix; exit 2. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "demo stream --payloads 0    | maftia demo stream: --payloads must be at least 1, not 0",
        "demo stream --size 3        | maftia demo stream: --size must be 16 bytes to 1 MiB, not 3",
        "demo reliable --broadcasts 0 | maftia demo reliable: --broadcasts must be at least 1, not 0",
        "demo kernel --size 3        | maftia demo kernel: --size must be between 8 bytes and 16 MiB, not 3",
        "demo stream --payloads many | maftia demo stream: Invalid value for option '--payloads': 'many' is not an int;"
            + " for example --payloads 500 (the default)",
        "demo reliable --link-mode X | maftia demo reliable: Invalid value for option '--link-mode': expected one of",
        "demo --payloads 20          | maftia demo: --payloads is an option of 'maftia demo stream', not of 'maftia demo':"
            + " bin/maftia demo stream --payloads 20",
        "demo kernel --payloads=20   | maftia demo kernel: --payloads is an option of 'maftia demo stream', not of"
            + " 'maftia demo kernel': bin/maftia demo stream --payloads 20",
        "demo --size 100             | maftia demo: --size is an option of 'maftia demo stream' or 'maftia demo kernel'",
        "demo reliable --messages 5  | maftia demo reliable: --messages is an option of 'maftia demo kernel'",
        "demo --reliable             | maftia demo: unknown option --reliable; see bin/maftia demo --help",
        "demo fast                   | maftia demo: 'fast' is not a subcommand of 'maftia demo'; choose bank, stream, reliable, kernel",
        "dmeo                        | maftia: 'dmeo' is not a subcommand of 'maftia'; choose version, keygen, ttcbd, site, client, status, demo"
    })
    void aCommandLineMistakeGivesOneLineWithTheFixAndExitCode2(String args, String line) {
        assertThat(run(args.split(" +"))).as(err.toString()).isEqualTo(2);
        assertThat(err.toString()).startsWith(line).hasLineCount(1);
        assertThat(out.toString()).isEmpty();
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

    /** bin/maftia carries out test and jmh; the Java commands hand their arguments over to it, unchanged. */
    @Test
    void testAndJmhHandOverToTheScript(@org.junit.jupiter.api.io.TempDir java.nio.file.Path home) throws Exception {
        java.nio.file.Files.writeString(home.resolve("pom.xml"), "<project/>");
        java.nio.file.Path script = java.nio.file.Files.createDirectories(home.resolve("bin")).resolve("maftia");
        java.nio.file.Path called = home.resolve("called");
        java.nio.file.Files.writeString(script, "#!/bin/sh\necho \"$@\" >> '" + called + "'\nexit 7\n");
        java.nio.file.Files.setPosixFilePermissions(script, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        String saved = System.getProperty("maftia.home");
        System.setProperty("maftia.home", home.toString());
        try {
            assertThat(run("test", "-pl", "group", "-Dtest=Stream*")).isEqualTo(7);
            assertThat(run("jmh", "Stack", "-f", "1")).isEqualTo(7);
        } finally {
            if (saved != null) {
                System.setProperty("maftia.home", saved);
            } else {
                System.clearProperty("maftia.home");
            }
        }
        assertThat(java.nio.file.Files.readAllLines(called)).containsExactly("test -pl group -Dtest=Stream*", "jmh Stack -f 1");
    }
}
