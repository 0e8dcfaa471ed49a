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

    /**
     * Measurements and local actions still open. Bounded by the time services' own tables: an
     * entry is added only when the time services open one and removed when they close it.
     */
    private final Map<Tag, Eid> open = new HashMap<>();
    private final Map<Tag, Eid> sent = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Tag, Eid> eldest) {
            return size() > MAX_SENT;
        }
    };

    void opened(Tag tag, Eid owner) {
        open.put(tag, owner);
    }

    boolean holds(Eid caller, Tag tag) {
        return caller.equals(open.get(tag));
    }

    void closed(Tag tag) {
        open.remove(tag);
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
