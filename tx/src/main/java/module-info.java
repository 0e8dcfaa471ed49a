/**
 * Transaction service (spec 3.3.4, 5.3.4-5.3.5): the transaction manager's and the resource
 * manager's deterministic state machines, each a {@code org.maftia.replication.ReplicatedService}
 * that a replicated group runs. The encoding of their operations is implementation.
 */
module org.maftia.tx {
    requires transitive org.maftia.replication;

    exports org.maftia.tx;
    exports org.maftia.tx.bank;
    exports org.maftia.tx.lock;
    exports org.maftia.tx.client;
    exports org.maftia.tx.manager;
    exports org.maftia.tx.resource;
    exports org.maftia.tx.site;
}
