package org.maftia.crypto.bls;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import supranational.blst.P1;

/**
 * Known answers for the min-signature ciphersuite BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_.
 *
 * <p>No sign vector (secret key, message, signature) of this exact ciphersuite was available
 * offline; what we check instead, against independent data: (1) its hash_to_point against RFC
 * 9380's BLS12381G1_XMD:SHA-256_SSWU_RO_ vectors; (2) Verify against a signature published by the
 * drand "quicknet" beacon, which signs with this very ciphersuite (scheme
 * bls-unchained-g1-rfc9380): round 657413, message SHA-256(round as 8 big-endian bytes). Sign is
 * then pinned by consistency: a signature made here verifies, and the threshold combination equals
 * the plain signature with the group secret.
 */
class BlsKnownAnswerTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void theNativeLibraryLoadsOnThisMachine() {
        assertThat(Blst.available()).as("blst native library (jblst) must load here; see Blst.require() for the cause").isTrue();
    }

    @Test
    void hashToG1MatchesRfc9380() {
        String dst = "QUUX-V01-CS02-with-BLS12381G1_XMD:SHA-256_SSWU_RO_";
        assertThat(HEX.formatHex(new P1().hash_to(new byte[0], dst).serialize())).isEqualTo(
                "052926add2207b76ca4fa57a8734416c8dc95e24501772c814278700eed6d1e4e8cf62d9c09db0fac349612b759e79a1"
                        + "08ba738453bfed09cb546dbb0783dbb3a5f1f566ed67bb6be0e8c67e2e81a4cc68ee29813bb7994998f3eae0c9c6a265");
        assertThat(HEX.formatHex(new P1().hash_to("abc".getBytes(StandardCharsets.US_ASCII), dst).serialize())).isEqualTo(
                "03567bc5ef9c690c2ab2ecdf6a96ef1c139cc0b2f284dca0a9a7943388a49a3aee664ba5379a7655d3c68900be2f6903"
                        + "0b9c15f3fe6e5cf4211f346271d7b01c8f3b28be689c8429c85b67af215533311f0b8dfaaa154fa6b88176c229f2885d");
    }

    @Test
    void verifiesADrandQuicknetBeacon() throws Exception {
        byte[] publicKey = HEX.parseHex("83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064"
                + "510d1fec758c921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a");
        byte[] signature = HEX.parseHex("b713718a38ae728dfd477991af2822e08d2f305e47718cef9f7848ce4050e7be41076862b98fad56e91a6b85b89cd97b");
        byte[] message = MessageDigest.getInstance("SHA-256").digest(ByteBuffer.allocate(8).putLong(657413L).array());
        assertThat(Bls.verify(publicKey, message, signature)).isTrue();
        // The beacon's randomness is SHA-256 of the signature, as published with it.
        assertThat(HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(signature)))
                .isEqualTo("fc1873a13f3545aeade8401532ef5519920652eee6b0d2b19ca12643b87b3587");
        byte[] otherRound = MessageDigest.getInstance("SHA-256").digest(ByteBuffer.allocate(8).putLong(657414L).array());
        assertThat(Bls.verify(publicKey, otherRound, signature)).isFalse();
        signature[47] ^= 1;
        assertThat(Bls.verify(publicKey, message, signature)).isFalse();
    }

    @Test
    void plainSignAndVerify() {
        BigInteger sk = new BigInteger("263dbd792f5b1be47ed85f8938c0f29586af0d3ac7b977f21c278fe1462040e3", 16);
        byte[] pk = Bls.publicKey(sk);
        byte[] m = "message".getBytes(StandardCharsets.UTF_8);
        byte[] sig = Bls.sign(sk, m);
        assertThat(sig).hasSize(48);
        assertThat(pk).hasSize(96);
        assertThat(Bls.sign(sk, m)).isEqualTo(sig);
        assertThat(Bls.verify(pk, m, sig)).isTrue();
        assertThat(Bls.verify(pk, "messagf".getBytes(StandardCharsets.UTF_8), sig)).isFalse();
        assertThat(Bls.verify(Bls.publicKey(sk.add(BigInteger.ONE)), m, sig)).isFalse();
        assertThat(Bls.verify(pk, m, new byte[48])).isFalse();
        assertThat(Bls.verify(new byte[3], m, sig)).isFalse();
    }
}
