package org.maftia.ttcb.core;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.maftia.ttcb.Eid;
import org.maftia.ttcb.channel.ChannelCrypto.SessionKeys;

/**
 * The sessions of a local TTCB's entities (spec 2.2.3.1: every call after local authentication is
 * protected with the session's keys), bounded. When full, a new session takes the place of the
 * least recently used session of the user holding the most sessions (the newcomer's own when it
 * holds as many): authenticating again and again costs the user who does it, and a user holding
 * no more sessions than the newcomer never loses one. Of that user's sessions, one whose entity
 * holds a live agreement here goes last: its eid is in that agreement's elist, and a new eid
 * could not decide it.
 */
final class SessionTable {

    static final class Session {
        final Eid eid;
        final String user;
        final SessionKeys keys;
        long lastSeq;

        Session(Eid eid, String user, SessionKeys keys) {
            this.eid = eid;
            this.user = user;
            this.keys = keys;
        }
    }

    private final int max;
    private final Predicate<Eid> holdsAgreement;
    /** In order of last use. */
    private final Map<Integer, Session> byLocal = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<String, Integer> perUser = new HashMap<>();

    SessionTable(int max, Predicate<Eid> holdsAgreement) {
        if (max < 1) {
            throw new IllegalArgumentException("at least one session, not " + max);
        }
        this.max = max;
        this.holdsAgreement = holdsAgreement;
    }

    /** The session of the entity with that local eid part, now its most recently used; null if none. */
    Session get(int local) {
        return byLocal.get(local);
    }

    /** Adds s, first making room if the table is full; answers the session dropped for it, or null. */
    Session add(Session s) {
        Session evicted = byLocal.size() >= max ? victim(s.user) : null;
        if (evicted != null) {
            byLocal.remove(evicted.eid.local());
            perUser.computeIfPresent(evicted.user, (u, n) -> n == 1 ? null : n - 1);
        }
        byLocal.put(s.eid.local(), s);
        perUser.merge(s.user, 1, Integer::sum);
        return evicted;
    }

    private Session victim(String newcomer) {
        String user = heaviest(newcomer);
        Session holding = null;
        for (Session s : byLocal.values()) {
            if (s.user.equals(user)) {
                if (!holdsAgreement.test(s.eid)) {
                    return s;
                }
                holding = holding == null ? s : holding;
            }
        }
        return holding;
    }

    /** The user holding the most sessions, the newcomer when it holds as many. */
    private String heaviest(String newcomer) {
        String user = newcomer;
        int most = perUser.getOrDefault(newcomer, 0);
        for (Map.Entry<String, Integer> e : perUser.entrySet()) {
            if (e.getValue() > most) {
                user = e.getKey();
                most = e.getValue();
            }
        }
        return user;
    }
}
