package org.maftia.ttcb.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maftia.ttcb.Protection;
import org.maftia.ttcb.Ttcb.DistributedInfo;
import org.maftia.ttcb.Ttcb.ExecResult;
import org.maftia.ttcb.Ttcb.Handler;
import org.maftia.ttcb.TtcbError;
import org.maftia.ttcb.TtcbException;
import org.maftia.ttcb.client.PublicKeyFile;
import org.maftia.ttcb.client.TtcbClient;
import org.maftia.ttcb.core.FunctionLibrary;

/**
 * One daemon in this JVM on the wall clock, reached over its Unix domain socket: the calls whose
 * replies come later (exec, waitInfo) come back matched to their calls while others go on; an
 * impostor key is refused; a client of the wrong TTCB cannot authenticate.
 */
class SocketChannelTest {

    private static final long MS = 1_000_000L;

    @TempDir
    Path dir;

    @Test
    void asynchronousRepliesOverTheSocket() throws Exception {
        int port = DaemonClusterTest.freePorts(1).getFirst();
        Path config = dir.resolve("ttcb.yaml");
        DaemonClusterTest.writeConfig(config, DaemonClusterTest.config(0, List.of(port), dir, "c2VjcmV0IHNlY3JldCBzZWNyZXQgc2VjcmV0"));
        try (TtcbDaemon daemon = new TtcbDaemon(TtcbConfigLoader.load(config))) {
            daemon.start();
            try (TtcbClient c = TtcbClient.connect(dir.resolve("ttcb0.sock"), dir.resolve("ttcb0.pub"), Protection.AEAD)) {
                long now = c.getTimestamp();
                CompletableFuture<ExecResult> later = c.exec(now, 300 * MS, 2_000 * MS, FunctionLibrary.SHA256, new byte[] {1, 2, 3});
                var started = c.startDistributed(c.getTimestamp(), 50 * MS, 7, List.of(c.eid()), Handler.NONE);
                assertThat(started.error()).isEqualTo(TtcbError.OK);
                CompletableFuture<DistributedInfo> info = c.waitInfo(started.tag());
                // Synchronous calls go on while both wait.
                assertThat(c.getLocalTTCBid()).isZero();
                assertThat(c.delivDistributed(7, started.tag()).error()).isEqualTo(TtcbError.OK);
                DistributedInfo i = info.get(20, TimeUnit.SECONDS);
                assertThat(i.receivers()).hasSize(1);
                assertThat(i.receivers().getFirst().delivered()).isTrue();
                ExecResult r = later.get(20, TimeUnit.SECONDS);
                assertThat(r.error()).isEqualTo(TtcbError.OK);
                assertThat(r.output()).hasSize(32);
                assertThat(r.endEv()).isGreaterThanOrEqualTo(now + 300 * MS);
            }
            // Another key than the daemon's: authentication fails (SK3).
            Path wrong = dir.resolve("wrong.pub");
            PublicKeyFile.write(wrong, org.maftia.ttcb.core.LocalKeys.generate(new java.security.SecureRandom()).publicKey());
            assertThatThrownBy(() -> TtcbClient.connect(dir.resolve("ttcb0.sock"), wrong, Protection.MAC)).isInstanceOf(TtcbException.class);
        }
    }
}
