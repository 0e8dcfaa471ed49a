package org.maftia.testkit.sim;

import org.maftia.appia.Appia;

/** One simulated site: its index in the simulation, a name, and the Appia instance it runs. */
public record SimSite(int index, String name, Appia appia) {

    @Override
    public String toString() {
        return name;
    }
}
