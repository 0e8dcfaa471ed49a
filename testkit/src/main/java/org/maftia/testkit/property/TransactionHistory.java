package org.maftia.testkit.property;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the clients of the transaction service did (spec 3.3.1): per transaction, its reads and
 * writes of named objects in the order the client did them, and how it ended; with the objects'
 * values before the first transaction. {@link Serializability} and {@link Atomicity} check it
 * against the replicas' final committed values.
 *
 * <p>Thread-safe: clients record from their own threads. A transaction whose outcome is never
 * recorded is {@link Outcome#UNKNOWN}, as for a client that crashed or timed out.
 */
public final class TransactionHistory {

    /** How a transaction ended, as its client learned it. */
    public enum Outcome {
        COMMITTED, ABORTED,
        /** The client did not learn the outcome (it timed out): the checkers decide it from the final state. */
        UNKNOWN
    }

    /** One operation of a transaction on object {@code key}: a read that returned {@code value}, or a write of it. */
    public record Operation(boolean isWrite, String key, long value) {

        @Override
        public String toString() {
            return (isWrite ? "write " : "read ") + key + "=" + value;
        }
    }

    private final Map<String, Long> initial;
    private final Map<String, List<Operation>> operations = new TreeMap<>();
    private final Map<String, Outcome> outcomes = new TreeMap<>();

    /** An empty history of objects whose values before any transaction are {@code initial}. */
    public TransactionHistory(Map<String, Long> initial) {
        this.initial = Map.copyOf(initial);
    }

    /** Transaction {@code tx} read {@code value} from object {@code key}. */
    public synchronized void read(String tx, String key, long value) {
        operations.computeIfAbsent(tx, t -> new ArrayList<>()).add(new Operation(false, key, value));
    }

    /** Transaction {@code tx} wrote {@code value} to object {@code key}. */
    public synchronized void write(String tx, String key, long value) {
        operations.computeIfAbsent(tx, t -> new ArrayList<>()).add(new Operation(true, key, value));
    }

    /** Transaction {@code tx} ended with {@code outcome}; recording a different outcome later is a mistake of the test. */
    public synchronized void end(String tx, Outcome outcome) {
        operations.computeIfAbsent(tx, t -> new ArrayList<>());
        Outcome before = outcomes.putIfAbsent(tx, outcome);
        if (before != null && before != outcome) {
            throw new IllegalStateException("transaction " + tx + " already ended " + before + ", not " + outcome);
        }
    }

    /** The objects' values before any transaction. */
    public Map<String, Long> initial() {
        return initial;
    }

    /** The transactions recorded, by id. */
    public synchronized Set<String> transactions() {
        return Set.copyOf(operations.keySet());
    }

    /** What {@code tx} did, in order (empty for a transaction never recorded). */
    public synchronized List<Operation> operations(String tx) {
        return List.copyOf(operations.getOrDefault(tx, List.of()));
    }

    /** How {@code tx} ended; {@link Outcome#UNKNOWN} when no outcome was recorded. */
    public synchronized Outcome outcome(String tx) {
        return outcomes.getOrDefault(tx, Outcome.UNKNOWN);
    }

    /** A copy of every transaction's operations, by id in order, for a checker to work on while clients go on. */
    synchronized Map<String, List<Operation>> snapshot() {
        Map<String, List<Operation>> copy = new TreeMap<>();
        operations.forEach((tx, ops) -> copy.put(tx, List.copyOf(ops)));
        return copy;
    }

    synchronized Map<String, Outcome> outcomes() {
        return new TreeMap<>(outcomes);
    }
}
