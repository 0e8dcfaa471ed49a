package org.maftia.group;

import java.security.MessageDigest;
import java.util.Arrays;
import org.maftia.crypto.ThresholdSignature;
import org.maftia.group.core.Digest;
import org.maftia.group.vcbc.Vcbc;

/**
 * Verifiable consistent broadcast (spec 3.2; Protocol 6 with request and answer): a party that
 * delivered hands out a <em>closing</em>, the payload with the threshold signature on it, with
 * which any other party delivers the same payload and terminates, without further communication.
 *
 * <p>The hash function is the one the group's consistent broadcast uses, SHA-256; the spec's
 * methods take it as a {@code MessageDigest}, and refuse any other. {@link #isValidClosing} also
 * takes the group id and the sender besides the protocol id: the signed message (j, ready, H(m))
 * is tagged with all three (convention 6), so a closing of another group or sender never passes.
 */
public class VerifiableConsistentBroadcast extends ConsistentBroadcast {

    private volatile byte[] closing;

    /** As in the spec: at the site {@link Site#current()} resolves. */
    public VerifiableConsistentBroadcast(String protocolID, String groupID, int sender) {
        this(Site.current(), protocolID, groupID, sender);
    }

    public VerifiableConsistentBroadcast(Site site, String protocolID, String groupID, int sender) {
        super(site, protocolID, groupID, sender, true);
    }

    @Override
    protected void onDeliver(byte[] m) {
        // Protocol thread, µ̄ already set: the closing is known before anyone sees the delivery.
        closing = instance.closing().orElseThrow();
        super.onDeliver(m);
    }

    /**
     * The closing message of this instance (spec 3.2).
     *
     * @throws IllegalStateException if the payload has not been delivered yet
     */
    public byte[] getClosing() {
        byte[] c = closing;
        if (c == null) {
            throw new IllegalStateException("broadcast " + protocolID + " has not delivered: no closing yet");
        }
        return c.clone();
    }

    /**
     * Delivers from the closing in {@code v[offset, offset+length)} if this instance has not
     * delivered yet (Protocol 6, lines 25-29).
     *
     * @throws IllegalArgumentException if {@code hash} is not the group's hash function, or
     *         {@code v} holds no valid closing of this instance
     */
    public void deliverClosing(MessageDigest hash, byte[] v, int offset, int length) {
        requireGroupHash(hash);
        ThresholdSignature key = site.keys().signer(KeyPurpose.VCBC).publicKey();
        if (!isValidClosing(key, hash, getGroupID(), protocolID, sender, v, offset, length)) {
            throw new IllegalArgumentException("not a valid closing of broadcast " + protocolID + " from P" + sender);
        }
        byte[] copy = Arrays.copyOfRange(v, offset, offset + length);
        site.onProtocolThread(() -> instance.deliverClosing(copy, 0, copy.length));
    }

    /** Asks the other parties for their closing (Protocol 6, line 22); those that delivered answer. */
    public void requestClosing() {
        site.onProtocolThread(instance::requestClosing);
    }

    /** The payload of a closing (not checked: see {@link #isValidClosing}). */
    public static byte[] getPayloadFromClosing(byte[] v) {
        return Vcbc.payloadFromClosing(v, 0, v.length);
    }

    /**
     * True iff {@code v[offset, offset+length)} is a closing of broadcast {@code pid} of group
     * {@code groupID} whose sender is P_{sender}, signed with {@code thS}, the group's
     * {@link KeyPurpose#VCBC} public key.
     *
     * @throws IllegalArgumentException if {@code hash} is not the group's hash function
     */
    public static boolean isValidClosing(ThresholdSignature thS, MessageDigest hash, String groupID, String pid, int sender,
                                         byte[] v, int offset, int length) {
        requireGroupHash(hash);
        return Vcbc.isValidClosing(thS, pid, groupID, sender, v, offset, length);
    }

    private static void requireGroupHash(MessageDigest hash) {
        if (!Digest.ALGORITHM.equals(hash.getAlgorithm())) {
            throw new IllegalArgumentException("the group's consistent broadcast hashes with " + Digest.ALGORITHM + ", not "
                    + hash.getAlgorithm() + ": pass MessageDigest.getInstance(\"" + Digest.ALGORITHM + "\")");
        }
    }
}
