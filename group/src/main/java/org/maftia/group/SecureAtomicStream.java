package org.maftia.group;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.maftia.crypto.ThresholdCryptosystem;
import org.maftia.group.abc.Abc;
import org.maftia.group.core.GroupKeys;
import org.maftia.group.scabc.ScAbc;
import org.maftia.group.stream.StreamEntry;

/**
 * Secure causal atomic broadcast (spec 3.2, SecureAtomicStream; Protocol 8, SC-ABC): payloads are
 * ciphertexts made with {@link #encrypt}; they are ordered while encrypted and revealed only
 * afterwards, so every honest party receives the same cleartexts in the same order and the
 * adversary learns a cleartext only once its place in the order is fixed.
 *
 * <p>Deviation from the spec's signature: the public key of {@link #encrypt} is the group's
 * {@link ThresholdCryptosystem} (TDH2 on P-256 by default), not a {@code BigInteger}.
 */
public class SecureAtomicStream extends OrderedStream {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ScAbc instance;
    private final ThresholdCryptosystem publicKey;

    public SecureAtomicStream(GroupSite site, String protocolID, String groupID, GroupKeys keys) {
        this(site, protocolID, groupID, keys, Abc.Settings.DEFAULT, DEFAULT_WINDOW);
    }

    public SecureAtomicStream(GroupSite site, String protocolID, String groupID, GroupKeys keys, Abc.Settings settings,
                              int window) {
        super(site, protocolID, groupID, keys, window);
        this.publicKey = keys.scAbcKey();
        this.instance = start(new ScAbc(protocolID, keys, settings, window, new ScAbc.Output() {
            @Override
            public boolean reveal(StreamEntry.Data ordered, List<StreamEntry.Data> mine, byte[] cleartext) {
                mine.forEach(SecureAtomicStream.this::settle);
                return deliver(cleartext, false);
            }

            @Override
            public void dropped(StreamEntry.Data mine) {
                settle(mine);
            }

            @Override
            public void terminated() {
                terminate();
            }
        }));
    }

    /** As in the spec, plus the keys: the site is the one bound to this thread ({@link GroupSite#enter()}). */
    public SecureAtomicStream(String protocolID, String groupID, GroupKeys keys) {
        this(GroupSite.current(), protocolID, groupID, keys);
    }

    /** The payload to send for {@code cleartext} on stream {@code protocolID} of {@code groupID} (spec 3.2). */
    public static byte[] encrypt(String protocolID, String groupID, ThresholdCryptosystem publicKey, byte[] cleartext) {
        return publicKey.encrypt(cleartext, ScAbc.label(protocolID, groupID), RANDOM);
    }

    /**
     * Sends a ciphertext made by {@link #encrypt} for this stream.
     *
     * @throws IllegalArgumentException if it is not one (it would be skipped by every party)
     */
    @Override
    public void send(byte[] ciphertext) throws InterruptedException {
        if (!publicKey.isValidCiphertext(ciphertext)
                || !Arrays.equals(publicKey.labelOf(ciphertext), ScAbc.label(protocolID, getGroupID()))) {
            throw new IllegalArgumentException("not a ciphertext of stream " + protocolID
                    + ": make it with SecureAtomicStream.encrypt(protocolID, groupID, publicKey, cleartext)");
        }
        super.send(ciphertext);
    }

    /** The protocol instance, for monitoring on the protocol thread. */
    public ScAbc instance() {
        return instance;
    }
}
