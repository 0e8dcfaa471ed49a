package org.maftia.group.rbc;

import static org.maftia.group.core.MessageTypes.RBC_ANSWER;
import static org.maftia.group.core.MessageTypes.RBC_ECHO;
import static org.maftia.group.core.MessageTypes.RBC_READY;
import static org.maftia.group.core.MessageTypes.RBC_REQUEST;
import static org.maftia.group.core.MessageTypes.RBC_SEND;

import org.maftia.group.core.Digest;
import org.maftia.group.core.MalformedMessageException;
import org.maftia.group.core.WireMessage;

/** The messages of Protocol 5, each with its strict decoder. */
sealed interface RbcMessage extends WireMessage {

    record Send(byte[] m) implements RbcMessage {
        public int type() {
            return RBC_SEND;
        }

        public byte[] body() {
            return m;
        }
    }

    record Echo(Digest d) implements RbcMessage {
        public int type() {
            return RBC_ECHO;
        }

        public byte[] body() {
            return d.bytes();
        }
    }

    record Ready(Digest d) implements RbcMessage {
        public int type() {
            return RBC_READY;
        }

        public byte[] body() {
            return d.bytes();
        }
    }

    record Request() implements RbcMessage {
        public int type() {
            return RBC_REQUEST;
        }

        public byte[] body() {
            return new byte[0];
        }
    }

    record Answer(byte[] m) implements RbcMessage {
        public int type() {
            return RBC_ANSWER;
        }

        public byte[] body() {
            return m;
        }
    }

    static RbcMessage decode(int type, byte[] body, int maxPayload) throws MalformedMessageException {
        return switch (type) {
            case RBC_SEND -> new Send(payload(body, maxPayload));
            case RBC_ECHO -> new Echo(digest(body));
            case RBC_READY -> new Ready(digest(body));
            case RBC_REQUEST -> {
                if (body.length != 0) {
                    throw new MalformedMessageException("RBC request with a body of " + body.length + " bytes");
                }
                yield new Request();
            }
            case RBC_ANSWER -> new Answer(payload(body, maxPayload));
            default -> throw new MalformedMessageException("type 0x" + Integer.toHexString(type) + " is not an RBC message");
        };
    }

    private static Digest digest(byte[] body) throws MalformedMessageException {
        if (body.length != Digest.LENGTH) {
            throw new MalformedMessageException("RBC digest of " + body.length + " bytes");
        }
        return new Digest(body);
    }

    private static byte[] payload(byte[] body, int maxPayload) throws MalformedMessageException {
        if (body.length > maxPayload) {
            throw new MalformedMessageException("RBC payload of " + body.length + " bytes, limit " + maxPayload);
        }
        return body;
    }
}
