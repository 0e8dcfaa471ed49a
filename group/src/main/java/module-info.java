/**
 * The asynchronous communication services of spec 3.2. The API is the spec's classes with the
 * site they run at ({@code org.maftia.group}) and the group directory with its dealer
 * ({@code org.maftia.group.directory}); their signatures use the kernel's, the network's, the
 * TTCB's and the threshold schemes' types, hence {@code requires transitive}.
 *
 * <p>The group session and the protocols (chapter 5) are implementation. The few the command
 * line's demo and the benchmarks drive directly, and those service replication builds on (the
 * group core, atomic broadcast with its resume points), are exported to those modules only. The network
 * layer creates every received {@code GroupMessageEvent} by reflection, so the package that holds
 * it is opened to the network module.
 */
module org.maftia.group {
    requires transitive org.maftia.appia;
    requires transitive org.maftia.net;
    requires transitive org.maftia.crypto;
    requires transitive org.maftia.ttcb;
    requires org.slf4j;

    exports org.maftia.group;
    exports org.maftia.group.directory;

    exports org.maftia.group.core to org.maftia.node, org.maftia.replication;
    exports org.maftia.group.abc to org.maftia.node, org.maftia.replication;
    exports org.maftia.group.stream to org.maftia.node, org.maftia.replication;
    exports org.maftia.group.loopback to org.maftia.node, org.maftia.bench;

    opens org.maftia.group.core to org.maftia.net;
}
