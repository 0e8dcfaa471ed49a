package org.maftia.testkit.property;

import java.util.List;

/**
 * A property the specification promises does not hold in a run: which property, at which honest
 * sites, and what they did. An {@link AssertionError}, so a test fails on it, and
 * {@link org.maftia.testkit.sim.Seeds} adds the seed that replays the run.
 */
public final class PropertyViolation extends AssertionError {

    private final String property;
    private final List<Integer> sites;

    PropertyViolation(String property, List<Integer> sites, String detail) {
        super(property + " violated at " + (sites.size() == 1 ? "site " + sites.getFirst() : "sites " + sites) + ": " + detail);
        this.property = property;
        this.sites = List.copyOf(sites);
    }

    /** A violation shown by a history of transactions rather than by sites: the detail names them. */
    PropertyViolation(String property, String detail) {
        super(property + " violated: " + detail);
        this.property = property;
        this.sites = List.of();
    }

    /** The property's name, as the specification calls it ("agreement", "total order", ...). */
    public String property() {
        return property;
    }

    /** The honest sites whose records show the violation; empty for a history of transactions. */
    public List<Integer> sites() {
        return sites;
    }
}
