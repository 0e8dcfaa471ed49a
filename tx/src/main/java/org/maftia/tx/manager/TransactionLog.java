package org.maftia.tx.manager;

import java.util.Optional;
import java.util.TreeMap;
import org.maftia.tx.TransactionId;
import org.maftia.crypto.codec.ByteReader;
import org.maftia.crypto.codec.ByteWriter;

/**
 * The transaction log (spec 5.3.4.1, {@code trans log}: put, get, contains keyed by tid) and the
 * number of transactions begun, from which the next tid is derived. Sorted by tid, so that the
 * encoding is the same at every replica that executed the same operations.
 */
final class TransactionLog {

    private final TreeMap<TransactionId, TransactionRecord> records = new TreeMap<>();
    private long begun;

    /** Protocol 14 line 2, counted: the position of the next begin among all begins. */
    long nextBegin() {
        return begun++;
    }

    void put(TransactionId tid, TransactionRecord record) {
        records.put(tid, record);
    }

    Optional<TransactionRecord> get(TransactionId tid) {
        return Optional.ofNullable(records.get(tid));
    }

    int size() {
        return records.size();
    }

    byte[] encode() {
        ByteWriter out = new ByteWriter().u64(begun).u32(records.size());
        records.forEach((tid, record) -> {
            out.raw(tid.bytes());
            record.encode(out);
        });
        return out.toByteArray();
    }

    static TransactionLog decode(byte[] bytes) {
        ByteReader in = new ByteReader(bytes, "transaction log");
        TransactionLog log = new TransactionLog();
        log.begun = in.u64("begun");
        for (int k = in.count(TransactionId.LENGTH + 21, "transactions"); k > 0; k--) {
            TransactionId tid = new TransactionId(in.raw(TransactionId.LENGTH, "tid"));
            if (!log.records.isEmpty() && log.records.lastKey().compareTo(tid) >= 0) {
                throw in.malformed(tid + " out of order");
            }
            log.records.put(tid, TransactionRecord.decode(in));
        }
        in.end();
        return log;
    }
}
