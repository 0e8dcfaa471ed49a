package org.maftia.node.demo;

import java.util.zip.CRC32C;
import org.maftia.appia.Event;
import org.maftia.appia.SendableEvent;
import org.maftia.appia.Session;
import org.maftia.appia.message.Message;
import org.maftia.appia.message.MessageException;
import org.maftia.appia.message.MsgBuffer;
import org.maftia.appia.message.MsgWalk;

/** Checksums every message going down, verifies every message coming up (walking it with MsgWalk). */
final class ChecksumSession extends Session {

    private final CRC32C crc = new CRC32C();
    private final MsgBuffer chunk = new MsgBuffer();
    private long verified;
    private long corrupted;

    ChecksumSession(ChecksumLayer layer) {
        super(layer);
    }

    @Override
    public void handle(Event event) {
        if (event instanceof SendableEvent sendable) {
            Message m = sendable.getMessage();
            if (event.getDirection().isDown()) {
                m.pushInt(checksum(m));
            } else if (!verify(m)) {
                corrupted++;
                return;
            }
        }
        event.go();
    }

    long verified() {
        return verified;
    }

    long corrupted() {
        return corrupted;
    }

    private boolean verify(Message m) {
        try {
            int expected = m.popInt();
            boolean ok = expected == checksum(m);
            verified += ok ? 1 : 0;
            return ok;
        } catch (MessageException tooShort) {
            return false;
        }
    }

    private int checksum(Message m) {
        crc.reset();
        MsgWalk walk = m.getMsgWalk();
        for (walk.next(chunk); chunk.data != null; walk.next(chunk)) {
            crc.update(chunk.data, chunk.off, chunk.len);
        }
        return (int) crc.getValue();
    }
}
