package org.maftia.ttcb.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.maftia.ttcb.sim.TtcbSim.MS;

import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.maftia.ttcb.DecisionFunction;
import org.maftia.ttcb.Eid;
import org.maftia.ttcb.Protection;
import org.maftia.ttcb.Ttcb.DecideResult;
import org.maftia.ttcb.TtcbError;
import org.maftia.ttcb.client.TtcbClient;
import org.maftia.ttcb.client.TtcbTransport;
import org.maftia.ttcb.core.EntityGateway;
import org.maftia.ttcb.core.LocalKeys;

/**
 * The session table of a local TTCB is bounded, and full at times. Authenticating again and again
 * must cost only the user doing it: an entity of another user keeps its session, and no entity
 * loses the eid its pending agreements name while its own user has other sessions to give up.
 */
class SessionEvictionTest {

    private static TtcbClient entity(EntityGateway g, String user) {
        TtcbTransport asUser = request -> g.handle(user, request);
        return TtcbClient.authenticated(asUser, g.publicKey(), Protection.MAC, new SecureRandom());
    }

    private static EntityGateway gateway(TtcbSim s, int maxSessions) {
        return new EntityGateway(s.ttcb(0), LocalKeys.generate(new SecureRandom()), maxSessions, new SecureRandom());
    }

    @Test
    void oneUserAuthenticatingOverAndOverCannotEvictAnotherUsersSession() {
        TtcbSim s = TtcbSim.standard(57).synchronise();
        EntityGateway g = gateway(s, 8);
        TtcbClient alice = entity(g, "alice");
        for (int i = 0; i < 20; i++) {
            entity(g, "mallory");
        }
        TtcbClient latest = entity(g, "mallory");
        assertThat(latest.getLocalTTCBid()).as("mallory's newest session").isZero();
        assertThat(alice.getLocalTTCBid()).as("alice's session, after mallory filled the table").isZero();
    }

    @Test
    void anEntityWithAPendingAgreementKeepsItsEidWhileItsUserHasOtherSessions() {
        TtcbSim s = TtcbSim.standard(58).synchronise();
        EntityGateway g = gateway(s, 4);
        TtcbClient a = entity(g, "alice");
        TtcbClient remote = s.cluster.entity(1, Protection.MAC);
        List<Eid> elist = List.of(a.eid(), remote.eid());
        long tstart = a.getTimestamp() + 5 * MS;
        var tag = a.propose(a.eid(), elist, tstart, DecisionFunction.TBA_MAJORITY, new byte[] {1}).tag();
        assertThat(tag).isNotNull();
        for (int i = 0; i < 10; i++) {
            entity(g, "alice");
        }
        s.runFor(5 * MS + s.timing.tagreement() + MS);
        DecideResult d = a.decide(a.eid(), tag);
        assertThat(d.error()).isEqualTo(TtcbError.OK);
        assertThat(d.proposedAny()).isEqualTo(0b01);
    }
}
