package org.maftia.replication.recovery;

import org.maftia.group.core.Digest;

/**
 * The replicated state at the beginning of a round of the group's atomic broadcast: the same
 * bytes at every honest replica that reached that round ({@link ReplicaState}), and their digest,
 * by which t+1 replicas vouch for it.
 */
public record Checkpoint(long round, byte[] state, Digest digest) {

    public static Checkpoint of(ReplicaState state) {
        byte[] bytes = state.encode();
        return new Checkpoint(state.resumePoint().round(), bytes, Digest.of(bytes));
    }

    /** Chunk {@code index} of the state in chunks of {@code chunkBytes}; there is always at least one. */
    public byte[] chunk(int index, int chunkBytes) {
        int from = (int) Math.min((long) index * chunkBytes, state.length);
        return java.util.Arrays.copyOfRange(state, from, Math.min(from + chunkBytes, state.length));
    }

    public int chunks(int chunkBytes) {
        return Math.max(1, (state.length + chunkBytes - 1) / chunkBytes);
    }
}
