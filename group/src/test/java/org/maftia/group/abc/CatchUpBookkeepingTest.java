package org.maftia.group.abc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.maftia.group.core.Digest;

/** The bookkeeping of ABC's catch-up: what an answering party holds and sends, and what an asking party takes. */
class CatchUpBookkeepingTest {

    private static final byte[] V = {1};
    private static final byte[] FORGED = {2};

    @Test
    void settingsThatWouldBreakCatchUpAreRefusedWithTheRuleBroken() {
        assertThatThrownBy(() -> new Abc.Settings(16, 1 << 16, 8, 4, 64, 16, 1 << 20)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("roundsAhead 8, roundsKept 4").hasMessageEndingWith("roundsKept must be at least roundsAhead");
        assertThatThrownBy(() -> new Abc.Settings(16, 1 << 16, 4, 4, 64, 4, 1 << 20)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("decisionsKept must be more than roundsKept");
    }

    @Test
    void aRequesterGetsEachRoundOnceAndOnlyRoundsStillKept() {
        Decisions decisions = new Decisions(4, 2, 1, 1 << 20);
        for (long round = 0; round < 3; round++) {
            decisions.record(round, V);
        }
        assertThat(decisions.size()).as("kept: rounds 1 and 2").isEqualTo(2);
        assertThat(decisions.request(3, 0, 3, 2)).as("forgotten").isNull();
        assertThat(decisions.request(3, 1, 3, 2)).isEqualTo(V);
        assertThat(decisions.request(3, 1, 3, 2)).as("asked again").isNull();
        assertThat(decisions.request(3, 2, 3, 2)).isEqualTo(V);
        assertThat(decisions.request(3, 1, 3, 2)).as("an older round after a newer one").isNull();
        assertThat(decisions.answers()).isEqualTo(2);
        assertThat(decisions.unanswered()).isEqualTo(3);
    }

    @Test
    void decidedVectorsAreKeptWithinTheirBytesButNeverFewerThanTheRoundsAgreementsAreKept() {
        Decisions decisions = new Decisions(4, 10, 2, 250);
        for (long round = 0; round < 5; round++) {
            decisions.record(round, new byte[100]);
        }
        assertThat(decisions.size()).as("two of 100 bytes fit in 250, three do not").isEqualTo(2);
        assertThat(decisions.bytes()).isEqualTo(200);
        assertThat(decisions.request(1, 2, 5, 2)).as("forgotten for its bytes").isNull();
        assertThat(decisions.request(1, 3, 5, 2)).hasSize(100);
        for (long round = 5; round < 8; round++) {
            decisions.record(round, new byte[1000]);
        }
        assertThat(decisions.size()).as("over the bytes, but as many as agreements are kept for").isEqualTo(2);
        assertThat(decisions.bytes()).isEqualTo(2000);
        assertThatThrownBy(() -> new Abc.Settings(16, 1 << 16, 4, 4, 64, 8, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("decisionBytes must be positive");
    }

    @Test
    void aRequestJustAheadWaitsForTheDecisionOnePerRequesterAndOneFarAheadIsDropped() {
        Decisions decisions = new Decisions(4, 8, 1, 1 << 20);
        assertThat(decisions.request(1, 0, 0, 2)).isNull();
        assertThat(decisions.request(2, 1, 0, 2)).isNull();
        assertThat(decisions.request(2, 2, 0, 2)).as("replaces P2's round 1").isNull();
        assertThat(decisions.request(3, 3, 0, 2)).as("beyond the window").isNull();
        assertThat(decisions.waiting()).isEqualTo(2);
        assertThat(decisions.record(0, V)).containsExactly(1);
        assertThat(decisions.record(1, V)).isEmpty();
        assertThat(decisions.record(2, V)).containsExactly(2);
        assertThat(decisions.waiting()).isZero();
        assertThat(decisions.request(1, 0, 3, 2)).as("answered at the decision").isNull();
    }

    @Test
    void theQueueMessageOfTheRoundUnderWayGoesAgainOncePerRequesterAndRound() {
        Decisions decisions = new Decisions(4, 8, 1, 1 << 20);
        assertThat(decisions.resendQueue(1, 5)).isTrue();
        assertThat(decisions.resendQueue(1, 5)).isFalse();
        assertThat(decisions.resendQueue(2, 5)).isTrue();
        assertThat(decisions.resendQueue(1, 6)).isTrue();
        assertThat(decisions.resendQueue(1, 5)).isFalse();
    }

    @Test
    void tPartiesRefusedAsAheadDoNotMakeAPartyAskButTPlusOneDoUpToTheirRounds() {
        CatchUp catchUp = new CatchUp(4, 1);
        catchUp.refused(3, 1000);
        catchUp.refused(3, 2000);
        assertThat(catchUp.shouldAsk(0, true)).isFalse();
        catchUp.refused(1, 9);
        assertThat(catchUp.shouldAsk(0, true)).isTrue();
        assertThat(catchUp.shouldAsk(9, true)).isTrue();
        assertThat(catchUp.shouldAsk(10, true)).as("only P3 was refused beyond 9").isFalse();
        catchUp.ask(9);
        assertThat(catchUp.shouldAsk(9, true)).as("asked already").isFalse();
    }

    @Test
    void tPlusOnePartiesPastARoundWhoseAgreementHasNotStartedMakeAPartyAsk() {
        CatchUp catchUp = new CatchUp(4, 1);
        catchUp.ahead(3, 5);
        assertThat(catchUp.shouldAsk(4, false)).as("one party past round 4 may be the corrupted one").isFalse();
        catchUp.ahead(1, 6);
        assertThat(catchUp.shouldAsk(4, false)).isTrue();
        assertThat(catchUp.shouldAsk(4, true)).as("its own agreement of round 4 runs: it will decide").isFalse();
        assertThat(catchUp.shouldAsk(5, false)).as("only P1 is past round 5").isFalse();
    }

    @Test
    void aVectorIsTakenWhenTPlusOnePartiesAnsweredItOneAnswerEachAndWrongOnesAreCounted() {
        CatchUp catchUp = new CatchUp(4, 1);
        catchUp.ask(7);
        assertThat(catchUp.answer(3, FORGED)).isNull();
        assertThat(catchUp.answer(3, V)).as("P3's second answer").isNull();
        assertThat(catchUp.answer(0, V)).isNull();
        assertThat(catchUp.answer(1, V)).isEqualTo(V);
        catchUp.decided(7, Digest.of(V), true);
        assertThat(catchUp.adopted()).isEqualTo(1);
        assertThat(catchUp.wrongAnswers()).isEqualTo(1);
        assertThat(catchUp.ignoredAnswers()).isEqualTo(1);
        assertThat(catchUp.asking(7)).isFalse();
        assertThat(catchUp.shouldAsk(8, true)).as("nothing refused").isFalse();
    }
}
