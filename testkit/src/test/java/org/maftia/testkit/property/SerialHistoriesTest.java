package org.maftia.testkit.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.maftia.testkit.property.TransactionHistory.Operation;
import org.maftia.testkit.property.TransactionHistory.Outcome;

/** Histories of transactions run one after another, as strict two-phase locking makes them appear, pass; a final state missing a commit fails. */
class SerialHistoriesTest {

    private static final List<String> OBJECTS = List.of("a", "b", "c", "d");

    /** A serial run of read-modify-write transactions; aborted ones and half the unknown ones leave no trace. */
    private record Run(TransactionHistory history, Map<String, Long> finalValues, Map<String, String> committedWriter) {

        static Run of(long seed) {
            Random random = new Random(seed);
            Map<String, Long> state = new HashMap<>();
            OBJECTS.forEach(o -> state.put(o, (long) OBJECTS.indexOf(o)));
            TransactionHistory history = new TransactionHistory(state);
            Map<String, String> committedWriter = new HashMap<>();
            long next = 1000;
            for (int t = 0; t < 1 + random.nextInt(12); t++) {
                String tx = "T" + t;
                Outcome outcome = Outcome.values()[random.nextInt(3)];
                boolean applied = outcome == Outcome.COMMITTED || (outcome == Outcome.UNKNOWN && random.nextBoolean());
                Map<String, Long> mine = new HashMap<>(state);
                for (int op = 0; op < 1 + random.nextInt(4); op++) {
                    String key = OBJECTS.get(random.nextInt(OBJECTS.size()));
                    history.read(tx, key, mine.get(key));
                    if (random.nextBoolean()) {
                        mine.put(key, next++);
                        history.write(tx, key, mine.get(key));
                        if (outcome == Outcome.COMMITTED) {
                            committedWriter.put(key, tx);
                        }
                    }
                }
                if (applied) {
                    state.putAll(mine);
                }
                if (outcome != Outcome.UNKNOWN) {
                    history.end(tx, outcome);
                }
            }
            return new Run(history, Map.copyOf(state), committedWriter);
        }
    }

    @Property(tries = 300)
    void aSerialRunPassesAndItsSerializationReplaysEveryCommittedRead(@ForAll long seed) {
        Run run = Run.of(seed);
        Atomicity.check(run.history(), run.finalValues());
        Map<String, Long> state = new HashMap<>(run.history().initial());
        for (String tx : Serializability.order(run.history(), run.finalValues())) {
            Map<String, Long> mine = new HashMap<>(state);
            for (Operation op : run.history().operations(tx)) {
                if (op.isWrite()) {
                    mine.put(op.key(), op.value());
                } else {
                    assertThat(op.value()).as("%s in %s", op, tx).isEqualTo(mine.get(op.key()));
                }
            }
            state = mine;
        }
        assertThat(state).isEqualTo(run.finalValues());
    }

    @Property(tries = 300)
    void aFinalStateThatLostACommittedWriteFails(@ForAll long seed) {
        Run run = Run.of(seed);
        for (String key : run.committedWriter().keySet()) {
            Map<String, Long> lost = new HashMap<>(run.finalValues());
            lost.put(key, run.history().initial().get(key));
            assertThatThrownBy(() -> {
                Serializability.check(run.history(), lost);
                Atomicity.check(run.history(), lost);
            }).as("%s back to its initial value after %s committed", key, run.committedWriter().get(key))
                    .isInstanceOf(PropertyViolation.class);
        }
    }
}
