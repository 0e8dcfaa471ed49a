package org.maftia.tx.manager;

import java.util.List;
import java.util.Map;
import org.maftia.net.client.ClientId;

/**
 * What a transaction manager replica is configured with, the same at every replica of the group.
 *
 * @param tidSeed           at least 32 secret random bytes, known to the group's replicas only: tids are derived from it
 * @param members           the group's members as they vote on calls' replies and ticks (each site's client key), in site order
 * @param t                 how many members may be corrupted
 * @param resourceManagers  the resource manager groups: their caller-group id (as they register) → their name (as they are called)
 * @param openTicks         a transaction still open (not yet deciding) this many ticks of the group's clock after its
 *                          begin is aborted: the bound on how long a client that vanished holds anything
 * @param maxOpen           transactions open at once; a begin beyond it is told to retry
 * @param maxOpenPerClient  transactions one client may have open at once (one client cannot fill the log)
 * @param endedKept         decided transactions whose outcome is kept for their clients to read, the oldest forgotten first
 */
public record TmSettings(byte[] tidSeed, List<ClientId> members, int t, Map<ClientId, String> resourceManagers, long openTicks,
                         int maxOpen, int maxOpenPerClient, int endedKept) {

    public TmSettings {
        members = List.copyOf(members);
        resourceManagers = Map.copyOf(resourceManagers);
        String problem = tidSeed.length < 32 ? "the tid seed must be at least 32 secret random bytes, not " + tidSeed.length
                : members.size() <= 3 * t ? members.size() + " members cannot tolerate t = " + t
                : openTicks < 1 ? "openTicks must be at least 1"
                : maxOpen < 1 || maxOpenPerClient < 1 || endedKept < 1 ? "maxOpen, maxOpenPerClient and endedKept must be at least 1"
                : null;
        if (problem != null) {
            throw new IllegalArgumentException("transaction manager settings: " + problem);
        }
        tidSeed = tidSeed.clone();
    }

    /** The defaults for the bounds: 30 ticks open, 10,000 open, 64 per client, 10,000 outcomes kept. */
    public static TmSettings of(byte[] tidSeed, List<ClientId> members, int t, Map<ClientId, String> resourceManagers) {
        return new TmSettings(tidSeed, members, t, resourceManagers, 30, 10_000, 64, 10_000);
    }

    @Override
    public byte[] tidSeed() {
        return tidSeed.clone();
    }
}
