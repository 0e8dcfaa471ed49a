package org.maftia.ttcb.core;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.maftia.ttcb.Eid;
import org.maftia.ttcb.Tag;
import org.maftia.ttcb.Ttcb.DistributedInfo;
import org.maftia.ttcb.TtcbError;

/**
 * Which entity holds which time-service tag (spec 2.2.4). Tags travel in the entities' messages,
 * so knowing one proves nothing: the tag of a measurement or of a local action is a handle of the
 * entity that started it, and only that entity may stop or end it; the list info of a distributed
 * action is for "the sender or a receiver" (spec 2.2.4.4) only. Anyone else is told the tag is
 * unknown, as if it had never been issued, and the owner's action goes on untouched.
 */
final class HandleOwners {

    /**
     * The distributed actions this TTCB's entities started. The detector holds at most this many
     * at once and refuses more, so the most recent ones include every action still held.
     */
    private static final int MAX_SENT = 4096;
    static final int PER_ENTITY = MAX_SENT / 16;

    /**
     * Measurements and local actions still open. Bounded by the time services' own tables: an
     * entry is added only when the time services open one and removed when they close it.
     */
    private final Map<Tag, Eid> open = new HashMap<>();
    /** Per entity: how many measurements and local actions it holds open, and how many waitInfo calls wait. */
    private final Map<Eid, Integer> held = new HashMap<>();
    private final Map<Eid, Integer> waits = new HashMap<>();
    private final Map<Tag, Eid> sent = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Tag, Eid> eldest) {
            return size() > MAX_SENT;
        }
    };

    /**
     * Whether the entity may open one more measurement or local action. The time services' tables
     * hold 4096 of each; one entity may hold a sixteenth, so that it cannot take them from the
     * other entities of its host.
     */
    boolean mayOpen(Eid caller) {
        return held.getOrDefault(caller, 0) < PER_ENTITY;
    }

    void opened(Tag tag, Eid owner) {
        if (open.put(tag, owner) == null) {
            held.merge(owner, 1, Integer::sum);
        }
    }

    boolean holds(Eid caller, Tag tag) {
        return caller.equals(open.get(tag));
    }

    void closed(Tag tag) {
        Eid owner = open.remove(tag);
        if (owner != null) {
            held.computeIfPresent(owner, (e, n) -> n == 1 ? null : n - 1);
        }
    }

    /** The handles of an entity whose session is gone: nobody can close them any more. */
    List<Tag> release(Eid owner) {
        List<Tag> tags = open.entrySet().stream().filter(e -> e.getValue().equals(owner)).map(Map.Entry::getKey).toList();
        tags.forEach(this::closed);
        return tags;
    }

    /** Whether the entity may have one more waitInfo waiting, within the same sixteenth of the waits. */
    boolean mayWait(Eid caller) {
        return waits.getOrDefault(caller, 0) < PER_ENTITY;
    }

    void waiting(Eid caller) {
        waits.merge(caller, 1, Integer::sum);
    }

    void waited(Eid caller) {
        waits.computeIfPresent(caller, (e, n) -> n == 1 ? null : n - 1);
    }

    void started(Tag tag, Eid sender) {
        sent.put(tag, sender);
    }

    /**
     * The list info as the caller may see it: whole for the sender and the receivers, else an
     * unknown tag. An error carries no list and goes through as it is.
     */
    DistributedInfo shown(Eid caller, Tag tag, DistributedInfo info) {
        boolean involved = info.error() != TtcbError.OK || caller.equals(sent.get(tag))
                || info.receivers().stream().anyMatch(r -> r.receiver().equals(caller));
        return involved ? info : new DistributedInfo(TtcbError.UNKNOWN_TAG, tag, List.of());
    }
}
