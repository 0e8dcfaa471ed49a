package org.maftia.group.core;

import org.maftia.appia.message.Message;
import org.maftia.appia.message.MessageException;

/**
 * What a group message carries: the protocol instance it belongs to (spec 5.2.1, convention 5:
 * sub-protocols are named by their parent's id with a tag appended), the message's type code
 * (convention 7: unique across all protocols, see {@link MessageTypes}) and its body, which the
 * protocol decodes strictly.
 */
public record Envelope(String protocolId, int type, byte[] body) {

    /** Longest protocol id accepted: ids of nested sub-protocols grow, but not without bound. */
    public static final int MAX_PROTOCOL_ID_BYTES = 1024;

    public void writeTo(Message m) {
        m.pushBytes(body);
        m.pushInt(type);
        m.pushString(protocolId);
    }

    public static Envelope readFrom(Message m) throws MalformedMessageException {
        try {
            int idLength = m.peekInt();
            if (idLength < 1 || idLength > MAX_PROTOCOL_ID_BYTES) {
                throw new MalformedMessageException("protocol id of " + idLength + " bytes");
            }
            String id = m.popString();
            int type = m.popInt();
            return new Envelope(id, type, m.toByteArray());
        } catch (MessageException e) {
            throw new MalformedMessageException("truncated envelope: " + e.getMessage());
        }
    }

    /** A sub-protocol's id: the parent's with the tag appended unambiguously (convention 5). */
    public static String tagged(String parentId, String tag) {
        return parentId + "|" + tag.length() + ":" + tag;
    }

}
