package org.maftia.tx.resource;

import java.util.List;
import org.maftia.net.client.ClientId;

/**
 * What a resource manager replica is configured with, the same at every replica of the group.
 *
 * @param transactionManager      the transaction manager group as it calls (its caller-group id): the one caller that
 *                                prepares, commits, aborts and unlocks
 * @param transactionManagerName  the transaction manager group as this group calls it (to register)
 * @param members                 the group's members as they vote on replies and ticks (each site's client key), in site order
 * @param t                       how many members may be corrupted
 * @param lockTicks               a transaction holding anything here and not prepared this many ticks of the group's
 *                                clock after it first did is aborted here (its prepare then votes no): the bound on how
 *                                long a vanished client's locks are held
 * @param registrationsPerClient  registrations one client may have under way at once
 * @param endedKept               transactions ended here (and refusals) remembered, so that a late registration or
 *                                invocation is refused; the oldest forgotten first
 */
public record RmSettings(ClientId transactionManager, String transactionManagerName, List<ClientId> members, int t, long lockTicks,
                         int registrationsPerClient, int endedKept) {

    public RmSettings {
        members = List.copyOf(members);
        String problem = members.size() <= 3 * t ? members.size() + " members cannot tolerate t = " + t
                : lockTicks < 1 ? "lockTicks must be at least 1"
                : registrationsPerClient < 1 || endedKept < 1 ? "registrationsPerClient and endedKept must be at least 1"
                : null;
        if (problem != null) {
            throw new IllegalArgumentException("resource manager settings: " + problem);
        }
    }

    /** The defaults for the bounds: locks for 20 ticks, 16 registrations per client, 16,384 ended remembered. */
    public static RmSettings of(ClientId transactionManager, String transactionManagerName, List<ClientId> members, int t) {
        return new RmSettings(transactionManager, transactionManagerName, members, t, 20, 16, 16_384);
    }
}
