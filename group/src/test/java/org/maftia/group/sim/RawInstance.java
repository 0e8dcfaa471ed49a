package org.maftia.group.sim;

import org.maftia.group.core.MalformedMessageException;
import org.maftia.group.core.ProtocolInstance;
import org.maftia.group.core.RawMessage;

/**
 * An instance that reads what it receives as type and bytes, decoding nothing: a test's
 * Byzantine site, which sends and inspects bytes as it likes, or a probe of the session itself.
 */
public abstract class RawInstance extends ProtocolInstance<RawMessage> {

    protected RawInstance(String protocolId) {
        super(protocolId);
    }

    @Override
    protected final RawMessage decode(int type, byte[] body) {
        return new RawMessage(type, body);
    }

    @Override
    protected final void onMessage(int from, RawMessage message) throws MalformedMessageException {
        onMessage(from, message.type(), message.body());
    }

    /** Handles a message from {@code from} as it came. */
    protected abstract void onMessage(int from, int type, byte[] body) throws MalformedMessageException;
}
