package org.maftia.replication.invocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.maftia.crypto.MalformedEncodingException;
import org.maftia.crypto.codec.ByteReader;
import org.maftia.crypto.codec.ByteWriter;
import org.maftia.group.core.Digest;
import org.maftia.net.client.ClientId;
import org.maftia.replication.CallerGroup;
import org.maftia.replication.invocation.CallerVotes.Outcome;

/** The caller groups' votes: t+1 alike execute, bounds per member, and the checkpoint encoding. */
class CallerVotesTest {

    private static final int WINDOW = 4;

    private static ClientId member(int k) {
        byte[] key = new byte[32];
        key[0] = (byte) (k + 1);
        return new ClientId(key);
    }

    private static final CallerGroup TM = new CallerGroup("tm", 1, List.of(member(0), member(1), member(2), member(3)));

    private static byte[] op(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void tPlusOneDistinctMembersAlikeAgreeAndTheNumberIsGone() {
        CallerVotes votes = new CallerVotes(List.of(TM), WINDOW);
        assertThat(votes.vote(member(3), 1, 1, op("evil")).outcome()).isEqualTo(Outcome.WAITING);
        assertThat(votes.vote(member(0), 1, 1, op("commit")).outcome()).isEqualTo(Outcome.WAITING);
        assertThat(votes.vote(member(0), 1, 1, op("commit")).outcome()).as("the same vote again").isEqualTo(Outcome.WAITING);
        assertThat(votes.vote(member(3), 1, 1, op("commit")).outcome()).as("a second, different vote").isEqualTo(Outcome.REFUSED);
        CallerVotes.Ballot agreed = votes.vote(member(1), 1, 1, op("commit"));
        assertThat(agreed.outcome()).isEqualTo(Outcome.AGREED);
        assertThat(agreed.askers()).containsExactly(member(0), member(1), member(3));
        assertThat(votes.size()).isZero();
        assertThat(votes.groupOf(member(2))).isEqualTo(TM);
        assertThat(votes.groupOf(new ClientId(new byte[32]))).isNull();
    }

    @Test
    void aMemberHasAtMostItsWindowWaitingAndALaterSessionDropsEarlierVotes() {
        CallerVotes votes = new CallerVotes(List.of(TM), WINDOW);
        for (long seq = 1; seq <= WINDOW; seq++) {
            assertThat(votes.vote(member(3), 1, seq, op("alone")).outcome()).isEqualTo(Outcome.WAITING);
        }
        assertThat(votes.vote(member(3), 2, 1, op("alone")).outcome()).as("over its window").isEqualTo(Outcome.REFUSED);
        assertThat(votes.vote(member(0), 2, 1, op("begin")).outcome()).isEqualTo(Outcome.WAITING);
        assertThat(votes.vote(member(1), 2, 1, op("begin")).outcome()).isEqualTo(Outcome.AGREED);
        assertThat(votes.size()).as("session 1's votes are duplicates now").isZero();
        assertThat(votes.vote(member(3), 2, 2, op("alone")).outcome()).as("its quota is free again").isEqualTo(Outcome.WAITING);
    }

    @Test
    void theEncodingRoundTripsAndRejectsVotesThatShouldHaveExecuted() {
        CallerVotes votes = new CallerVotes(List.of(TM), WINDOW);
        votes.vote(member(3), 1, 2, op("evil"));
        votes.vote(member(0), 1, 1, op("commit"));
        votes.vote(member(2), 1, 1, op("abort"));
        byte[] encoded = votes.encode();
        CallerVotes decoded = CallerVotes.decode(new ByteReader(encoded, "votes"), List.of(TM), WINDOW);
        assertThat(decoded.encode()).isEqualTo(encoded);
        assertThat(decoded.vote(member(1), 1, 1, op("commit")).outcome()).isEqualTo(Outcome.AGREED);

        byte[] digest = Digest.of(op("commit")).bytes();
        byte[] agreedButWaiting = new ByteWriter().u32(1).u64(1).u64(1).u16(2).u16(0).raw(digest).u16(1).raw(digest).toByteArray();
        assertThatThrownBy(() -> CallerVotes.decode(new ByteReader(agreedButWaiting, "votes"), List.of(TM), WINDOW))
                .isInstanceOf(MalformedEncodingException.class);
    }
}
