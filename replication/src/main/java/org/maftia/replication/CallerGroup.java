package org.maftia.replication;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import org.maftia.group.core.Digest;
import org.maftia.net.client.ClientId;
import org.maftia.net.group.GroupConfig;

/**
 * A replicated group that calls this service (spec 5.3.3, Protocols 12-13: {@code group(j)}): each
 * of its {@code members} is a client key held by one of its replicas, at most {@code t} of them
 * corrupted. A request of the group is executed once, when t+1 distinct members asked for the same
 * operation under the same session and number; the service sees it as coming from {@link #id()},
 * the group, whichever members asked.
 */
public record CallerGroup(String name, int t, List<ClientId> members) {

    public CallerGroup {
        members = List.copyOf(members);
        String problem = name == null || name.isBlank() ? "a caller group needs a name"
                : t < 0 ? "t must not be negative"
                : members.size() <= 2 * t ? members.size() + " members cannot have t+1 honest ones alike with t = " + t
                : members.size() > 1 << 16 ? "at most 65536 members"
                : new HashSet<>(members).size() != members.size() ? "a member is listed twice" : null;
        if (problem != null) {
            throw new IllegalArgumentException("caller group '" + name + "': " + problem);
        }
    }

    /** A replicated group as a caller: its id, its t, and each site's link key as its member's client key. */
    public static CallerGroup of(GroupConfig group) {
        return new CallerGroup(group.groupId(), group.t(), members(group));
    }

    /** Each site's link key as its client key, in site order: how a group's members call and vote. */
    public static List<ClientId> members(GroupConfig group) {
        return group.sites().stream().map(s -> new ClientId(s.linkPublicKey())).toList();
    }

    /**
     * The group as the history and the service know it: a client id no link key has (the digest
     * of the group's name), so that the group's requests count as one client's.
     */
    public ClientId id() {
        return new ClientId(Digest.of(("maftia caller group\0" + name).getBytes(StandardCharsets.UTF_8)).bytes());
    }

    /** The member's index, or -1 if {@code client} is not a member. */
    public int indexOf(ClientId client) {
        return members.indexOf(client);
    }
}
