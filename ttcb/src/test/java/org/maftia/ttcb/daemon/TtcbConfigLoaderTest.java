package org.maftia.ttcb.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The daemon's YAML: a good file loads; each mistake is one line naming the field and the fix. */
class TtcbConfigLoaderTest {

    private static final String GOOD = DaemonClusterTest.config(1, List.of(7400, 7401, 7402, 7403), Path.of("/tmp/x"),
            "c2VjcmV0IHNlY3JldCBzZWNyZXQgc2VjcmV0");

    @Test
    void loadsAGoodFile() {
        TtcbConfig c = TtcbConfigLoader.parse(GOOD, "ttcb.yaml", null);
        assertThat(c.id()).isEqualTo(1);
        assertThat(c.members()).hasSize(4);
        assertThat(c.timing().ts()).isEqualTo(50_000_000L);
        assertThat(c.timing().od()).isEqualTo(1);
        assertThat(c.settings().n()).isEqualTo(4);
        assertThat(c.functionWcets()).containsEntry("sha256", 200_000L);
    }

    @Test
    void mistakesAreOneClearLine() {
        check(GOOD.replace("id: 1", "id: 9"), "id: '9'");
        check(GOOD.replace("ts: 50ms", "ts: fast"), "timing.ts: 'fast' is not a duration");
        check(GOOD.replace("pi: 200ms", "pi: 1ms"), "timing.pi: 1000000 ns cannot be kept");
        check(GOOD.replace("controlSecret: ", "controlSecret: x*"), "controlSecret: not base64");
        check(GOOD.replace("127.0.0.1:7402", "127.0.0.1:7401"), "is listed twice");
        check(GOOD.replace("127.0.0.1:7402", "nowhere"), "members[2]: 'nowhere' is not host:port");
        check(GOOD + "colour: blue\n", "colour: unknown field");
        check(GOOD.replace("od: 1,", "od: 1, odd: 2,"), "timing.odd: unknown field");
        check(GOOD.replace("tr: 10ms", "tr: 90ms"), "timing.tr: 90000000 ns is longer than ts");
        check("[1, 2", "not valid YAML");
    }

    @Test
    void valuesThatWouldBreakTheDaemonAreRefused() {
        // 10^23 ns does not fit a long: it must not wrap into a negative Tagreement.
        check(GOOD.replace("ts: 50ms", "ts: 99999999999999s"), "timing.ts: '99999999999999s' is longer than");
        check(GOOD.replace("pi: 200ms", "pi: 100000s"), "timing.pi: '100000s' is longer than");
        check(GOOD.replace("wcetSend: 150ms", "wcetSend: 3600s"), "timing.wcetSend: '3600s' is longer than");
        check(GOOD + "functions: {sha256: 9999999s}\n", "functions.sha256: '9999999s' is longer than");
        check(GOOD.replace("bd: 1", "bd: 4"), "timing.bd: '4'; give the broadcast degree Bd, an integer in [0, 3]");
        check(GOOD + "retention: 0s\n", "retention: must be positive");
        check(GOOD.replace("127.0.0.1:7402", "no-such-host.invalid:7402"), "members[2]: 'no-such-host.invalid' does not resolve");
        check(GOOD.replace("ttcb1.pub", "ttcb1.key"), "publicKeyFile: the same file as keyFile");
        check(GOOD.replace("ttcb1.sock", "ttcb1.key"), "socket: the same file as keyFile");
    }

    private static void check(String yaml, String expected) {
        assertThatThrownBy(() -> TtcbConfigLoader.parse(yaml, "ttcb.yaml", null))
                .isInstanceOf(TtcbConfigException.class)
                .hasMessageStartingWith("ttcb.yaml: ")
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
