package org.maftia.group.vba;

import static org.maftia.group.core.MessageTypes.VBA_VOTE;

import org.maftia.crypto.MalformedEncodingException;
import org.maftia.crypto.codec.ByteReader;
import org.maftia.crypto.codec.ByteWriter;
import org.maftia.group.core.Digest;
import org.maftia.group.core.MalformedMessageException;
import org.maftia.group.core.WireLimits;
import org.maftia.group.core.WireMessage;

/**
 * Protocol 4, lines 8 and 11: (vote, a, u, ρ), party P_a's candidacy voted 0 (ρ empty) or 1 with
 * ρ the compact closing (H(w_a), µ) of P_a's verifiable consistent broadcast (see {@link Vba}).
 *
 * <p>Wire format: a (2 bytes) || u (1 byte) || |ρ| (4 bytes) || ρ, with ρ a digest and a signature
 * of at most {@link WireLimits#compactClosingBytes} bytes in all when u = 1.
 */
record VbaVote(int candidate, boolean u, byte[] rho) implements WireMessage {

    @Override
    public int type() {
        return VBA_VOTE;
    }

    @Override
    public byte[] body() {
        return new ByteWriter().u16(candidate).u8(u ? 1 : 0).prefixed(rho).toByteArray();
    }

    /** Decodes a vote of a group of {@code n}: VBA's only message. */
    static VbaVote decode(int type, byte[] body, int n) throws MalformedMessageException {
        if (type != VBA_VOTE) {
            throw new MalformedMessageException("message type 0x" + Integer.toHexString(type) + " is not a VBA vote");
        }
        try {
            ByteReader r = new ByteReader(body, "VBA vote");
            int a = r.u16("candidate");
            int u = r.u8("vote");
            byte[] rho = r.prefixed("compact closing");
            r.end();
            if (a >= n) {
                throw new MalformedMessageException("VBA vote for P" + a + ", not a party of " + n);
            }
            boolean fits = u == 0 ? rho.length == 0 : rho.length > Digest.LENGTH && rho.length <= WireLimits.compactClosingBytes(n);
            if (u > 1 || !fits) {
                throw new MalformedMessageException("VBA vote " + u + " with a " + rho.length + "-byte compact closing");
            }
            return new VbaVote(a, u == 1, rho);
        } catch (MalformedEncodingException e) {
            throw new MalformedMessageException(e.getMessage());
        }
    }
}
