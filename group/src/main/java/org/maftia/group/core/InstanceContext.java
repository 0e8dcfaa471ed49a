package org.maftia.group.core;

/**
 * What every {@link ProtocolContext} shares, at a site or in the {@link ProtocolHarness}: the
 * instance it serves, its group, and that a sub-protocol it starts becomes its child.
 */
abstract class InstanceContext implements ProtocolContext {

    final ProtocolInstance<?> owner;
    final String protocolId;
    private final GroupParameters parameters;

    InstanceContext(ProtocolInstance<?> owner, GroupParameters parameters) {
        this.owner = owner;
        this.protocolId = owner.protocolId();
        this.parameters = parameters;
    }

    @Override
    public final GroupParameters parameters() {
        return parameters;
    }

    @Override
    public final void start(ProtocolInstance<?> child) {
        owner.adopt(child);
        startAdopted(child);
    }

    /** Starts {@code child}, already a sub-protocol of the owner, where the owner runs. */
    abstract void startAdopted(ProtocolInstance<?> child);
}
