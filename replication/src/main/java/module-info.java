/**
 * Service replication (spec 5.3.3, 5.3.6): a deterministic service written once
 * ({@code org.maftia.replication.ReplicatedService}) runs at every site of a group
 * ({@code ServiceReplica}) and is called by clients outside the group ({@code ServiceProxy}); a
 * built-in key-value store ({@code org.maftia.replication.service}) lets a group run without code.
 * The protocols (Voting Multicast, Open Group, Invocation, state transfer) are implementation.
 */
module org.maftia.replication {
    requires transitive org.maftia.group;
    requires org.slf4j;

    exports org.maftia.replication;
    exports org.maftia.replication.outcall;
    exports org.maftia.replication.service;
}
