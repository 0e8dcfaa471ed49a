package org.maftia.testkit.property;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Isolation (spec 3.3.1: "transactions appear to execute serially"), as strict two-phase locking
 * (spec 3.3.3.2) provides it: the committed transactions of a history are conflict-serializable.
 * Each committed read is traced by its value to the committed version it read, each object's
 * committed writes to a chain of versions, and the precedence graph of their conflicts (ww, wr
 * and rw edges) must have no cycle.
 */
public final class Serializability {

    private Serializability() {
    }

    /**
     * The committed transactions of {@code history}, and those of unknown outcome whose writes
     * show in {@code finalValues}, read only committed values, repeatably, and are conflict-serializable.
     *
     * @throws PropertyViolation naming the transactions and objects of a dirty, non-repeatable or
     *     otherwise unexplained read, of a lost update, or of one cycle of conflicts
     * @throws IllegalArgumentException if the history breaks the checker's assumptions (see the package)
     */
    public static void check(TransactionHistory history, Map<String, Long> finalValues) {
        VersionOrder order = new VersionOrder(history, finalValues);
        List<String> cycle = cycle(conflicts(order));
        if (!cycle.isEmpty()) {
            throw new PropertyViolation("serializability", "the committed transactions cannot run serially, their conflicts form a cycle "
                    + String.join(" ", cycle));
        }
    }

    /** The serialization: the committed transactions in an order the history is equivalent to. */
    public static List<String> order(TransactionHistory history, Map<String, Long> finalValues) {
        check(history, finalValues);
        Map<String, Map<String, String>> edges = conflicts(new VersionOrder(history, finalValues));
        List<String> done = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String tx : edges.keySet()) {
            postOrder(tx, edges, seen, done);
        }
        return done.reversed();
    }

    /** Edges of the precedence graph, from each committed transaction to those that must follow it, labelled by conflict and object. */
    static Map<String, Map<String, String>> conflicts(VersionOrder order) {
        Map<String, Map<String, String>> edges = new TreeMap<>();
        order.committed().forEach(tx -> edges.put(tx, new TreeMap<>()));
        order.versions().forEach((key, writers) -> {
            for (int i = 1; i < writers.size(); i++) {
                edge(edges, writers.get(i - 1), writers.get(i), "ww(" + key + ")");
            }
        });
        for (String reader : order.committed()) {
            order.reads(reader).forEach((key, value) -> {
                List<String> writers = order.versions().getOrDefault(key, List.of());
                String writer = order.writerOf(key, value);
                int next = writer == null ? 0 : writers.indexOf(writer) + 1;
                if (writer != null) {
                    edge(edges, writer, reader, "wr(" + key + ")");
                }
                if (next < writers.size()) {
                    edge(edges, reader, writers.get(next), "rw(" + key + ")");
                }
            });
        }
        return edges;
    }

    private static void edge(Map<String, Map<String, String>> edges, String from, String to, String label) {
        if (!from.equals(to)) {
            edges.get(from).putIfAbsent(to, label);
        }
    }

    /** One cycle of the graph, written "T1 -ww(x)-> T2 -rw(y)-> T1", or empty when there is none. */
    static List<String> cycle(Map<String, Map<String, String>> edges) {
        Map<String, Integer> state = new HashMap<>(); // absent: unvisited, 1: on the path, 2: done
        List<String> path = new ArrayList<>();
        for (String tx : edges.keySet()) {
            List<String> found = visit(tx, edges, state, path);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private static List<String> visit(String tx, Map<String, Map<String, String>> edges, Map<String, Integer> state, List<String> path) {
        if (state.containsKey(tx)) {
            return List.of();
        }
        state.put(tx, 1);
        path.add(tx);
        for (Map.Entry<String, String> e : edges.get(tx).entrySet()) {
            if (state.get(e.getKey()) != null && state.get(e.getKey()) == 1) {
                List<String> loop = path.subList(path.indexOf(e.getKey()), path.size());
                List<String> shown = new ArrayList<>();
                for (int i = 0; i < loop.size(); i++) {
                    String next = i + 1 < loop.size() ? loop.get(i + 1) : e.getKey();
                    shown.add(loop.get(i));
                    shown.add("-" + edges.get(loop.get(i)).get(next) + "->");
                }
                shown.add(e.getKey());
                return shown;
            }
            List<String> found = visit(e.getKey(), edges, state, path);
            if (!found.isEmpty()) {
                return found;
            }
        }
        state.put(tx, 2);
        path.removeLast();
        return List.of();
    }

    private static void postOrder(String tx, Map<String, Map<String, String>> edges, Set<String> seen, List<String> done) {
        if (seen.add(tx)) {
            edges.get(tx).keySet().forEach(next -> postOrder(next, edges, seen, done));
            done.add(tx);
        }
    }
}
