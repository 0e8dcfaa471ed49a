package org.maftia.ttcb.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.maftia.ttcb.sim.TtcbSim.MS;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.maftia.testkit.sim.Seeds;
import org.maftia.ttcb.DecisionFunction;
import org.maftia.ttcb.Protection;
import org.maftia.ttcb.Tag;
import org.maftia.ttcb.Ttcb.DistributedInfo;
import org.maftia.ttcb.Ttcb.EndLocalResult;
import org.maftia.ttcb.Ttcb.Handler;
import org.maftia.ttcb.Ttcb.LocalPublicKey;
import org.maftia.ttcb.TtcbError;
import org.maftia.ttcb.TtcbException;
import org.maftia.ttcb.channel.Frames;
import org.maftia.ttcb.client.TtcbClient;
import org.maftia.ttcb.client.TtcbTransport;
import org.maftia.ttcb.core.EntityGateway;
import org.maftia.ttcb.core.FunctionLibrary;
import org.maftia.ttcb.core.LocalKeys;
import org.maftia.ttcb.core.LocalTtcb.Reaction;

/**
 * The local channel under attack (spec 2.2.3.1: requests and replies can be read, modified,
 * re-ordered, deleted and replayed), local authentication's SK properties, and the control network
 * under attack (AN2, AN8).
 */
class AttacksTest {

    /** A transport the attacker sits on: it records, may drop, and may rewrite frames either way. */
    private static final class Mitm implements TtcbTransport {
        final EntityGateway gateway;
        final List<byte[]> requests = new ArrayList<>();
        boolean drop;
        java.util.function.UnaryOperator<byte[]> onRequest = b -> b;
        java.util.function.UnaryOperator<byte[]> onReply = b -> b;

        Mitm(EntityGateway gateway) {
            this.gateway = gateway;
        }

        @Override
        public CompletableFuture<byte[]> call(byte[] request) {
            requests.add(request.clone());
            if (drop) {
                return CompletableFuture.failedFuture(new TtcbException("dropped by the attacker"));
            }
            return gateway.handle(onRequest.apply(request.clone())).thenApply(onReply);
        }
    }

    private static byte[] flip(byte[] b, int at) {
        byte[] c = b.clone();
        c[at] ^= 0x01;
        return c;
    }

    private static boolean refused(byte[] reply) {
        return (reply[0] & 0xFF) == Frames.REFUSED;
    }

    @Test
    void tamperedReplayedAndReorderedCallsAreRefused() {
        for (Protection p : Protection.values()) {
            TtcbSim s = TtcbSim.standard(51).synchronise();
            EntityGateway g = s.cluster.gateway(0);
            Mitm mitm = new Mitm(g);
            TtcbClient c = TtcbClient.authenticated(mitm, g.publicKey(), p, new SecureRandom());
            long refusedBefore = s.ttcb(0).counters().callsRefused.get();
            c.getTimestamp();
            byte[] call = mitm.requests.getLast();
            // Replayed: the same frame again.
            assertThat(refused(g.handle(call).join())).isTrue();
            // Tampered anywhere: header, body, MAC.
            for (int at : new int[] {2, 10, 17, call.length - 1}) {
                assertThat(refused(g.handle(flip(call, at)).join())).as("bit flipped at %d", at).isTrue();
            }
            // Re-ordered: two calls captured (dropped on the way), delivered in the wrong order.
            mitm.drop = true;
            assertThatThrownBy(c::getRandom).isInstanceOf(TtcbException.class);
            assertThatThrownBy(c::getTimestamp).isInstanceOf(TtcbException.class);
            mitm.drop = false;
            byte[] first = mitm.requests.get(mitm.requests.size() - 2);
            byte[] second = mitm.requests.getLast();
            assertThat(refused(g.handle(second).join())).isFalse();
            assertThat(refused(g.handle(first).join())).as("re-ordered").isTrue();
            // The session still works for the entity after all that.
            assertThat(c.getLocalTTCBid()).isZero();
            // A tampered reply is refused by the client.
            mitm.onReply = reply -> flip(reply, reply.length - 2);
            assertThatThrownBy(c::getRandom).isInstanceOf(TtcbException.class);
            // A reply replayed in place of another call's reply is refused too.
            mitm.onReply = b -> b;
            byte[][] saved = new byte[1][];
            mitm.onReply = reply -> {
                if (saved[0] == null) {
                    saved[0] = reply;
                }
                return saved[0];
            };
            c.getTimestamp();
            assertThatThrownBy(c::getTimestamp).isInstanceOf(TtcbException.class);
            assertThat(s.ttcb(0).counters().callsRefused.get() - refusedBefore).isGreaterThanOrEqualTo(6);
        }
    }

    @Test
    void localAuthenticationPropertiesSk1ToSk4() {
        TtcbSim s = TtcbSim.standard(52).synchronise();
        EntityGateway g = s.cluster.gateway(1);
        Mitm mitm = new Mitm(g);
        // SK3: an entity holding a wrong public key (an impostor's TTCB) never completes authentication.
        LocalPublicKey impostor = LocalKeys.generate(new SecureRandom()).publicKey();
        assertThatThrownBy(() -> TtcbClient.authenticated(mitm, impostor, Protection.MAC, new SecureRandom()))
                .isInstanceOf(TtcbException.class);
        // SK3: a reply whose eid was changed on the way does not verify.
        mitm.onReply = reply -> reply[0] == (byte) Frames.AUTH_REPLY ? flip(reply, 8) : reply;
        assertThatThrownBy(() -> TtcbClient.authenticated(mitm, g.publicKey(), Protection.MAC, new SecureRandom()))
                .isInstanceOf(TtcbException.class);
        mitm.onReply = b -> b;
        // A replayed authentication request opens no second session.
        TtcbClient a = TtcbClient.authenticated(mitm, g.publicKey(), Protection.AEAD, new SecureRandom());
        byte[] authRequest = mitm.requests.stream().filter(r -> r[0] == Frames.AUTH).toList().getLast();
        assertThat(refused(g.handle(authRequest).join())).isTrue();
        // SK1/SK4: a second entity's session keys are independent: the first entity's calls,
        // rewritten to claim the second's eid, do not authenticate.
        TtcbClient b = TtcbClient.authenticated(mitm, g.publicKey(), Protection.AEAD, new SecureRandom());
        a.getTimestamp();
        byte[] call = mitm.requests.getLast().clone();
        System.arraycopy(new byte[] {0, 0, 0, (byte) b.eid().local()}, 0, call, 5, 4);
        assertThat(refused(g.handle(call).join())).isTrue();
        // SK2: the TTCB knows the entity holds Ket as soon as a call authenticates; the entity
        // knows the TTCB holds it because only the TTCB could read Xe to sign it.
        assertThat(b.getLocalTTCBid()).isEqualTo(1);
        assertThat(a.eid()).isNotEqualTo(b.eid());
        // Calls need a session.
        TtcbClient none = new TtcbClient(mitm, g.publicKey(), new SecureRandom());
        assertThatThrownBy(none::getTimestamp).isInstanceOf(TtcbException.class);
    }

    /**
     * A daemon restart forgets which authentication requests it saw. An attacker replays an entity's
     * captured request to the new boot, which opens a session for it; the entity's captured calls,
     * replayed into that session, must not authenticate (with the same keys they would, and every
     * AEAD reply would reuse a key and nonce of the previous boot).
     */
    @Test
    void aReplayedAuthenticationAfterARestartOpensNoUsableSession() {
        for (Protection p : Protection.values()) {
            TtcbSim s = TtcbSim.standard(56).synchronise();
            LocalKeys keys = LocalKeys.generate(new SecureRandom());
            EntityGateway boot1 = new EntityGateway(s.ttcb(0), keys, 16, new SecureRandom());
            Mitm mitm = new Mitm(boot1);
            TtcbClient c = TtcbClient.authenticated(mitm, boot1.publicKey(), p, new SecureRandom());
            c.getTimestamp();
            byte[] auth = mitm.requests.get(0);
            byte[] call = mitm.requests.get(1);
            EntityGateway boot2 = new EntityGateway(s.ttcb(0), keys, 16, new SecureRandom());
            assertThat(refused(boot2.handle(auth).join())).as("a new boot has not seen the request").isFalse();
            assertThat(refused(boot2.handle(call).join()))
                    .as("%s: a call of the previous boot replayed into the replayed session", p).isTrue();
        }
    }

    @Test
    void openingSessionsWithoutEndCannotLockOutNewEntities() {
        TtcbSim s = TtcbSim.standard(55).synchronise();
        EntityGateway small = new EntityGateway(s.ttcb(0), LocalKeys.generate(new SecureRandom()), 3, new SecureRandom());
        Mitm mitm = new Mitm(small);
        TtcbClient first = TtcbClient.authenticated(mitm, small.publicKey(), Protection.MAC, new SecureRandom());
        for (int i = 0; i < 5; i++) {
            TtcbClient.authenticated(mitm, small.publicKey(), Protection.MAC, new SecureRandom());
        }
        TtcbClient latest = TtcbClient.authenticated(mitm, small.publicKey(), Protection.MAC, new SecureRandom());
        assertThat(latest.getLocalTTCBid()).isZero();
        // The least recently used session was dropped: its entity must authenticate again.
        assertThatThrownBy(first::getTimestamp).isInstanceOf(TtcbException.class);
    }

    /**
     * A tag from startMeasurement, startLocal or startDistributed is a handle of the entity that got
     * it: another authenticated entity on the same local TTCB that learnt the tag (it travels in the
     * entity's messages) can neither end the owner's measurement or timing failure detection nor read
     * the list info of a distributed action it is not involved in (spec 2.2.4.4: the sender or a
     * receiver). The owner's detection goes on untouched.
     */
    @Test
    void timeServiceHandlesAreBoundToTheEntityThatStartedThem() {
        Handler alarm = new Handler(FunctionLibrary.ALARM, new byte[0]);
        Seeds.forEach(5, seed -> {
            TtcbSim s = TtcbSim.standard(seed).synchronise();
            TtcbClient owner = s.cluster.entity(0, Protection.MAC);
            TtcbClient other = s.cluster.entity(0, Protection.MAC);
            TtcbClient receiver = s.cluster.entity(1, Protection.MAC);
            TtcbClient outsider = s.cluster.entity(2, Protection.MAC);
            long spec = 10 * MS;
            long start = owner.getTimestamp();
            var local = owner.startLocal(start, spec, alarm);
            var measured = owner.startMeasurement(start);
            assertThat(local.error()).isEqualTo(TtcbError.OK);
            assertThat(measured.error()).isEqualTo(TtcbError.OK);

            assertThat(other.endLocal(local.tag()).error()).as("another entity ends the owner's TTFD").isEqualTo(TtcbError.UNKNOWN_TAG);
            assertThat(other.stopMeasurement(measured.tag(), other.getTimestamp()).error())
                    .as("another entity stops the owner's measurement").isEqualTo(TtcbError.UNKNOWN_TAG);

            s.runFor(spec + 2 * MS);
            List<Reaction> reactions = s.ttcb(0).reactions();
            assertThat(reactions).as("the owner's late action is still detected").isNotEmpty();
            assertThat(reactions.getLast().tag()).isEqualTo(local.tag());
            EndLocalResult ended = owner.endLocal(local.tag());
            assertThat(ended.error()).isEqualTo(TtcbError.OK);
            assertThat(ended.faulty()).isTrue();
            assertThat(owner.stopMeasurement(measured.tag(), owner.getTimestamp()).error()).isEqualTo(TtcbError.OK);

            long mid = seed;
            var sent = owner.startDistributed(owner.getTimestamp(), 5 * MS, mid, List.of(receiver.eid()), alarm);
            assertThat(sent.error()).isEqualTo(TtcbError.OK);
            Tag tag = sent.tag();
            CompletableFuture<DistributedInfo> atOwner = owner.waitInfo(tag);
            CompletableFuture<DistributedInfo> atReceiver = receiver.waitInfo(tag);
            CompletableFuture<DistributedInfo> atOther = other.waitInfo(tag);
            CompletableFuture<DistributedInfo> atOutsider = outsider.waitInfo(tag);
            assertThat(other.delivDistributed(mid, tag).error()).isEqualTo(TtcbError.NOT_IN_ELIST);
            s.runFor(MS);
            assertThat(receiver.delivDistributed(mid, tag).error()).isEqualTo(TtcbError.OK);
            s.runFor(5 * MS + s.timing.distributedDetectionBound() + 5 * MS);
            assertThat(atOwner.join().error()).as("the sender").isEqualTo(TtcbError.OK);
            assertThat(atReceiver.join().error()).as("a receiver").isEqualTo(TtcbError.OK);
            assertThat(atOther.join()).as("an uninvolved entity on the sender's TTCB")
                    .isEqualTo(new DistributedInfo(TtcbError.UNKNOWN_TAG, tag, List.of()));
            assertThat(atOutsider.join()).as("an uninvolved entity elsewhere")
                    .isEqualTo(new DistributedInfo(TtcbError.UNKNOWN_TAG, tag, List.of()));
            assertThat(owner.waitInfo(tag).join().receivers()).hasSize(1);
        });
    }

    @Test
    void extremeTimesFromEntitiesAreRefusedNotOverflowed() {
        TtcbSim s = TtcbSim.standard(56).synchronise();
        TtcbClient e = s.cluster.entity(0, Protection.MAC);
        long now = e.getTimestamp();
        var elist = List.of(e.eid());
        for (long t : new long[] {Long.MAX_VALUE, now + org.maftia.ttcb.core.LocalTtcb.HORIZON + 1}) {
            assertThat(e.propose(e.eid(), elist, t, DecisionFunction.TBA_MAJORITY, new byte[1]).error()).isEqualTo(TtcbError.BAD_TIMESTAMP);
        }
        for (long[] bad : new long[][] {{now, Long.MAX_VALUE}, {now, -1}, {Long.MIN_VALUE, 10}, {Long.MAX_VALUE, 10}}) {
            assertThat(e.startLocal(bad[0], bad[1], org.maftia.ttcb.Ttcb.Handler.NONE).error()).isEqualTo(TtcbError.BAD_TIMESTAMP);
            assertThat(e.startDistributed(bad[0], bad[1], 1, elist, org.maftia.ttcb.Ttcb.Handler.NONE).error()).isEqualTo(TtcbError.BAD_TIMESTAMP);
            assertThat(e.exec(bad[0], 0, bad[1], "noop", new byte[0]).join().error()).isIn(TtcbError.BAD_TIMESTAMP, TtcbError.BAD_REQUEST);
        }
        s.runFor(50 * MS);
        assertThat(s.timingFailures()).isZero();
    }

    @Test
    void garbageNeverThrowsIntoTheTtcb() {
        TtcbSim s = TtcbSim.standard(53).synchronise();
        EntityGateway g = s.cluster.gateway(0);
        SplittableRandom rnd = new SplittableRandom(53);
        for (int i = 0; i < 3000; i++) {
            byte[] junk = new byte[rnd.nextInt(200)];
            rnd.nextBytes(junk);
            if (junk.length > 0) {
                junk[0] = (byte) new int[] {Frames.PUBLIC_KEY, Frames.AUTH, Frames.CALL, 0x42}[rnd.nextInt(4)];
            }
            byte[] reply = g.handle(junk).join();
            assertThat(reply).isNotEmpty();
        }
        assertThat(refused(g.handle(new byte[Frames.MAX_FRAME + 1]).join())).isTrue();
    }

    @Test
    void forgedTamperedAndReplayedControlFramesAreDroppedAndCounted() {
        TtcbSim s = TtcbSim.standard(54).synchronise();
        List<byte[]> seen = new ArrayList<>();
        s.network.tap((from, frame) -> {
            if (from == 1) {
                seen.add(frame);
            }
        });
        List<TtcbClient> e = s.entities(4, Protection.MAC);
        long tstart = e.getFirst().getTimestamp() + 10 * MS;
        List<org.maftia.ttcb.Tag> tags = new ArrayList<>();
        for (TtcbClient c : e) {
            tags.add(c.propose(c.eid(), TtcbSim.eids(e), tstart, DecisionFunction.TBA_MAJORITY, new byte[] {(byte) c.eid().ttcb()}).tag());
        }
        s.runFor(30 * MS);
        s.network.tap((from, frame) -> { });
        SplittableRandom rnd = new SplittableRandom(54);
        long malformed = s.ttcb(0).counters().framesMalformed.get();
        long copies = s.ttcb(0).counters().copiesDiscarded.get();
        List<byte[]> captured = List.copyOf(seen);
        for (byte[] f : captured) {
            s.network.inject(0, f);                                  // replay
            s.network.inject(0, flip(f, rnd.nextInt(f.length)));     // corruption (AN2)
            byte[] junk = new byte[f.length];
            rnd.nextBytes(junk);
            s.network.inject(0, junk);                               // forgery (AN8)
        }
        s.runFor(s.timing.tagreement() + 10 * MS);
        assertThat(s.ttcb(0).counters().framesMalformed.get() - malformed).isEqualTo(2L * captured.size());
        // Every replay is discarded as a copy (the Od + 1 copies of the original arrived before).
        assertThat(s.ttcb(0).counters().copiesDiscarded.get() - copies).isGreaterThanOrEqualTo(captured.size());
        for (int i = 0; i < 4; i++) {
            TtcbClient c = e.get(i);
            var d = c.decide(c.eid(), tags.get(i));
            assertThat(d.error()).isEqualTo(TtcbError.OK);
            assertThat(d.proposedAny()).isEqualTo(0b1111);
        }
        assertThat(s.timingFailures()).isZero();
    }
}
