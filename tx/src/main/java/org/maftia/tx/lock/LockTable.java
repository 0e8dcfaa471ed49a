package org.maftia.tx.lock;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.maftia.tx.TransactionId;
import org.maftia.crypto.codec.ByteReader;
import org.maftia.crypto.codec.ByteWriter;

/**
 * The Locking Manager's lock log (spec 5.3.5, Protocol 24): per resource id, the lock and the
 * transactions holding it. A resource with no holder has no entry (the spec's {@code lock = ∅}).
 * Sorted maps and sets, so that {@link #encode()} gives the same bytes for the same locks.
 */
public final class LockTable {

    private final TreeMap<String, Held> locks = new TreeMap<>();

    /** The lock on one resource and its holders; never empty while in the table. */
    private record Held(LockMode lock, TreeSet<TransactionId> tids) {
    }

    /**
     * Protocol 24 lines 1-23: grants {@code request} on {@code resource} to {@code tid} or says
     * notOk (false). Where the pseudo-code leaves a case out, the scheme of 5.3.5 decides: a
     * shared read lock records its new holder too (so that it is released at its commit), a
     * transaction already holding the write lock gets any lock again, and promotion (line 16)
     * requires that the one holder be the requesting transaction, not merely that there be one.
     */
    public boolean lock(String resource, TransactionId tid, LockMode request) {
        Held held = locks.get(resource);
        if (held == null) {                                           // line 3
            TreeSet<TransactionId> tids = new TreeSet<>();
            tids.add(tid);
            locks.put(resource, new Held(request, tids));             // lines 4-6
            return true;
        }
        if (held.lock == LockMode.WRITE) {                            // exclusive: only its holder
            return held.tids.contains(tid);
        }
        if (request == LockMode.READ) {                               // lines 7-9: shared
            held.tids.add(tid);
            return true;
        }
        if (held.tids.size() == 1 && held.tids.contains(tid)) {       // lines 15-20: promote
            locks.put(resource, new Held(LockMode.WRITE, held.tids));
            return true;
        }
        return false;                                                 // lines 21-22
    }

    /**
     * Protocol 24 lines 24-31: {@code tid} gives up its lock on {@code resource}; notOk (false)
     * if it holds none there. A shared lock stays with its other holders.
     */
    public boolean unlock(String resource, TransactionId tid) {
        Held held = locks.get(resource);
        if (held == null || !held.tids.remove(tid)) {
            return false;
        }
        if (held.tids.isEmpty()) {
            locks.remove(resource);
        }
        return true;
    }

    /** Every lock of {@code tid} released, at its commit or abort (Protocol 20 lines 19 and 28). */
    public void releaseAll(TransactionId tid) {
        for (String resource : resourcesOf(tid)) {
            unlock(resource, tid);
        }
    }

    /** Whether {@code tid} holds a lock on {@code resource} at least as strong as {@code mode}. */
    public boolean holds(String resource, TransactionId tid, LockMode mode) {
        Held held = locks.get(resource);
        return held != null && held.tids.contains(tid) && (mode == LockMode.READ || held.lock == LockMode.WRITE);
    }

    /** The lock on {@code resource}, or null if none. */
    public LockMode lockOn(String resource) {
        Held held = locks.get(resource);
        return held == null ? null : held.lock;
    }

    /** The transactions holding a lock on {@code resource}, in order. */
    public SortedSet<TransactionId> holders(String resource) {
        Held held = locks.get(resource);
        return held == null ? new TreeSet<>() : new TreeSet<>(held.tids);
    }

    /** The resources {@code tid} holds a lock on, in order. */
    public List<String> resourcesOf(TransactionId tid) {
        List<String> resources = new ArrayList<>();
        locks.forEach((resource, held) -> {
            if (held.tids.contains(tid)) {
                resources.add(resource);
            }
        });
        return resources;
    }

    public boolean isEmpty() {
        return locks.isEmpty();
    }

    public byte[] encode() {
        ByteWriter out = new ByteWriter().u32(locks.size());
        locks.forEach((resource, held) -> {
            out.prefixed(resource).u8(held.lock.ordinal()).u32(held.tids.size());
            held.tids.forEach(tid -> out.raw(tid.bytes()));
        });
        return out.toByteArray();
    }

    /** Strict: unknown lock kinds, holderless entries, and unsorted or repeated keys are refused. */
    public static LockTable decode(byte[] bytes) {
        ByteReader in = new ByteReader(bytes, "lock table");
        LockTable table = new LockTable();
        for (int k = in.count(6, "locks"); k > 0; k--) {
            String resource = in.prefixedString("resource");
            int kind = in.u8("lock");
            if (kind >= LockMode.values().length) {
                throw in.malformed("lock kind " + kind + " is neither read nor write");
            }
            TreeSet<TransactionId> tids = new TreeSet<>();
            int count = in.count(TransactionId.LENGTH, "holders");
            for (int h = count; h > 0; h--) {
                tids.add(new TransactionId(in.raw(TransactionId.LENGTH, "holder")));
            }
            if (tids.size() != count) {
                throw in.malformed("resource '" + resource + "' lists a holder twice");
            }
            LockMode lock = LockMode.values()[kind];
            if (tids.isEmpty() || (lock == LockMode.WRITE && tids.size() > 1)) {
                throw in.malformed("resource '" + resource + "' has " + tids.size() + " holders of a " + lock + " lock");
            }
            if (!table.locks.isEmpty() && table.locks.lastKey().compareTo(resource) >= 0) {
                throw in.malformed("resource '" + resource + "' out of order");
            }
            table.locks.put(resource, new Held(lock, tids));
        }
        in.end();
        return table;
    }
}
