package org.maftia.ttcb.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control port belongs to one local TTCB: another process cannot bind it beside the daemon
 * (it would read the daemon's frames and make its peers believe it crashed), and a second daemon
 * with the same id does not start.
 */
class ControlPortBindTest {

    @TempDir
    Path dir;

    @Test
    void aSecondBindOfTheControlAddressFails() throws Exception {
        InetSocketAddress a = new InetSocketAddress("127.0.0.1", DaemonClusterTest.freePorts(1).getFirst());
        try (UdpControlNetwork first = new UdpControlNetwork(a, List.of())) {
            assertThatThrownBy(() -> new UdpControlNetwork(a, List.of()).close())
                    .isInstanceOf(TtcbConfigException.class)
                    .hasMessageContaining("control address " + a + " is in use")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }

    @Test
    void aDuplicateDaemonWithTheSameIdDoesNotStart() throws Exception {
        int port = DaemonClusterTest.freePorts(1).getFirst();
        Path firstFile = dir.resolve("ttcb.yaml");
        DaemonClusterTest.writeConfig(firstFile, DaemonClusterTest.config(0, List.of(port), dir, "c2VjcmV0IHNlY3JldCBzZWNyZXQgc2VjcmV0"));
        try (TtcbDaemon first = new TtcbDaemon(TtcbConfigLoader.load(firstFile))) {
            first.start();
            Path file = dir.resolve("again.yaml");
            DaemonClusterTest.writeConfig(file, DaemonClusterTest.config(0, List.of(port), dir, "c2VjcmV0IHNlY3JldCBzZWNyZXQgc2VjcmV0")
                    .replace("ttcb0.sock", "other.sock"));
            TtcbConfig again = TtcbConfigLoader.load(file);
            assertThatThrownBy(() -> new TtcbDaemon(again).close())
                    .isInstanceOf(TtcbConfigException.class)
                    .hasMessageContaining("control address " + again.members().getFirst() + " is in use");
            assertThat(dir.resolve("ttcb0.sock")).exists();
        }
    }
}
