package org.maftia.group;

import org.maftia.crypto.ThresholdSignature;
import org.maftia.group.core.GroupKeys;
import org.maftia.group.vcbc.Vcbc;

/**
 * Verifiable consistent broadcast (spec 3.2; Protocol 6 with request and answer): a party that
 * delivered hands out a <em>closing</em>, the payload with the threshold signature on it, with
 * which any other party delivers the same payload and terminates, without further communication.
 *
 * <p>Deviation from the spec's signatures: the hash is fixed (SHA-256), so no {@code MessageDigest}
 * is passed; {@link #isValidClosing} also takes the group id and the sender, because the signed
 * message (j, ready, H(m)) is tagged with the protocol id, the group id and j (convention 6).
 */
public class VerifiableConsistentBroadcast extends ConsistentBroadcast {

    private volatile byte[] closing;

    public VerifiableConsistentBroadcast(GroupSite site, String protocolID, String groupID, int sender, GroupKeys keys) {
        super(site, protocolID, groupID, sender, keys, true);
    }

    /** As in the spec, plus the keys: the site is the one bound to this thread ({@link GroupSite#enter()}). */
    public VerifiableConsistentBroadcast(String protocolID, String groupID, int sender, GroupKeys keys) {
        this(GroupSite.current(), protocolID, groupID, sender, keys);
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

    /** Delivers from a closing obtained elsewhere (Protocol 6, lines 25-29). */
    public void deliverClosing(byte[] v) {
        deliverClosing(v, 0, v.length);
    }

    /**
     * Delivers from the closing in {@code v[offset, offset+length)} if this instance has not
     * delivered yet (Protocol 6, lines 25-29).
     *
     * @throws IllegalArgumentException if it is not a valid closing of this instance
     */
    public void deliverClosing(byte[] v, int offset, int length) {
        if (!isValidClosing(keys.vcbcKey(), getGroupID(), protocolID, sender, v, offset, length)) {
            throw new IllegalArgumentException("not a valid closing of broadcast " + protocolID + " from P" + sender);
        }
        byte[] copy = java.util.Arrays.copyOfRange(v, offset, offset + length);
        site.onProtocolThread(() -> instance.deliverClosing(copy, 0, copy.length));
    }

    /** Asks the other parties for their closing (Protocol 6, line 22); those that delivered answer. */
    public void requestClosing() {
        site.onProtocolThread(instance::requestClosing);
    }

    /** The payload of a closing (not checked: see {@link #isValidClosing}). */
    public static byte[] getPayloadFromClosing(byte[] v) {
        return getPayloadFromClosing(v, 0, v.length);
    }

    public static byte[] getPayloadFromClosing(byte[] v, int offset, int length) {
        return Vcbc.payloadFromClosing(v, offset, length);
    }

    /** True iff {@code v} is a closing of broadcast {@code pid} of group {@code groupID} whose sender is P_{sender}. */
    public static boolean isValidClosing(ThresholdSignature thS, String groupID, String pid, int sender, byte[] v) {
        return isValidClosing(thS, groupID, pid, sender, v, 0, v.length);
    }

    public static boolean isValidClosing(ThresholdSignature thS, String groupID, String pid, int sender,
                                         byte[] v, int offset, int length) {
        return Vcbc.isValidClosing(thS, pid, groupID, sender, v, offset, length);
    }
}
