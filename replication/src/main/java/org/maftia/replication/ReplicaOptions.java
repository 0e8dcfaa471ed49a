package org.maftia.replication;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.maftia.net.client.ClientId;

/**
 * How a replica runs. Each bound says what it costs:
 *
 * @param checkpointEvery  a checkpoint after the round in which this many more requests were executed
 *                         (more: less work, longer replays for a recovering replica)
 * @param clientWindow     how many requests of one client may be in flight (numbers ahead of its
 *                         lowest unexecuted one); a proxy keeps within it
 * @param maxClients       clients whose history is kept (Protocol 13); the least recently served is forgotten first
 * @param maxRequestBytes  the largest operation a client may send
 * @param maxPendingBytes  requests this replica broadcast and has not seen delivered yet, in bytes; beyond it,
 *                         requests are dropped (the client retries through another member)
 * @param replyCacheBytes  replies kept to answer retransmissions
 * @param chunkBytes       the state of a checkpoint travels in chunks of this size
 * @param retry            how long a recovering replica waits for offers or a chunk before asking again or another
 * @param callers          the replicated groups that call this service, each counted as one client once t+1 of its
 *                         members ask alike; a client key belongs to at most one, and a group's requests are numbered
 *                         within {@code clientWindow} as a client's are
 */
public record ReplicaOptions(int checkpointEvery, int clientWindow, int maxClients, int maxRequestBytes, long maxPendingBytes,
                             long replyCacheBytes, int chunkBytes, Duration retry, List<CallerGroup> callers) {

    public static final ReplicaOptions DEFAULT = new ReplicaOptions(1_000, 256, 4_096, 256 << 10, 64L << 20, 32L << 20,
            1 << 20, Duration.ofSeconds(1), List.of());

    public ReplicaOptions {
        callers = List.copyOf(callers);
        String problem = checkpointEvery < 1 ? "checkpointEvery must be at least 1"
                : clientWindow < 1 || clientWindow > 1 << 16 ? "clientWindow must be in 1..65536"
                : maxClients < 1 ? "maxClients must be at least 1"
                : maxRequestBytes < 1 || maxRequestBytes > 8 << 20 ? "maxRequestBytes must be in 1..8 MiB"
                : maxPendingBytes < maxRequestBytes ? "maxPendingBytes must hold at least one request"
                : replyCacheBytes < 0 ? "replyCacheBytes must not be negative"
                : chunkBytes < 1024 || chunkBytes > 8 << 20 ? "chunkBytes must be in 1 KiB..8 MiB"
                : retry.isNegative() || retry.isZero() ? "retry must be positive"
                : callersOverlap(callers) ? "caller groups must have distinct names and members" : null;
        if (problem != null) {
            throw new IllegalArgumentException("invalid replica options: " + problem);
        }
    }

    public ReplicaOptions withCheckpointEvery(int requests) {
        return new ReplicaOptions(requests, clientWindow, maxClients, maxRequestBytes, maxPendingBytes, replyCacheBytes, chunkBytes, retry, callers);
    }

    public ReplicaOptions withChunkBytes(int bytes) {
        return new ReplicaOptions(checkpointEvery, clientWindow, maxClients, maxRequestBytes, maxPendingBytes, replyCacheBytes, bytes, retry, callers);
    }

    public ReplicaOptions withCallers(List<CallerGroup> groups) {
        return new ReplicaOptions(checkpointEvery, clientWindow, maxClients, maxRequestBytes, maxPendingBytes, replyCacheBytes, chunkBytes,
                retry, groups);
    }

    private static boolean callersOverlap(List<CallerGroup> callers) {
        Set<String> names = new HashSet<>();
        Set<ClientId> members = new HashSet<>();
        for (CallerGroup g : callers) {
            if (!names.add(g.name()) || !g.members().stream().allMatch(members::add)) {
                return true;
            }
        }
        return false;
    }
}
