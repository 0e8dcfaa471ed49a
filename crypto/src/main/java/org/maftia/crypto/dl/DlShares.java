package org.maftia.crypto.dl;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.math.ec.ECPoint;
import org.maftia.crypto.CryptoException;
import org.maftia.crypto.MalformedEncodingException;
import org.maftia.crypto.NotEnoughSharesException;
import org.maftia.crypto.Share;
import org.maftia.crypto.ShareVerdict;
import org.maftia.crypto.ShareVerdict.Problem;
import org.maftia.crypto.ThresholdParameters;
import org.maftia.crypto.codec.ByteReader;
import org.maftia.crypto.codec.ByteWriter;
import org.maftia.crypto.codec.KeyIds;

/**
 * What the DH coin and TDH2 decryption shares have in common: a share is (key id, the holder's
 * value X^{x_i}, a DLEQ proof that log_g g^{x_i} = log_X X^{x_i}), 139 bytes; it is checked one by
 * one or in a batch, and k of them combine by Lagrange interpolation in the exponent.
 */
final class DlShares {

    static final int SHARE_BYTES = KeyIds.BYTES + P256.POINT_BYTES + Dleq.PROOF_BYTES;

    private DlShares() {
    }

    /** A share decoded, or the verdict on why it did not. */
    sealed interface Decoded permits Parsed, Rejected {
    }

    /** A share that decoded: what it claims, not yet verified. */
    record Parsed(int index, ECPoint value, Dleq.Proof proof) implements Decoded {
    }

    record Rejected(ShareVerdict verdict) implements Decoded {
    }

    /** How a scheme turns a parsed share into the DLEQ statement and context its proof is about. */
    interface Claims {
        Dleq.Statement statement(Parsed share);

        byte[] context(Parsed share);
    }

    static byte[] encode(byte[] keyId, ECPoint value, Dleq.Proof proof) {
        return new ByteWriter().raw(keyId).raw(P256.encode(value)).raw(proof.encode()).toByteArray();
    }

    /** Decodes a share strictly; returns the verdict for one that does not decode. */
    static Decoded parse(Share share, ThresholdParameters p, byte[] keyId) {
        int index = share.index();
        if (index >= p.n()) {
            return reject(index, Problem.UNKNOWN_HOLDER, "holder " + index + " is not one of 0.." + (p.n() - 1));
        }
        byte[] bytes = share.encoded();
        if (bytes.length != SHARE_BYTES) {
            return reject(index, Problem.MALFORMED, "a share takes " + SHARE_BYTES + " bytes, got " + bytes.length);
        }
        ByteReader r = new ByteReader(bytes, "share of holder " + index);
        byte[] id = r.raw(KeyIds.BYTES, "key id");
        if (!Arrays.equals(id, keyId)) {
            return reject(index, Problem.WRONG_KEY, "made for key " + KeyIds.hex(id) + ", not " + KeyIds.hex(keyId));
        }
        try {
            ECPoint value = P256.decode(r.raw(P256.POINT_BYTES, "share value"), "share value");
            Dleq.Proof proof = Dleq.Proof.read(r);
            r.end();
            return new Parsed(index, value, proof);
        } catch (MalformedEncodingException e) {
            return reject(index, Problem.MALFORMED, e.getMessage());
        }
    }

    private static Rejected reject(int index, Problem problem, String detail) {
        return new Rejected(ShareVerdict.invalid(index, problem, detail));
    }

    static ShareVerdict verify(Share share, ThresholdParameters p, byte[] keyId, Claims claims) {
        Decoded decoded = parse(share, p, keyId);
        if (decoded instanceof Rejected r) {
            return r.verdict();
        }
        Parsed s = (Parsed) decoded;
        return Dleq.verify(claims.statement(s), s.proof(), claims.context(s))
                ? ShareVerdict.valid(s.index())
                : ShareVerdict.invalid(s.index(), Problem.BAD_PROOF, "the DLEQ proof does not verify for this input and holder");
    }

    /**
     * Verdicts for many shares: the ones that decode are checked together by
     * {@link Dleq#verifyBatch}; only if that fails are they checked one by one to name the bad ones.
     */
    static List<ShareVerdict> verifyAll(List<Share> shares, ThresholdParameters p, byte[] keyId, Claims claims,
            SecureRandom random) {
        ShareVerdict[] verdicts = new ShareVerdict[shares.size()];
        List<Integer> positions = new ArrayList<>();
        List<Parsed> parsed = new ArrayList<>();
        for (int i = 0; i < shares.size(); i++) {
            switch (parse(shares.get(i), p, keyId)) {
                case Rejected r -> verdicts[i] = r.verdict();
                case Parsed s -> {
                    positions.add(i);
                    parsed.add(s);
                }
            }
        }
        List<Dleq.Statement> statements = parsed.stream().map(claims::statement).toList();
        List<Dleq.Proof> proofs = parsed.stream().map(Parsed::proof).toList();
        List<byte[]> contexts = parsed.stream().map(claims::context).toList();
        boolean allGood = parsed.size() > 1 && Dleq.verifyBatch(statements, proofs, contexts, random);
        for (int j = 0; j < parsed.size(); j++) {
            Parsed s = parsed.get(j);
            boolean ok = allGood || Dleq.verify(statements.get(j), proofs.get(j), contexts.get(j));
            verdicts[positions.get(j)] = ok
                    ? ShareVerdict.valid(s.index())
                    : ShareVerdict.invalid(s.index(), Problem.BAD_PROOF, "the DLEQ proof does not verify for this input and holder");
        }
        return List.of(verdicts);
    }

    /**
     * Lagrange interpolation in the exponent of k valid shares from distinct holders: X^x for the
     * X the shares were made on.
     *
     * @throws NotEnoughSharesException with fewer than k such shares
     */
    static ECPoint combine(Collection<Share> shares, boolean verified, ThresholdParameters p, byte[] keyId, Claims claims,
            SecureRandom random) {
        List<Share> list = List.copyOf(shares);
        List<Parsed> usable = new ArrayList<>();
        if (verified) {
            for (Share s : list) {
                if (parse(s, p, keyId) instanceof Parsed parsed) {
                    usable.add(parsed);
                }
            }
        } else {
            List<ShareVerdict> verdicts = verifyAll(list, p, keyId, claims, random);
            for (int i = 0; i < list.size(); i++) {
                if (verdicts.get(i).isValid()) {
                    usable.add((Parsed) parse(list.get(i), p, keyId));
                }
            }
        }
        Set<Integer> seen = new HashSet<>();
        List<Parsed> chosen = new ArrayList<>();
        for (Parsed s : usable) {
            if (chosen.size() < p.k() && seen.add(s.index())) {
                chosen.add(s);
            }
        }
        if (chosen.size() < p.k()) {
            throw new NotEnoughSharesException(p.k(), seen.size());
        }
        int[] indices = chosen.stream().mapToInt(Parsed::index).toArray();
        ECPoint[] values = chosen.stream().map(Parsed::value).toArray(ECPoint[]::new);
        ECPoint result = DlThresholdKey.interpolate(indices, values).normalize();
        if (result.isInfinity()) {
            throw new CryptoException("shares combined to the identity: they cannot be shares of this key");
        }
        return result;
    }

    /** A holder's secret share: format tag, key id, index and x_i. */
    static byte[] encodeSecret(String format, byte[] keyId, int index, BigInteger share) {
        return new ByteWriter().u8(1).prefixed(format).raw(keyId).u16(index).raw(P256.encodeScalar(share)).toByteArray();
    }

    /** Reads a secret share for {@code key} and checks it against the holder's verification key. */
    static int readSecretIndex(ByteReader r, String format, byte[] keyId, DlThresholdKey key) {
        int version = r.u8("version");
        if (version != 1) {
            throw r.malformed("unknown version " + version);
        }
        r.expectPrefixed(format, "format");
        byte[] id = r.raw(KeyIds.BYTES, "key id");
        if (!Arrays.equals(id, keyId)) {
            throw r.malformed("the share belongs to key " + KeyIds.hex(id) + ", not " + KeyIds.hex(keyId));
        }
        int index = r.u16("holder index");
        if (index >= key.parameters().n()) {
            throw r.malformed("holder index " + index + " is not one of 0.." + (key.parameters().n() - 1));
        }
        return index;
    }

    static BigInteger readSecretValue(ByteReader r, DlThresholdKey key, int index) {
        BigInteger x = P256.decodeScalar(r.raw(P256.SCALAR_BYTES, "secret share"), "secret share");
        r.end();
        if (!P256.mulG(x).equals(key.verificationKey(index))) {
            throw r.malformed("the secret share does not match holder " + index + "'s verification key");
        }
        return x;
    }
}
