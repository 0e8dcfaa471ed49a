/**
 * The deterministic simulation and its checkers, a library for the tests of the modules above:
 * every package is exported. Simulated sites are Appia instances and the simulated network is an
 * Appia layer, hence {@code requires transitive} on the kernel.
 */
module org.maftia.testkit {
    requires transitive org.maftia.appia;
    requires org.maftia.net;

    exports org.maftia.testkit.adversary;
    exports org.maftia.testkit.net;
    exports org.maftia.testkit.property;
    exports org.maftia.testkit.sim;
}
