package org.maftia.group.abc;

import static org.maftia.group.core.MessageTypes.ABC_CATCH_UP_ANSWER;
import static org.maftia.group.core.MessageTypes.ABC_CATCH_UP_REQUEST;
import static org.maftia.group.core.MessageTypes.ABC_QUEUE;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.maftia.crypto.MalformedEncodingException;
import org.maftia.crypto.codec.ByteReader;
import org.maftia.crypto.codec.ByteWriter;
import org.maftia.group.core.MalformedMessageException;
import org.maftia.group.core.WireMessage;

/**
 * The encodings of Protocol 7: a batch (the w of a queue message: up to a bound of stream entries,
 * spec 5.2.1.6 with "each queue entry may carry a batch"), the queue message (queue, r, j, w, σ),
 * and the proposal [W, S] for the round's validated agreement; and the two catch-up messages this
 * implementation adds to Protocol 7 (see {@link Abc}).
 */
final class AbcMessages {

    private AbcMessages() {
    }

    /** A message of an ABC instance, decoded strictly. */
    sealed interface Message extends WireMessage permits Queue, CatchUpRequest, CatchUpAnswer {
    }

    /** @throws MalformedMessageException if it is not an ABC message of that type */
    static Message decode(int type, byte[] body) throws MalformedMessageException {
        try {
            return switch (type) {
                case ABC_QUEUE -> Queue.decode(body);
                case ABC_CATCH_UP_REQUEST -> {
                    ByteReader r = new ByteReader(body, "ABC catch-up request");
                    CatchUpRequest m = new CatchUpRequest(readRound(r));
                    r.end();
                    yield m;
                }
                case ABC_CATCH_UP_ANSWER -> {
                    ByteReader r = new ByteReader(body, "ABC catch-up answer");
                    CatchUpAnswer m = new CatchUpAnswer(readRound(r), r.prefixed("decided vector"));
                    r.end();
                    yield m;
                }
                default -> throw new MalformedMessageException("message type 0x" + Integer.toHexString(type)
                        + " is not an ABC message");
            };
        } catch (MalformedEncodingException e) {
            throw new MalformedMessageException(e.getMessage());
        }
    }

    /** Protocol 7, line 8: (queue, r, j, w, σ); j is the authenticated sender. */
    record Queue(long round, byte[] batch, byte[] signature) implements Message {
        public int type() {
            return ABC_QUEUE;
        }

        public byte[] body() {
            return new ByteWriter().raw(roundBytes(round)).prefixed(batch).prefixed(signature).toByteArray();
        }

        static Queue decode(byte[] body) throws MalformedMessageException {
            try {
                ByteReader r = new ByteReader(body, "ABC queue message");
                Queue q = new Queue(readRound(r), r.prefixed("batch"), r.prefixed("signature"));
                r.end();
                return q;
            } catch (MalformedEncodingException e) {
                throw new MalformedMessageException(e.getMessage());
            }
        }
    }

    /** Catch-up (not in Protocol 7): "what did round r decide?", from a party that fell behind. */
    record CatchUpRequest(long round) implements Message {
        public int type() {
            return ABC_CATCH_UP_REQUEST;
        }

        public byte[] body() {
            return roundBytes(round);
        }
    }

    /** Catch-up (not in Protocol 7): round r decided V, the value of line 12, an encoded proposal. */
    record CatchUpAnswer(long round, byte[] decided) implements Message {
        public int type() {
            return ABC_CATCH_UP_ANSWER;
        }

        public byte[] body() {
            return new ByteWriter().raw(roundBytes(round)).prefixed(decided).toByteArray();
        }
    }

    private static byte[] roundBytes(long round) {
        return ByteBuffer.allocate(8).putLong(round).array();
    }

    private static long readRound(ByteReader r) {
        long round = ByteBuffer.wrap(r.raw(8, "round")).getLong();
        if (round < 0) {
            throw r.malformed("negative round " + round);
        }
        return round;
    }

    /** One element of W with its S: party j's batch and j's signature on it. */
    record Signed(int party, byte[] batch, byte[] signature) {
    }

    /** Lines 10-11: W and S as one value (VBA's w carries what Θ_r needs). */
    static byte[] encodeProposal(List<Signed> elements) {
        ByteWriter w = new ByteWriter().u16(elements.size());
        for (Signed s : elements) {
            w.u16(s.party()).prefixed(s.batch()).prefixed(s.signature());
        }
        return w.toByteArray();
    }

    /** @throws MalformedEncodingException if it is not a proposal */
    static List<Signed> decodeProposal(byte[] value, int n) {
        ByteReader r = new ByteReader(value, "ABC proposal");
        int count = r.u16("count");
        if (count > n) {
            throw r.malformed(count + " elements in a group of " + n);
        }
        List<Signed> elements = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            int j = r.u16("party");
            if (j >= n || (k > 0 && j <= elements.get(k - 1).party())) {
                throw r.malformed("party " + j + " out of range or out of order");
            }
            elements.add(new Signed(j, r.prefixed("batch"), r.prefixed("signature")));
        }
        r.end();
        return elements;
    }

    static byte[] encodeBatch(List<byte[]> entries) {
        ByteWriter w = new ByteWriter().u32(entries.size());
        entries.forEach(w::prefixed);
        return w.toByteArray();
    }

    /** @throws MalformedEncodingException if it is not a batch of at most {@code maxEntries} */
    static List<byte[]> decodeBatch(byte[] batch, int maxEntries) {
        ByteReader r = new ByteReader(batch, "ABC batch");
        int count = r.u32("count");
        if (count > maxEntries) {
            throw r.malformed(count + " entries, over the limit of " + maxEntries);
        }
        List<byte[]> entries = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            entries.add(r.prefixed("entry"));
        }
        r.end();
        return entries;
    }
}
