package org.maftia.crypto.dl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.Test;
import org.maftia.crypto.MalformedEncodingException;

class P256Test {

    private final SecureRandom random = new SecureRandom();

    @Test
    void pointsRoundTrip() {
        for (int i = 0; i < 20; i++) {
            ECPoint p = P256.mulG(P256.randomScalar(random));
            assertThat(P256.decode(P256.encode(p), "p")).isEqualTo(p);
        }
    }

    @Test
    void decodingIsStrict() {
        byte[] good = P256.encode(P256.mulG(BigInteger.valueOf(7)));
        assertThatThrownBy(() -> P256.decode(Arrays.copyOf(good, 32), "p")).isInstanceOf(MalformedEncodingException.class)
                .hasMessageContaining("33 bytes");
        assertThatThrownBy(() -> P256.decode(Arrays.copyOf(good, 34), "p")).isInstanceOf(MalformedEncodingException.class);
        byte[] uncompressedPrefix = good.clone();
        uncompressedPrefix[0] = 4;
        assertThatThrownBy(() -> P256.decode(uncompressedPrefix, "p")).isInstanceOf(MalformedEncodingException.class)
                .hasMessageContaining("prefix");
        byte[] infinity = new byte[33];
        assertThatThrownBy(() -> P256.decode(infinity, "p")).isInstanceOf(MalformedEncodingException.class);
        byte[] xTooBig = new byte[33];
        xTooBig[0] = 2;
        Arrays.fill(xTooBig, 1, 33, (byte) 0xFF);
        assertThatThrownBy(() -> P256.decode(xTooBig, "p")).isInstanceOf(MalformedEncodingException.class)
                .hasMessageContaining("field prime");
        assertThatThrownBy(() -> P256.decode(notOnCurve(), "p")).isInstanceOf(MalformedEncodingException.class)
                .hasMessageContaining("not a point");
        assertThatThrownBy(() -> P256.decode(null, "p")).isInstanceOf(MalformedEncodingException.class);
    }

    @Test
    void scalarsMustBeBelowTheOrder() {
        assertThat(P256.decodeScalar(P256.encodeScalar(BigInteger.TEN), "s")).isEqualTo(BigInteger.TEN);
        assertThatThrownBy(() -> P256.decodeScalar(BigIntegers.asUnsignedByteArray(32, P256.ORDER), "s"))
                .isInstanceOf(MalformedEncodingException.class).hasMessageContaining("order");
        assertThatThrownBy(() -> P256.decodeScalar(new byte[31], "s")).isInstanceOf(MalformedEncodingException.class);
    }

    /** A compressed encoding whose x has no point on P-256 (x^3 - 3x + b is not a square). */
    static byte[] notOnCurve() {
        for (int x = 1;; x++) {
            byte[] e = new byte[33];
            e[0] = 2;
            byte[] xb = BigIntegers.asUnsignedByteArray(32, BigInteger.valueOf(x));
            System.arraycopy(xb, 0, e, 1, 32);
            try {
                P256.CURVE.decodePoint(e);
            } catch (IllegalArgumentException notOnCurve) {
                return e;
            }
        }
    }
}
