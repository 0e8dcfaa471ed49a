package org.maftia.group.abc;

import java.util.ArrayList;
import java.util.List;
import org.maftia.crypto.MalformedEncodingException;
import org.maftia.crypto.codec.ByteReader;
import org.maftia.crypto.codec.ByteWriter;
import org.maftia.group.core.MalformedMessageException;

/**
 * The encodings of Protocol 7: a batch (the w of a queue message: up to a bound of stream entries,
 * spec 5.2.1.6 with "each queue entry may carry a batch"), the queue message (queue, r, j, w, σ),
 * and the proposal [W, S] for the round's validated agreement.
 */
final class AbcMessages {

    private AbcMessages() {
    }

    /** Protocol 7, line 8: (queue, r, j, w, σ); j is the authenticated sender. */
    record Queue(long round, byte[] batch, byte[] signature) {
        byte[] body() {
            return new ByteWriter().raw(java.nio.ByteBuffer.allocate(8).putLong(round).array()).prefixed(batch)
                    .prefixed(signature).toByteArray();
        }

        static Queue decode(byte[] body) throws MalformedMessageException {
            try {
                ByteReader r = new ByteReader(body, "ABC queue message");
                long round = java.nio.ByteBuffer.wrap(r.raw(8, "round")).getLong();
                if (round < 0) {
                    throw r.malformed("negative round " + round);
                }
                Queue q = new Queue(round, r.prefixed("batch"), r.prefixed("signature"));
                r.end();
                return q;
            } catch (MalformedEncodingException e) {
                throw new MalformedMessageException(e.getMessage());
            }
        }
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
