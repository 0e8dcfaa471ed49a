package org.maftia.tx.resource;

import java.util.List;
import org.maftia.tx.TransactionId;
import org.maftia.tx.lock.LockMode;

/**
 * A transactional resource (spec 3.3.4.1, the {@code Resource} interface: save, prepare, commit,
 * abort) with the application methods its resource manager invokes, and its state as bytes for the
 * group's snapshots. The resource manager holds the locks (Protocol 24): a method that writes is
 * invoked only under the calling transaction's write lock, after {@link #save()}, so at most one
 * transaction has a tentative state at a time. Deterministic, like every replicated service.
 */
public interface Resource {

    /** Checkpoints the committed state: what follows is tentative until commit or abort. */
    void save();

    /** Whether the tentative state may become permanent (Protocol 19). */
    boolean prepare(TransactionId tid);

    /** Makes the tentative state permanent (Protocol 21 line 12). */
    void commit(TransactionId tid);

    /** Returns to the state {@link #save()} checkpointed (Protocol 21 line 5). */
    void abort(TransactionId tid);

    /** The lock {@code method} needs; an unknown method is refused. */
    LockMode lockFor(String method) throws ResourceRefusedException;

    /**
     * Applies {@code method} to the tentative state if there is one (the committed state
     * otherwise) and returns its value. A refusal changes nothing.
     */
    String invoke(String method, List<String> args) throws ResourceRefusedException;

    /** The committed and the tentative state, deterministically encoded. */
    byte[] snapshot();

    /** Replaces the state with one {@link #snapshot()} gave; malformed bytes are refused. */
    void restore(byte[] snapshot);
}
