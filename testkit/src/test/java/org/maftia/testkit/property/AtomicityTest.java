package org.maftia.testkit.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.maftia.testkit.property.Histories.tx;
import static org.maftia.testkit.property.TransactionHistory.Outcome.ABORTED;
import static org.maftia.testkit.property.TransactionHistory.Outcome.COMMITTED;
import static org.maftia.testkit.property.TransactionHistory.Outcome.UNKNOWN;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AtomicityTest {

    private final TransactionHistory history = new TransactionHistory(Map.of("x", 100L, "y", 100L));

    private void violates(Map<String, Long> finalValues, String message) {
        assertThatThrownBy(() -> Atomicity.check(history, finalValues))
                .isInstanceOfSatisfying(PropertyViolation.class, v -> assertThat(v.property()).isEqualTo("atomicity"))
                .hasMessage("atomicity violated: " + message);
    }

    @Test
    void anAbortedTransactionsWriteInTheFinalState() {
        tx(history, "T1", ABORTED, "r x 100", "w x 50");
        violates(Map.of("x", 50L, "y", 100L),
                "final x=50 (written by T1, which did not commit) but no committed transaction wrote it after its initial value 100");
    }

    @Test
    void aCommittedTransactionAppliedInPart() {
        tx(history, "T1", COMMITTED, "r x 100", "w x 90", "r y 100", "w y 110");
        violates(Map.of("x", 90L, "y", 100L), "final y=100 (written by no transaction) but the last committed writer T1 left y=110");
    }

    @Test
    void aCommittedTransactionsIntermediateOrEarlierValueLeftInPlace() {
        tx(history, "T1", COMMITTED, "r x 100", "w x 90", "w x 80");
        violates(Map.of("x", 90L, "y", 100L), "final x=90 (an intermediate value of T1) but the last committed writer T1 left x=80");
        tx(history, "T2", COMMITTED, "r x 80", "w x 70");
        violates(Map.of("x", 80L, "y", 100L), "final x=80 (left by T1, an earlier version) but the last committed writer T2 left x=70");
        violates(Map.of("y", 100L), "final x=null (missing) but the last committed writer T2 left x=70");
    }

    @Test
    void anUnknownOutcomeWhoseWritesShowCommittedAndOneWhoseWritesDoNotAborted() {
        tx(history, "T1", UNKNOWN, "r x 100", "w x 90", "r y 100", "w y 110");
        tx(history, "T2", UNKNOWN, "r x 90", "w x 80");
        tx(history, "T3", COMMITTED, "r x 90", "r y 110");
        Map<String, Long> finalValues = Map.of("x", 90L, "y", 110L);

        assertThatCode(() -> Atomicity.check(history, finalValues)).doesNotThrowAnyException();
        assertThat(Serializability.order(history, finalValues)).containsExactly("T1", "T3");
        assertThat(history.outcome("T1")).isEqualTo(UNKNOWN);
    }

    @Test
    void anUnknownOutcomeShownOnlyByACommittedReaderCommitted() {
        tx(history, "T1", UNKNOWN, "r x 100", "w x 90");
        tx(history, "T2", COMMITTED, "r x 90", "w x 80");
        assertThat(Serializability.order(history, Map.of("x", 80L, "y", 100L))).containsExactly("T1", "T2");
    }

    @Test
    void anUnknownOutcomeWithSomeWritesShowingAndOthersNotFitsNeither() {
        tx(history, "T1", UNKNOWN, "r x 100", "w x 90", "r y 100", "w y 110");
        violates(Map.of("x", 90L, "y", 100L), "transaction T1 of unknown outcome neither committed nor aborted: its writes [x=90] show but not {x=90, y=110}");
    }
}
