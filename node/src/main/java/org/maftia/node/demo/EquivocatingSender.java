package org.maftia.node.demo;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.maftia.group.core.Digest;
import org.maftia.group.core.MessageTypes;
import org.maftia.group.core.ProtocolInstance;
import org.maftia.group.core.RawMessage;

/**
 * What the demo's Byzantine site runs in its own broadcasts: it sends one payload to the even
 * sites and another to the odd ones, echoes and readies both digests, and answers nothing. RBC
 * (Protocol 5) must keep the honest sites together: all deliver the same payload, or none does.
 */
final class EquivocatingSender extends ProtocolInstance<RawMessage> {

    private final AtomicLong messagesSent;

    EquivocatingSender(String protocolId, AtomicLong messagesSent) {
        super(protocolId);
        this.messagesSent = messagesSent;
    }

    static byte[] version(String protocolId, int parity) {
        return (protocolId + " version " + (parity == 0 ? "A" : "B")).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void onStart() {
        for (int to = 0; to < ctx.n(); to++) {
            ctx.send(to, new RawMessage(MessageTypes.RBC_SEND, version(protocolId(), to % 2)));
        }
        ctx.sendAll(new RawMessage(MessageTypes.RBC_ECHO, Digest.of(version(protocolId(), 0)).bytes()));
        ctx.sendAll(new RawMessage(MessageTypes.RBC_READY, Digest.of(version(protocolId(), 1)).bytes()));
        messagesSent.addAndGet(ctx.n() * 3L);
    }

    @Override
    protected RawMessage decode(int type, byte[] body) {
        return new RawMessage(type, body);
    }

    @Override
    protected void onMessage(int from, RawMessage message) {
        // Receives, answers nothing.
    }
}
