package org.maftia.ttcb;

/**
 * An entity identification before the TTCB (spec 2.2, Figure 2.6), given by local authentication.
 * It names the local TTCB the entity is attached to, so {@code crashedEid} (spec 2.2.5) can answer
 * from the id alone.
 */
public record Eid(int ttcb, int local) implements Comparable<Eid> {

    public Eid {
        if (ttcb < 0 || local < 0) {
            throw new IllegalArgumentException("an eid has non-negative parts, not " + ttcb + "." + local);
        }
    }

    @Override
    public int compareTo(Eid o) {
        int c = Integer.compare(ttcb, o.ttcb);
        return c != 0 ? c : Integer.compare(local, o.local);
    }

    @Override
    public String toString() {
        return "e" + ttcb + "." + local;
    }
}
