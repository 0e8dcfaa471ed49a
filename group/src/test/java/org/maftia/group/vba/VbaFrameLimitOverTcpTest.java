package org.maftia.group.vba;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.maftia.appia.ChannelCursor;
import org.maftia.group.Site;
import org.maftia.group.core.RawMessage;
import org.maftia.group.loopback.LoopbackGroup;
import org.maftia.group.core.SiteRuntime;
import org.maftia.group.abba.ForgedAbbaMessages;
import org.maftia.group.core.Envelope;
import org.maftia.group.core.GroupKeys;
import org.maftia.group.core.MessageTypes;
import org.maftia.group.sim.Byzantine;
import org.maftia.net.MalformedFrameException;
import org.maftia.net.NetworkCounters;
import org.maftia.net.NetworkSession;
import org.maftia.net.link.LinkMode;
import org.maftia.net.tcp.TcpSettings;

/**
 * Protocol 4 over real TCP on loopback, n = 4, with a Byzantine site that pre-votes 0 in the first
 * candidate's biased ABBA with a proof that just fits a frame. An honest party that collects it
 * with a pre-vote for 1 abstains, and an abstention carries the justifications of both pre-votes
 * (spec 5.2.1.1, "Main-vote justification"): had that proof been accepted, every honest abstention
 * would exceed the frame and be dropped by the TCP layer, and no one would collect n-t main-votes.
 */
class VbaFrameLimitOverTcpTest {

    private static final String GROUP = "tcp-vba";
    private static final int N = 4;
    private static final int T = 1;
    private static final int BYZANTINE = 3;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void aByzantineProofAsLargeAsAFrameDoesNotStopTheHonestParties() throws Exception {
        List<GroupKeys> keys = GroupKeys.dealInProcess(N, T, new SecureRandom());
        String id = vbaWithHonestFirstCandidate();
        int a = Vba.permutation(id, N)[0];
        String abbaId = Envelope.tagged(id, "abba|" + a);
        int frame = TcpSettings.DEFAULTS.maxFrameBytes();
        try (LoopbackGroup group = LoopbackGroup.create(GROUP, N, T, LinkMode.MAC)) {
            // What a frame adds to a body under an id as long as the ABBA's: measured, not assumed.
            String probeId = abbaId.substring(0, abbaId.length() - 1) + "x";
            int probeBody = 1000;
            long before = tcp(group.site(0)).bytesReceived();
            SiteRuntime.of(group.site(BYZANTINE)).start(Byzantine.scripted(probeId,
                    ctx -> ctx.send(0, new RawMessage(MessageTypes.ABBA_PRE_VOTE, new byte[probeBody])), (ctx, m) -> { }));
            long probeFrame = awaitGrowth(() -> tcp(group.site(0)).bytesReceived(), before, 1) - before;
            long overhead = probeFrame - probeBody;

            // The pre-vote for 0 fills its frame to 16 bytes short of the limit: the Byzantine site
            // and every receiver accept it; an abstention that embeds it cannot fit.
            int proofBytes = (int) (frame - overhead - 16
                    - ForgedAbbaMessages.roundOnePreVoteBytesBesidesProof(keys.get(BYZANTINE), abbaId, GROUP));
            byte[] preVote = ForgedAbbaMessages.roundOnePreVote(keys.get(BYZANTINE), abbaId, GROUP, false,
                    new byte[proofBytes]);
            long[] received = new long[N];
            for (int h = 0; h < BYZANTINE; h++) {
                received[h] = tcp(group.site(h)).bytesReceived();
            }
            SiteRuntime.of(group.site(BYZANTINE)).start(Byzantine.scripted(abbaId,
                    ctx -> ctx.sendAll(new RawMessage(MessageTypes.ABBA_PRE_VOTE, preVote)), (ctx, m) -> { }));
            for (int h = 0; h < BYZANTINE; h++) {
                int site = h;
                // It waits at every honest site before the agreement starts, so it is collected first.
                awaitGrowth(() -> tcp(group.site(site)).bytesReceived(), received[h], proofBytes);
            }

            List<CompletableFuture<byte[]>> decisions = new ArrayList<>();
            for (int h = 0; h < BYZANTINE; h++) {
                CompletableFuture<byte[]> decided = new CompletableFuture<>();
                decisions.add(decided);
                SiteRuntime site = SiteRuntime.of(group.site(h));
                Vba vba = new Vba(id, keys.get(h), VbaSimulationTest.Q, decided::complete);
                byte[] proposal = ("ok:" + h).getBytes(StandardCharsets.UTF_8);
                site.start(vba);
                site.onProtocolThread(() -> vba.propose(proposal));
            }
            List<String> decided = new ArrayList<>();
            for (int h = 0; h < BYZANTINE; h++) {
                try {
                    decided.add(new String(decisions.get(h).get(PATIENCE.toSeconds(), TimeUnit.SECONDS), StandardCharsets.UTF_8));
                } catch (TimeoutException e) {
                    throw new AssertionError("honest site " + h + " did not decide in " + PATIENCE + "; frames over the"
                            + " limit dropped by honest sites 0-2: " + oversized(group), e);
                }
            }
            assertThat(decided).as("agreement").containsOnly(decided.getFirst());
            assertThat(oversized(group)).as("frames over the limit dropped by honest sites 0-2").containsOnly(0L);
            for (int h = 0; h < BYZANTINE; h++) {
                SiteRuntime site = SiteRuntime.of(group.site(h));
                long[] refused = new long[1];
                site.onProtocolThread(() -> refused[0] = site.session().counters().rejectedByProtocol()).get(10, TimeUnit.SECONDS);
                assertThat(refused[0]).as("the oversized proof refused at site %d", h).isPositive();
            }
            group.checkHealthy();
        }
    }

    /** A VBA id whose first candidate Π(1) is honest, so the honest parties propose 1 in its ABBA. */
    private static String vbaWithHonestFirstCandidate() {
        for (int k = 0; ; k++) {
            String id = "vba-" + k;
            if (Vba.permutation(id, N)[0] != BYZANTINE) {
                return id;
            }
        }
    }

    private static List<Long> oversized(LoopbackGroup group) {
        List<Long> dropped = new ArrayList<>();
        for (int h = 0; h < BYZANTINE; h++) {
            dropped.add(tcp(group.site(h)).refused(MalformedFrameException.Reason.OVERSIZED));
        }
        return dropped;
    }

    /** The counters of the TCP session at the bottom of {@code site}'s channel. */
    private static NetworkCounters tcp(Site site) {
        ChannelCursor c = site.channel().getCursor();
        c.bottom();
        return ((NetworkSession) c.getSession()).counters();
    }

    /** Waits until {@code value} grew by at least {@code by} from {@code from}; returns it. */
    private static long awaitGrowth(LongSupplier value, long from, long by) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (value.getAsLong() < from + by) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no frame of " + by + " bytes arrived in " + PATIENCE);
            }
            Thread.sleep(10); // polling real TCP counters, bounded by the deadline above
        }
        Thread.sleep(50); // the frame's event reaches the protocol thread before the instances start
        return value.getAsLong();
    }
}
