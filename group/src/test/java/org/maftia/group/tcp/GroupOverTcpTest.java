package org.maftia.group.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.maftia.group.Site;
import org.maftia.group.core.RawMessage;
import org.maftia.group.core.SiteRuntime;
import org.maftia.group.loopback.LoopbackGroup;
import org.maftia.group.ReliableBroadcast;
import org.maftia.group.core.Digest;
import org.maftia.group.core.MessageTypes;
import org.maftia.group.sim.Byzantine;
import org.maftia.net.link.LinkMode;
import org.junit.jupiter.api.Test;

/** Four sites on real TCP loopback with authenticated links run reliable broadcasts; site 3 is Byzantine. */
class GroupOverTcpTest {

    @Test
    void honestSitesDeliverTheSameBroadcastsAndTheByzantineSiteCannotSplitThem() throws Exception {
        int n = 4;
        try (LoopbackGroup tcp = LoopbackGroup.create("tcp", n, 1, LinkMode.MAC)) {
            List<Site> sites = tcp.sites();
            // Honest sites 0..2 each broadcast; Byzantine site 3 equivocates in its own broadcast.
            List<List<ReliableBroadcast>> byReceiver = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                List<ReliableBroadcast> mine = new ArrayList<>();
                for (int sender = 0; sender < n; sender++) {
                    mine.add(new ReliableBroadcast(sites.get(i), "rb-" + sender, "tcp", sender));
                }
                byReceiver.add(mine);
            }
            SiteRuntime.of(sites.get(3)).start(Byzantine.scripted("rb-3", ctx -> {
                for (int to = 0; to < n; to++) {
                    ctx.send(to, new RawMessage(MessageTypes.RBC_SEND, ("split " + (to % 2)).getBytes(StandardCharsets.UTF_8)));
                }
                ctx.sendAll(new RawMessage(MessageTypes.RBC_READY, Digest.of("split 0".getBytes(StandardCharsets.UTF_8)).bytes()));
            }, (ctx, m) -> { }));
            for (int i = 0; i < 3; i++) {
                byReceiver.get(i).get(i).send(("hello from " + i).getBytes(StandardCharsets.UTF_8));
            }

            for (int i = 0; i < 3; i++) {
                for (int sender = 0; sender < 3; sender++) {
                    byte[] got = byReceiver.get(i).get(sender).delivery().get(20, TimeUnit.SECONDS);
                    assertThat(new String(got, StandardCharsets.UTF_8)).isEqualTo("hello from " + sender);
                }
            }
            // The equivocating broadcast: either every honest site delivers the same payload, or none.
            List<String> fromByzantine = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                var d = byReceiver.get(i).get(3).delivery();
                if (d.isDone()) {
                    fromByzantine.add(new String(d.get(), StandardCharsets.UTF_8));
                }
            }
            assertThat(fromByzantine.stream().distinct().count()).isLessThanOrEqualTo(1);
        }
    }
}
