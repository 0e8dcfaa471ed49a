package org.maftia.testkit.property;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Atomicity (spec 3.3.1: a transaction "commits or if it fails (aborts) all of its effects are
 * undone"): the replicas' final state is what the committed transactions' last writes leave when
 * applied in their serialization order, so a write of an aborted transaction, or a committed
 * transaction applied in part, shows as a wrong final value.
 */
public final class Atomicity {

    private Atomicity() {
    }

    /**
     * Every object's value in {@code finalValues} is the initial value if no committed transaction
     * wrote it, and otherwise the last write of its last committed writer. Transactions of unknown
     * outcome are decided as {@link Serializability#check} does; a read of an aborted transaction's
     * write by a committed one fails here too, as a dirty read.
     *
     * @throws PropertyViolation naming the object, its final and expected values, and the
     *     transactions that wrote them
     */
    public static void check(TransactionHistory history, Map<String, Long> finalValues) {
        VersionOrder order = new VersionOrder(history, finalValues);
        TreeSet<String> objects = new TreeSet<>(history.initial().keySet());
        objects.addAll(order.versions().keySet());
        objects.addAll(finalValues.keySet());
        for (String key : objects) {
            List<String> writers = order.versions().getOrDefault(key, List.of());
            Long expected = writers.isEmpty() ? order.initial(key) : order.lastWrites(writers.getLast()).get(key);
            Long got = finalValues.get(key);
            if (!Objects.equals(expected, got)) {
                throw new PropertyViolation("atomicity", "final " + key + "=" + got + " " + whose(order, key, got) + " but "
                        + (writers.isEmpty() ? "no committed transaction wrote it after its initial value " + expected
                                : "the last committed writer " + writers.getLast() + " left " + key + "=" + expected));
            }
        }
    }

    private static String whose(VersionOrder order, String key, Long value) {
        if (value == null) {
            return "(missing)";
        }
        String writer = order.writerOf(key, value);
        if (writer == null) {
            return "(written by no transaction)";
        }
        if (!order.committed().contains(writer)) {
            return "(written by " + writer + ", which did not commit)";
        }
        return value.equals(order.lastWrites(writer).get(key)) ? "(left by " + writer + ", an earlier version)"
                : "(an intermediate value of " + writer + ")";
    }
}
