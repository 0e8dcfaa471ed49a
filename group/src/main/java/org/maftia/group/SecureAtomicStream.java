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

    private final ThresholdCryptosystem publicKey;

    /** As in the spec: at the site {@link Site#current()} resolves. */
    public SecureAtomicStream(String protocolID, String groupID) {
        this(Site.current(), protocolID, groupID);
    }

    public SecureAtomicStream(Site site, String protocolID, String groupID) {
        this(site, protocolID, groupID, StreamOptions.DEFAULT);
    }

    public SecureAtomicStream(Site site, String protocolID, String groupID, StreamOptions options) {
        super(site, protocolID, groupID, options);
        this.publicKey = site.keys().decryptor().publicKey();
        start(new ScAbc(protocolID, site.groupKeys(), settings(options), options.window(), new ScAbc.Output() {
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
    public void send(byte[] ciphertext) {
        if (!publicKey.isValidCiphertext(ciphertext)
                || !Arrays.equals(publicKey.labelOf(ciphertext), ScAbc.label(protocolID, getGroupID()))) {
            throw new IllegalArgumentException("not a ciphertext of stream " + protocolID
                    + ": make it with SecureAtomicStream.encrypt(protocolID, groupID, publicKey, cleartext)");
        }
        super.send(ciphertext);
    }
}
