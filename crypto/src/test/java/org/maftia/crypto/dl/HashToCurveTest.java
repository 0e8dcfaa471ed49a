package org.maftia.crypto.dl;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/** RFC 9380 appendix J.1.1, suite P256_XMD:SHA-256_SSWU_RO_. */
class HashToCurveTest {

    private static final byte[] DST = "QUUX-V01-CS02-with-P256_XMD:SHA-256_SSWU_RO_".getBytes(StandardCharsets.US_ASCII);

    @Test
    void emptyMessage() {
        check("", "ad5342c66a6dd0ff080df1da0ea1c04b96e0330dd89406465eeba11582515009",
                "8c0f1d43204bd6f6ea70ae8013070a1518b43873bcd850aafa0a9e220e2eea5a",
                "2c15230b26dbc6fc9a37051158c95b79656e17a1a920b11394ca91c44247d3e4",
                "8a7a74985cc5c776cdfe4b1f19884970453912e9d31528c060be9ab5c43e8415");
    }

    @Test
    void abc() {
        ECPoint p = HashToCurve.hash("abc".getBytes(StandardCharsets.US_ASCII), DST);
        assertThat(p.getAffineXCoord().toBigInteger())
                .isEqualTo(new BigInteger("0bb8b87485551aa43ed54f009230450b492fead5f1cc91658775dac4a3388a0f", 16));
        assertThat(p.getAffineYCoord().toBigInteger())
                .isEqualTo(new BigInteger("5c41b3d0731a27a7b14bc0bf0ccded2d8751f83493404c84a88e71ffd424212e", 16));
    }

    @Test
    void differentTagsGiveUnrelatedPoints() {
        byte[] msg = "same".getBytes(StandardCharsets.US_ASCII);
        assertThat(HashToCurve.hash(msg, "A-with-" + HashToCurve.SUITE)).isNotEqualTo(HashToCurve.hash(msg, "B-with-" + HashToCurve.SUITE));
        assertThat(HashToCurve.hash(msg, "A-with-" + HashToCurve.SUITE)).isEqualTo(HashToCurve.hash(msg, "A-with-" + HashToCurve.SUITE));
    }

    private static void check(String msg, String u0, String u1, String x, String y) {
        byte[] m = msg.getBytes(StandardCharsets.US_ASCII);
        BigInteger[] u = HashToCurve.hashToField(m, DST, 2);
        assertThat(u[0]).isEqualTo(new BigInteger(u0, 16));
        assertThat(u[1]).isEqualTo(new BigInteger(u1, 16));
        ECPoint p = HashToCurve.hash(m, DST);
        assertThat(p.getAffineXCoord().toBigInteger()).isEqualTo(new BigInteger(x, 16));
        assertThat(p.getAffineYCoord().toBigInteger()).isEqualTo(new BigInteger(y, 16));
    }
}
