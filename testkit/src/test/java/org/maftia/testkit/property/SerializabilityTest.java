package org.maftia.testkit.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.maftia.testkit.property.Histories.tx;
import static org.maftia.testkit.property.TransactionHistory.Outcome.ABORTED;
import static org.maftia.testkit.property.TransactionHistory.Outcome.COMMITTED;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SerializabilityTest {

    private final TransactionHistory history = new TransactionHistory(Map.of("x", 100L, "y", 100L, "z", 100L));

    private void violates(Map<String, Long> finalValues, String message) {
        assertThatThrownBy(() -> Serializability.check(history, finalValues))
                .isInstanceOfSatisfying(PropertyViolation.class, v -> assertThat(v.property()).isEqualTo("serializability"))
                .hasMessage("serializability violated: " + message);
    }

    @Test
    void transfersThatReadEachOthersCommittedWritesSerializeInTheOrderTheyRead() {
        tx(history, "T2", COMMITTED, "r x 90", "w x 80", "r y 110", "w y 120");
        tx(history, "T1", COMMITTED, "r x 100", "w x 90", "r y 100", "w y 110");
        tx(history, "T3", COMMITTED, "r y 120", "r x 80", "r y 120", "r z 100");
        tx(history, "T4", ABORTED, "r x 90", "w x 0");
        Map<String, Long> finalValues = Map.of("x", 80L, "y", 120L, "z", 100L);

        assertThat(Serializability.order(history, finalValues)).containsExactly("T1", "T2", "T3");
        assertThatCode(() -> Atomicity.check(history, finalValues)).doesNotThrowAnyException();
    }

    @Test
    void lostUpdateTwoCommittedTransactionsOverwritingTheSameVersion() {
        tx(history, "T1", COMMITTED, "r x 100", "w x 90");
        tx(history, "T2", COMMITTED, "r x 100", "w x 80");
        violates(Map.of("x", 80L, "y", 100L, "z", 100L),
                "lost update on x: T1 and T2 both read x=100 and both overwrote it (cycle T1 -rw(x)-> T2 -rw(x)-> T1)");
    }

    @Test
    void writeSkewEachWritingWhatTheOtherReadIsACycleOfAntiDependencies() {
        tx(history, "T1", COMMITTED, "r x 100", "r y 100", "w x -50");
        tx(history, "T2", COMMITTED, "r x 100", "r y 100", "w y -60");
        violates(Map.of("x", -50L, "y", -60L, "z", 100L),
                "the committed transactions cannot run serially, their conflicts form a cycle T1 -rw(y)-> T2 -rw(x)-> T1");
    }

    @Test
    void dirtyReadOfAnAbortedTransactionsWrite() {
        tx(history, "T1", ABORTED, "r x 100", "w x 50");
        tx(history, "T2", COMMITTED, "r x 50", "w x 60");
        violates(Map.of("x", 60L, "y", 100L, "z", 100L), "dirty read: T2 read x=50 written by T1, which did not commit");
    }

    @Test
    void dirtyReadOfAnIntermediateValueOfACommittedTransaction() {
        tx(history, "T1", COMMITTED, "r x 100", "w x 50", "w x 70");
        tx(history, "T2", COMMITTED, "r x 50");
        violates(Map.of("x", 70L, "y", 100L, "z", 100L), "dirty read: T2 read x=50, an intermediate value of T1, which left x=70");
    }

    @Test
    void nonRepeatableReadWithinOneTransaction() {
        tx(history, "T1", COMMITTED, "r x 100", "w x 90");
        tx(history, "T2", COMMITTED, "r x 100", "r x 90");
        violates(Map.of("x", 90L, "y", 100L, "z", 100L), "non-repeatable read: T2 read x=100 then x=90");
    }

    @Test
    void aCycleOfThreeThroughTwoReadsFromAndOneAntiDependency() {
        tx(history, "T1", COMMITTED, "r x 100", "w x 101", "r z 100", "w z 101");
        tx(history, "T2", COMMITTED, "r x 101", "r y 100", "w y 101");
        tx(history, "T3", COMMITTED, "r y 101", "r z 100");
        violates(Map.of("x", 101L, "y", 101L, "z", 101L),
                "the committed transactions cannot run serially, their conflicts form a cycle T1 -wr(x)-> T2 -wr(y)-> T3 -rw(z)-> T1");
    }

    @Test
    void aReadOfAValueNobodyWroteOrOfItsOwnWriteChanged() {
        tx(history, "T1", COMMITTED, "r x 42");
        violates(Map.of("x", 100L, "y", 100L, "z", 100L), "T1 read x=42, which no transaction wrote before");
    }

    @Test
    void blindWritesAreOrderedByTheFinalValue() {
        tx(history, "T1", COMMITTED, "w x 1");
        tx(history, "T2", COMMITTED, "w x 2");
        tx(history, "T3", COMMITTED, "r x 2");
        assertThat(Serializability.order(history, Map.of("x", 1L, "y", 100L, "z", 100L))).containsExactly("T2", "T3", "T1");
    }

    @Test
    void aHistoryWhoseVersionsShareAValueIsRefusedAsAmbiguous() {
        tx(history, "T1", COMMITTED, "r x 100", "w x 90");
        tx(history, "T2", COMMITTED, "r x 90", "w x 100");
        assertThatThrownBy(() -> Serializability.check(history, Map.of("x", 100L, "y", 100L, "z", 100L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot tell versions of x apart: T2 wrote 100 as the initial value; give every write of an object a value of its own");
    }
}
