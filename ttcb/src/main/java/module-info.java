/**
 * The Trusted Timely Computing Base (spec 2.2, 4.1). The API is what an entity sees: the
 * {@code Ttcb} calls of 2.2 with their types, and the client that makes them. The local TTCB,
 * its control network, the entity channel, the daemon and the in-JVM cluster are implementation:
 * the daemon and its timing parameters are exported to the command line that runs it
 * ({@code maftia ttcbd}) and to the benchmarks.
 */
module org.maftia.ttcb {
    requires org.maftia.appia;
    requires org.bouncycastle.provider;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires org.slf4j;
    requires jdk.net;

    exports org.maftia.ttcb;
    exports org.maftia.ttcb.client;
    exports org.maftia.ttcb.core to org.maftia.node, org.maftia.bench;
    exports org.maftia.ttcb.daemon to org.maftia.node, org.maftia.bench;
}
