package org.maftia.testkit.property;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.maftia.testkit.property.TransactionHistory.Operation;
import org.maftia.testkit.property.TransactionHistory.Outcome;

/**
 * What a history says once its values are traced: which transactions committed (the unknown
 * outcomes decided from the final state), what each committed transaction read from, and each
 * object's committed versions in order. The assumptions are in this package's description; a
 * history that breaks them is refused with an {@link IllegalArgumentException}, and one whose
 * values no execution explains throws a {@link PropertyViolation}.
 */
final class VersionOrder {

    private final Map<String, Long> initial;
    private final Map<String, List<Operation>> operations;
    /** Per object, the transaction that wrote each value (unique by assumption). */
    private final Map<String, Map<Long, String>> writerOf = new TreeMap<>();
    /** Per transaction, its last write of each object: the value it leaves if it commits. */
    private final Map<String, Map<String, Long>> lastWrites = new TreeMap<>();
    private final TreeSet<String> committed = new TreeSet<>();
    /** Per committed transaction, the value of each object it read before writing it. */
    private final Map<String, Map<String, Long>> reads = new TreeMap<>();
    /** Per object, its committed writers in version order. */
    private final Map<String, List<String>> versions = new TreeMap<>();

    VersionOrder(TransactionHistory history, Map<String, Long> finalValues) {
        this.initial = history.initial();
        this.operations = history.snapshot();
        indexWrites();
        decideOutcomes(history.outcomes(), finalValues);
        for (String tx : committed) {
            reads.put(tx, externalReads(tx));
        }
        lastWrites.forEach((tx, writes) -> {
            if (committed.contains(tx)) {
                writes.keySet().forEach(key -> versions.computeIfAbsent(key, k -> new ArrayList<>()));
            }
        });
        versions.forEach((key, chain) -> chain.addAll(chain(key, finalValues.get(key))));
    }

    TreeSet<String> committed() {
        return committed;
    }

    /** The committed writers of each object, in version order. */
    Map<String, List<String>> versions() {
        return versions;
    }

    /** What committed {@code tx} read of each object before writing it. */
    Map<String, Long> reads(String tx) {
        return reads.get(tx);
    }

    Map<String, Long> lastWrites(String tx) {
        return lastWrites.getOrDefault(tx, Map.of());
    }

    Long initial(String key) {
        return initial.get(key);
    }

    /** The transaction that wrote {@code value} to {@code key}, or null (the initial value, or nobody). */
    String writerOf(String key, long value) {
        return writerOf.getOrDefault(key, Map.of()).get(value);
    }

    private void indexWrites() {
        operations.forEach((tx, ops) -> {
            for (Operation op : ops) {
                if (!op.isWrite()) {
                    continue;
                }
                String other = writerOf.computeIfAbsent(op.key(), k -> new HashMap<>()).putIfAbsent(op.value(), tx);
                if ((other != null && !other.equals(tx)) || Objects.equals(initial.get(op.key()), op.value())) {
                    throw new IllegalArgumentException("cannot tell versions of " + op.key() + " apart: " + tx + " wrote " + op.value()
                            + " as " + (other == null || other.equals(tx) ? "the initial value" : other + " did")
                            + "; give every write of an object a value of its own");
                }
                lastWrites.computeIfAbsent(tx, t -> new TreeMap<>()).put(op.key(), op.value());
            }
        });
    }

    /**
     * A transaction of unknown outcome committed if its writes show, and did not if none does: a
     * write shows when it is an object's final value or a committed transaction read it. Decided
     * to a fixed point, since a transaction taken as committed may show another's writes; a
     * read-only transaction of unknown outcome leaves no trace and is taken as not committed.
     */
    private void decideOutcomes(Map<String, Outcome> outcomes, Map<String, Long> finalValues) {
        List<String> unknown = new ArrayList<>();
        for (String tx : operations.keySet()) {
            Outcome outcome = outcomes.getOrDefault(tx, Outcome.UNKNOWN);
            if (outcome == Outcome.COMMITTED) {
                committed.add(tx);
            } else if (outcome == Outcome.UNKNOWN) {
                unknown.add(tx);
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (String tx : List.copyOf(unknown)) {
                if (!lastWrites(tx).isEmpty() && lastWrites(tx).entrySet().stream().allMatch(w -> shows(tx, w, finalValues))) {
                    committed.add(tx);
                    unknown.remove(tx);
                    changed = true;
                }
            }
        }
        for (String tx : unknown) {
            List<String> shown = lastWrites(tx).entrySet().stream().filter(w -> shows(tx, w, finalValues))
                    .map(w -> w.getKey() + "=" + w.getValue()).toList();
            if (!shown.isEmpty()) {
                throw new PropertyViolation("atomicity", "transaction " + tx + " of unknown outcome neither committed nor aborted: its writes "
                        + shown + " show but not " + lastWrites(tx));
            }
        }
    }

    private boolean shows(String tx, Map.Entry<String, Long> write, Map<String, Long> finalValues) {
        if (write.getValue().equals(finalValues.get(write.getKey()))) {
            return true;
        }
        return committed.stream().filter(c -> !c.equals(tx)).anyMatch(c -> operations.get(c).stream()
                .anyMatch(op -> !op.isWrite() && op.key().equals(write.getKey()) && op.value() == write.getValue()));
    }

    /**
     * What {@code tx} read of each object before writing it, each read checked to be of a committed
     * version (no dirty read), the same each time (repeatable), and after its own write, of that
     * write.
     */
    private Map<String, Long> externalReads(String tx) {
        Map<String, Long> read = new LinkedHashMap<>();
        Map<String, Long> written = new HashMap<>();
        for (Operation op : operations.get(tx)) {
            String key = op.key();
            if (op.isWrite()) {
                written.put(key, op.value());
            } else if (written.containsKey(key)) {
                if (written.get(key) != op.value()) {
                    throw isolation(tx + " read " + op.key() + "=" + op.value() + " after writing " + key + "=" + written.get(key) + " itself");
                }
            } else if (read.containsKey(key)) {
                if (read.get(key) != op.value()) {
                    throw isolation("non-repeatable read: " + tx + " read " + key + "=" + read.get(key) + " then " + key + "=" + op.value());
                }
            } else {
                checkCommittedVersion(tx, op);
                read.put(key, op.value());
            }
        }
        return read;
    }

    private void checkCommittedVersion(String tx, Operation op) {
        if (Objects.equals(initial.get(op.key()), op.value())) {
            return;
        }
        String writer = writerOf(op.key(), op.value());
        if (writer == null || writer.equals(tx)) {
            throw isolation(tx + " read " + shown(op) + ", which no transaction wrote before");
        }
        if (!committed.contains(writer)) {
            throw isolation("dirty read: " + tx + " read " + shown(op) + " written by " + writer + ", which did not commit");
        }
        if (lastWrites(writer).get(op.key()) != op.value()) {
            throw isolation("dirty read: " + tx + " read " + shown(op) + ", an intermediate value of " + writer + ", which left "
                    + op.key() + "=" + lastWrites(writer).get(op.key()));
        }
    }

    /**
     * The committed writers of {@code key} in version order: each writer's version follows the one
     * it read (read-modify-write); a blind writer starts a chain of its own, and the chains follow
     * the one from the initial value, the chain holding the final value last.
     */
    private List<String> chain(String key, Long finalValue) {
        Map<Long, String> overwriterOf = new HashMap<>();
        List<String> blind = new ArrayList<>();
        for (String tx : committed) {
            if (!lastWrites(tx).containsKey(key)) {
                continue;
            }
            Long before = reads.get(tx).get(key);
            if (before == null) {
                blind.add(tx);
                continue;
            }
            String other = overwriterOf.putIfAbsent(before, tx);
            if (other != null) {
                throw isolation("lost update on " + key + ": " + other + " and " + tx + " both read " + key + "=" + before
                        + " and both overwrote it (cycle " + other + " -rw(" + key + ")-> " + tx + " -rw(" + key + ")-> " + other + ")");
            }
        }
        List<List<String>> chains = new ArrayList<>();
        for (String tx : blind) {
            chains.add(follow(lastWrites(tx).get(key), tx, key, overwriterOf));
        }
        if (chains.size() > 2) {
            throw new IllegalArgumentException("cannot order the blind writes of " + key + " by " + blind
                    + ": let each writer read the object first, or keep to two blind writers");
        }
        chains.sort((a, b) -> Boolean.compare(endsAt(a, key, finalValue), endsAt(b, key, finalValue)));
        chains.addFirst(follow(initial.get(key), null, key, overwriterOf));
        List<String> order = chains.stream().flatMap(List::stream).toList();
        if (order.size() != overwriterOf.size() + blind.size()) {
            List<String> stranded = new ArrayList<>(overwriterOf.values());
            stranded.removeAll(order);
            throw isolation("the writes of " + key + " by " + stranded + " follow no committed version: each read a value another of them wrote");
        }
        return order;
    }

    private List<String> follow(Long value, String first, String key, Map<Long, String> overwriterOf) {
        List<String> chain = new ArrayList<>();
        if (first != null) {
            chain.add(first);
        }
        for (String next = overwriterOf.get(value); next != null; next = overwriterOf.get(lastWrites(next).get(key))) {
            chain.add(next);
        }
        return chain;
    }

    private boolean endsAt(List<String> chain, String key, Long finalValue) {
        return !chain.isEmpty() && lastWrites(chain.getLast()).get(key).equals(finalValue);
    }

    private static String shown(Operation op) {
        return op.key() + "=" + op.value();
    }

    private static PropertyViolation isolation(String detail) {
        return new PropertyViolation("serializability", detail);
    }
}
