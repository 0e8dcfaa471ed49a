package org.maftia.replication.outcall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.maftia.crypto.MalformedEncodingException;
import org.maftia.crypto.codec.ByteWriter;
import org.maftia.net.client.ClientId;

/** A group's calls out and its clock, one replica's copy driven by hand: four members, t = 1, a window of two. */
class OutcallsTest {

    static final List<ClientId> MEMBERS = List.of(client(11), client(12), client(13), client(14));
    static final ClientId STRANGER = client(99);

    private final Outcalls outcalls = new Outcalls(MEMBERS, 1, 2, 16);
    private final List<Outcalls.Call> sent = new ArrayList<>();

    OutcallsTest() {
        outcalls.onSend(sent::add);
    }

    static ClientId client(int k) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) k);
        return new ClientId(key);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    Optional<Outcalls.Answer> reply(int member, Outcalls.Call call, String reply) {
        return outcalls.vote(MEMBERS.get(member), new Vote.Reply(call.id(), bytes(reply)));
    }

    @Test
    void callsAreNumberedPerCallee() {
        Outcalls.Call a1 = outcalls.call("a", bytes("op"), bytes("ctx"));
        Outcalls.Call b1 = outcalls.call("b", bytes("op"), bytes("ctx"));
        reply(0, a1, "r");
        reply(1, a1, "r");
        Outcalls.Call a2 = outcalls.call("a", bytes("op"), bytes("ctx"));
        assertThat(List.of(a1.id(), b1.id(), a2.id())).containsExactly(1L, 2L, 3L);
        assertThat(List.of(a1.number(), b1.number(), a2.number())).containsExactly(1L, 1L, 2L);
        assertThat(a2.callee()).isEqualTo("a");
    }

    @Test
    void callsBeyondTheWindowWaitForTheOldestToBeAnswered() {
        Outcalls.Call first = outcalls.call("a", bytes("1"), new byte[0]);
        Outcalls.Call second = outcalls.call("a", bytes("2"), new byte[0]);
        Outcalls.Call third = outcalls.call("a", bytes("3"), new byte[0]);
        assertThat(sent).containsExactly(first, second);
        assertThat(outcalls.pending()).containsExactly(first, second, third);
        assertThat(outcalls.sendable()).containsExactly(first, second);

        assertThat(reply(0, third, "early")).as("a call not yet out takes no votes").isEmpty();
        assertThat(outcalls.ignoredVotes()).isEqualTo(1);
        reply(0, second, "r");
        assertThat(reply(1, second, "r")).isPresent();
        assertThat(sent).as("the window counts from the oldest unanswered call").containsExactly(first, second);

        reply(0, first, "r");
        assertThat(reply(1, first, "r")).isPresent();
        assertThat(sent).containsExactly(first, second, third);
        assertThat(outcalls.sendable()).containsExactly(third);
    }

    @Test
    void tPlusOneAlikeRepliesAnswerACall() {
        Outcalls.Call call = outcalls.call("a", bytes("op"), bytes("ctx"));
        assertThat(reply(0, call, "lie")).as("one corrupted member alone").isEmpty();
        assertThat(reply(1, call, "yes")).as("two different replies, neither t+1").isEmpty();
        assertThat(reply(0, call, "yes")).as("a member votes once").isEmpty();
        assertThat(outcalls.ignoredVotes()).isEqualTo(1);
        Outcalls.Answer answer = reply(2, call, "yes").orElseThrow();
        assertThat(answer.call()).isEqualTo(call);
        assertThat(answer.reply()).isEqualTo(bytes("yes"));
        assertThat(outcalls.pending()).isEmpty();
        assertThat(reply(3, call, "yes")).as("answered already").isEmpty();
        assertThat(outcalls.ignoredVotes()).isEqualTo(2);
    }

    @Test
    void votesFromStrangersAndOversizedRepliesAreIgnoredAndCounted() {
        Outcalls.Call call = outcalls.call("a", bytes("op"), bytes("ctx"));
        assertThat(outcalls.vote(STRANGER, new Vote.Reply(call.id(), bytes("yes")))).isEmpty();
        assertThat(outcalls.vote(STRANGER, new Vote.Tick(1))).isEmpty();
        assertThat(reply(0, call, "x".repeat(17))).isEmpty();
        assertThat(outcalls.vote(MEMBERS.get(0), new Vote.Reply(42, bytes("yes")))).isEmpty();
        assertThat(outcalls.ignoredVotes()).isEqualTo(4);
        assertThat(reply(1, call, "yes")).as("the stranger's vote did not count").isEmpty();
        assertThat(outcalls.clock()).isZero();
    }

    @Test
    void theClockAdvancesWhenTPlusOneMembersVoteTheNextTick() {
        outcalls.vote(MEMBERS.get(0), new Vote.Tick(1));
        outcalls.vote(MEMBERS.get(0), new Vote.Tick(1));
        assertThat(outcalls.clock()).as("t members, or one member twice, cannot advance it").isZero();
        outcalls.vote(MEMBERS.get(1), new Vote.Tick(5));
        assertThat(outcalls.clock()).as("a far-future tick is ignored").isZero();
        assertThat(outcalls.ignoredVotes()).isEqualTo(2);
        outcalls.vote(MEMBERS.get(1), new Vote.Tick(1));
        assertThat(outcalls.clock()).isEqualTo(1);
        outcalls.vote(MEMBERS.get(2), new Vote.Tick(1));
        assertThat(outcalls.clock()).as("a stale tick").isEqualTo(1);
        outcalls.vote(MEMBERS.get(2), new Vote.Tick(2));
        outcalls.vote(MEMBERS.get(3), new Vote.Tick(2));
        assertThat(outcalls.clock()).isEqualTo(2);
    }

    @Test
    void encodeReadAdoptRoundTripsAndAnnouncesTheSendableCallsAgain() {
        Outcalls.Call first = outcalls.call("a", bytes("1"), bytes("c1"));
        Outcalls.Call second = outcalls.call("b", bytes("2"), bytes("c2"));
        outcalls.call("a", bytes("3"), bytes("c3"));
        reply(0, first, "yes");
        reply(3, second, "no");
        outcalls.vote(MEMBERS.get(2), new Vote.Tick(1));
        outcalls.vote(STRANGER, new Vote.Tick(1));
        byte[] encoded = outcalls.encode();

        Outcalls restarted = new Outcalls(MEMBERS, 1, 2, 16);
        List<Outcalls.Call> resent = new ArrayList<>();
        restarted.onSend(resent::add);
        Outcalls read = restarted.read(encoded);
        assertThat(restarted.encode()).as("read changes nothing").isEqualTo(new Outcalls(MEMBERS, 1, 2, 16).encode());
        restarted.adopt(read);
        assertThat(restarted.encode()).isEqualTo(encoded);
        assertThat(resent).extracting(Outcalls.Call::id).containsExactly(first.id(), second.id());
        assertThat(restarted.ignoredVotes()).isEqualTo(1);

        // The votes carried over count: one more alike answers, one more tick advances.
        assertThat(restarted.vote(MEMBERS.get(1), new Vote.Reply(first.id(), bytes("yes")))).isPresent();
        restarted.vote(MEMBERS.get(0), new Vote.Tick(1));
        assertThat(restarted.clock()).isEqualTo(1);
        Outcalls.Call a2 = restarted.call("a", bytes("4"), new byte[0]);
        assertThat(a2.number()).as("numbering continues").isEqualTo(3);
    }

    @Test
    void readIsStrictAndChangesNothing() {
        Outcalls.Call call = outcalls.call("a", bytes("1"), bytes("c"));
        reply(0, call, "yes");
        byte[] before = outcalls.encode();

        byte[] trailing = Arrays.copyOf(before, before.length + 1);
        assertThatThrownBy(() -> outcalls.read(trailing)).isInstanceOf(MalformedEncodingException.class);
        assertThatThrownBy(() -> outcalls.read(Arrays.copyOf(before, before.length - 1))).isInstanceOf(MalformedEncodingException.class);
        assertThatThrownBy(() -> outcalls.read(state(2, 1, 4, 0))).as("a vote of member 4 of 4")
                .isInstanceOf(MalformedEncodingException.class).hasMessageContaining("member 4");
        assertThatThrownBy(() -> outcalls.read(state(2, 2, 0, 0))).as("call 2 when the next id is 2")
                .isInstanceOf(MalformedEncodingException.class).hasMessageContaining("not issued");
        assertThatThrownBy(() -> outcalls.read(state(2, 1, 0, 7))).as("a tick vote of member 7")
                .isInstanceOf(MalformedEncodingException.class).hasMessageContaining("member 7");
        assertThat(outcalls.read(state(2, 1, 0, 0)).encode()).as("the well-formed variant reads").isEqualTo(state(2, 1, 0, 0));
        assertThat(outcalls.encode()).isEqualTo(before);
        assertThat(outcalls.pending()).containsExactly(call);
    }

    /** An encoded state with one call to "a" (id {@code callId}), one reply vote of {@code voter}, one tick vote of {@code ticker}. */
    private static byte[] state(long nextId, long callId, int voter, int ticker) {
        ByteWriter w = new ByteWriter().u64(nextId).u64(callId).u64(0).u32(1).prefixed("a").u64(2);
        w.u32(1).u64(callId).prefixed("a").u64(1).prefixed(bytes("op")).prefixed(bytes("ctx"));
        w.u32(1).u16(voter).prefixed(bytes("yes"));
        w.u32(1).u16(ticker);
        return w.u64(0).toByteArray();
    }
}
