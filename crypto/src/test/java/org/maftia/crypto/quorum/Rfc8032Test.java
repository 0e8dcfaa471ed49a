package org.maftia.crypto.quorum;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.maftia.crypto.Share;
import org.maftia.crypto.ThresholdParameters;
import org.maftia.crypto.codec.ShareHeader;

/** RFC 8032 section 7.1, tests 1-3: the BouncyCastle Ed25519 our quorum scheme signs with. */
class Rfc8032Test {

    @ParameterizedTest(name = "RFC 8032 7.1 TEST {0}")
    @CsvSource({
        "1, 9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60, d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a, '', "
                + "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
        "2, 4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb, 3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c, 72, "
                + "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
        "3, c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7, fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025, af82, "
                + "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"
    })
    void knownAnswers(int test, String secretHex, String publicHex, String messageHex, String signatureHex) {
        byte[] secret = Hex.decode(secretHex);
        byte[] message = Hex.decode(messageHex == null ? "" : messageHex);
        byte[] expected = Hex.decode(signatureHex);
        Ed25519PrivateKeyParameters privateKey = new Ed25519PrivateKeyParameters(secret);
        Ed25519PublicKeyParameters publicKey = privateKey.generatePublicKey();
        assertThat(Hex.toHexString(publicKey.getEncoded())).isEqualTo(publicHex);

        // Ed25519Signer, the API the BouncyCastle documentation leads with...
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(message, 0, message.length);
        assertThat(Hex.toHexString(signer.generateSignature())).isEqualTo(signatureHex);

        // ...and the parameter-level calls QuorumSigner and QuorumPublicKey use.
        byte[] signature = new byte[64];
        privateKey.sign(org.bouncycastle.math.ec.rfc8032.Ed25519.Algorithm.Ed25519, publicKey, null, message, 0, message.length, signature, 0);
        assertThat(signature).isEqualTo(expected);
        assertThat(publicKey.verify(org.bouncycastle.math.ec.rfc8032.Ed25519.Algorithm.Ed25519, null, message, 0, message.length, expected, 0)).isTrue();
        byte[] flipped = expected.clone();
        flipped[test] ^= 1;
        assertThat(publicKey.verify(org.bouncycastle.math.ec.rfc8032.Ed25519.Algorithm.Ed25519, null, message, 0, message.length, flipped, 0)).isFalse();
    }

    /** A quorum share is a plain RFC 8032 signature on the domain-separated message, checkable by any Ed25519. */
    @ParameterizedTest
    @CsvSource({"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60", "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7"})
    void aShareIsAnEd25519SignatureOnTheDomainSeparatedMessage(String secretHex) throws Exception {
        Ed25519PrivateKeyParameters holder0 = new Ed25519PrivateKeyParameters(Hex.decode(secretHex));
        Ed25519PrivateKeyParameters holder1 = new Ed25519PrivateKeyParameters(Hex.decode("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"));
        QuorumDealer.Keys keys = QuorumDealer.fromPrivateKeys(new ThresholdParameters(2, 1, 0), List.of(holder0, holder1));
        byte[] message = "pre-process 1".getBytes(StandardCharsets.UTF_8);
        Share share = keys.signers().get(0).sign(message);

        byte[] fingerprint = MessageDigest.getInstance("SHA-256").digest(keys.publicKey().encode());
        byte[] signed = concat("maftia/ed25519-quorum/v1".getBytes(StandardCharsets.US_ASCII), fingerprint, message);
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, holder0.generatePublicKey());
        verifier.update(signed, 0, signed.length);
        byte[] signature = java.util.Arrays.copyOfRange(share.encoded(), ShareHeader.LENGTH, share.encoded().length);
        assertThat(verifier.verifySignature(signature)).isTrue();
    }

    private static byte[] concat(byte[]... parts) {
        int len = 0;
        for (byte[] p : parts) {
            len += p.length;
        }
        byte[] out = new byte[len];
        int off = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, off, p.length);
            off += p.length;
        }
        return out;
    }
}
