package org.maftia.tx.manager;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.maftia.crypto.codec.ByteReader;
import org.maftia.crypto.codec.ByteWriter;
import org.maftia.net.client.ClientId;
import org.maftia.tx.ClientOrder;
import org.maftia.tx.TransactionId;

/**
 * The transaction log (spec 5.3.4.1, {@code trans log}: put, get, contains keyed by tid), the
 * number of transactions begun (from which the next tid is derived), and the decided ones in the
 * order they were decided, so that the oldest outcome is forgotten first. Sorted by tid, so that
 * the encoding is the same at every replica that executed the same operations.
 */
final class TransactionLog {

    private final TreeMap<TransactionId, TransactionRecord> records = new TreeMap<>();
    private final ArrayDeque<TransactionId> decided = new ArrayDeque<>();
    private final TreeMap<ClientId, Integer> openBy = new TreeMap<>(ClientOrder.ORDER);
    private long begun;

    /** Protocol 14 line 2, counted: the position of the next begin among all begins. */
    long nextBegin() {
        return begun++;
    }

    /** Protocol 14 line 6: a new, open transaction. */
    void put(TransactionId tid, TransactionRecord record) {
        records.put(tid, record);
        openBy.merge(record.creator, 1, Integer::sum);
    }

    Optional<TransactionRecord> get(TransactionId tid) {
        return Optional.ofNullable(records.get(tid));
    }

    /** Transactions not yet decided. */
    int open() {
        return records.size() - decided.size();
    }

    /** Transactions not yet decided that {@code client} began. */
    int openBy(ClientId client) {
        return openBy.getOrDefault(client, 0);
    }

    /** The open transactions that began before tick {@code tick}, in tid order. */
    List<TransactionId> openBefore(long tick) {
        List<TransactionId> old = new ArrayList<>();
        records.forEach((tid, record) -> {
            if (!record.state().decided() && record.state() != TransactionState.PREPARING && record.beganAt < tick) {
                old.add(tid);
            }
        });
        return old;
    }

    /** The transaction was just decided; beyond {@code kept} decided ones, the oldest is forgotten. */
    void decided(TransactionId tid, int kept) {
        TransactionRecord record = records.get(tid);
        openBy.computeIfPresent(record.creator, (c, count) -> count == 1 ? null : count - 1);
        decided.addLast(tid);
        while (decided.size() > kept) {
            records.remove(decided.pollFirst());
        }
    }

    /** Transactions in each state, in the states' order (3.3.4.2 getStatus). */
    long[] countByState() {
        long[] counts = new long[TransactionState.values().length];
        records.values().forEach(r -> counts[r.state().ordinal()]++);
        return counts;
    }

    byte[] encode() {
        ByteWriter out = new ByteWriter().u64(begun).u32(records.size());
        records.forEach((tid, record) -> {
            out.raw(tid.bytes());
            record.encode(out);
        });
        out.u32(decided.size());
        decided.forEach(tid -> out.raw(tid.bytes()));
        return out.toByteArray();
    }

    static TransactionLog decode(byte[] bytes) {
        ByteReader in = new ByteReader(bytes, "transaction log");
        TransactionLog log = new TransactionLog();
        log.begun = in.u64("begun");
        for (int k = in.count(TransactionId.LENGTH + 61, "transactions"); k > 0; k--) {
            TransactionId tid = new TransactionId(in.raw(TransactionId.LENGTH, "tid"));
            if (!log.records.isEmpty() && log.records.lastKey().compareTo(tid) >= 0) {
                throw in.malformed(tid + " out of order");
            }
            log.records.put(tid, TransactionRecord.decode(in));
        }
        for (int k = in.count(TransactionId.LENGTH, "decided"); k > 0; k--) {
            TransactionId tid = new TransactionId(in.raw(TransactionId.LENGTH, "tid"));
            TransactionRecord record = log.records.get(tid);
            if (record == null || !record.state().decided()) {
                throw in.malformed(tid + " listed as decided but it is not");
            }
            log.decided.addLast(tid);
        }
        log.records.forEach((tid, record) -> {
            if (!record.state().decided()) {
                log.openBy.merge(record.creator, 1, Integer::sum);
            }
        });
        if (log.records.values().stream().filter(r -> r.state().decided()).count() != log.decided.size()) {
            throw in.malformed("a decided transaction missing from the order of decisions");
        }
        in.end();
        return log;
    }
}
