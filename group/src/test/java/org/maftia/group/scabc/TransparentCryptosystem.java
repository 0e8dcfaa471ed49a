package org.maftia.group.scabc;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.maftia.crypto.Decryptor;
import org.maftia.crypto.MalformedEncodingException;
import org.maftia.crypto.NotEnoughSharesException;
import org.maftia.crypto.Share;
import org.maftia.crypto.ShareVerdict;
import org.maftia.crypto.ThresholdCryptosystem;
import org.maftia.crypto.ThresholdParameters;

/**
 * A stand-in for TDH2 that hides nothing, for simulations that order tens of thousands of
 * ciphertexts (TDH2's milliseconds per ciphertext and share would take the simulation minutes): a
 * ciphertext is its label, its cleartext and a check value; a decryption share is SHA-256 of the
 * holder's index and the ciphertext, {@value #SHARE_BYTES} bytes like a TDH2 share; k valid shares
 * of distinct holders "decrypt". SC-ABC's rules (what is ordered, which shares count, when a
 * cleartext is revealed) run unchanged over it; its secrecy is TDH2's business and other tests'.
 */
final class TransparentCryptosystem implements ThresholdCryptosystem {

    /** TDH2's share: key id, a P-256 point, a DLEQ proof. */
    static final int SHARE_BYTES = 8 + 33 + 98;

    private final ThresholdParameters parameters;

    private TransparentCryptosystem(ThresholdParameters parameters) {
        this.parameters = parameters;
    }

    /** The n holders of an (n, t+1, t) key. */
    static List<Decryptor> deal(int n, int t) {
        TransparentCryptosystem key = new TransparentCryptosystem(ThresholdParameters.onePlusFaults(n, t));
        List<Decryptor> holders = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            holders.add(new Decryptor() {
                @Override
                public int index() {
                    return index;
                }

                @Override
                public ThresholdCryptosystem publicKey() {
                    return key;
                }

                @Override
                public Share decryptShare(byte[] ciphertext) {
                    return new Share(index, shareOf(index, ciphertext));
                }
            });
        }
        return holders;
    }

    @Override
    public String scheme() {
        return "transparent";
    }

    @Override
    public ThresholdParameters parameters() {
        return parameters;
    }

    @Override
    public byte[] encrypt(byte[] plaintext, byte[] label, SecureRandom random) {
        ByteBuffer b = ByteBuffer.allocate(8 + label.length + plaintext.length + 8);
        b.putInt(label.length).put(label).putInt(plaintext.length).put(plaintext);
        b.putLong(check(Arrays.copyOf(b.array(), b.position())));
        return b.array();
    }

    @Override
    public boolean isValidCiphertext(byte[] ciphertext) {
        try {
            parse(ciphertext);
            return true;
        } catch (MalformedEncodingException e) {
            return false;
        }
    }

    @Override
    public byte[] labelOf(byte[] ciphertext) {
        return parse(ciphertext)[0];
    }

    @Override
    public ShareVerdict verifyShare(byte[] ciphertext, Share share) {
        if (share.index() >= parameters.n()) {
            return ShareVerdict.invalid(share.index(), ShareVerdict.Problem.UNKNOWN_HOLDER, "no such holder");
        }
        return Arrays.equals(share.encoded(), shareOf(share.index(), ciphertext)) ? ShareVerdict.valid(share.index())
                : ShareVerdict.invalid(share.index(), ShareVerdict.Problem.BAD_PROOF, "not this holder's share");
    }

    @Override
    public byte[] combine(byte[] ciphertext, Collection<Share> shares, boolean verified) {
        Set<Integer> holders = new HashSet<>();
        for (Share s : shares) {
            if (verifyShare(ciphertext, s).isValid()) {
                holders.add(s.index());
            }
        }
        if (holders.size() < parameters.k()) {
            throw new NotEnoughSharesException(parameters.k(), holders.size());
        }
        return parse(ciphertext)[1];
    }

    /** {label, cleartext}. */
    private static byte[][] parse(byte[] ciphertext) {
        try {
            ByteBuffer b = ByteBuffer.wrap(ciphertext);
            byte[] label = new byte[b.getInt()];
            b.get(label);
            byte[] plaintext = new byte[b.getInt()];
            b.get(plaintext);
            long check = b.getLong();
            if (b.hasRemaining() || check != check(Arrays.copyOf(ciphertext, ciphertext.length - 8))) {
                throw new MalformedEncodingException("not a transparent ciphertext");
            }
            return new byte[][] {label, plaintext};
        } catch (RuntimeException e) {
            throw e instanceof MalformedEncodingException m ? m : new MalformedEncodingException("not a transparent ciphertext");
        }
    }

    private static byte[] shareOf(int index, byte[] ciphertext) {
        MessageDigest sha = sha256();
        sha.update(ByteBuffer.allocate(4).putInt(index).array());
        byte[] first = sha.digest(ciphertext);
        return Arrays.copyOf(first, SHARE_BYTES);
    }

    private static long check(byte[] body) {
        return ByteBuffer.wrap(sha256().digest(body)).getLong();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
