package org.maftia.crypto.dl;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

class DleqTest {

    private final SecureRandom random = new SecureRandom();
    private final byte[] context = {1, 2, 3};

    private record Case(Dleq.Statement statement, BigInteger x) {
    }

    private Case randomCase(ECPoint h) {
        BigInteger x = P256.randomScalar(random);
        return new Case(new Dleq.Statement(P256.generator(), P256.mulG(x).normalize(), h, P256.mul(h, x).normalize()), x);
    }

    @Test
    void honestProofsVerifyAndWrongStatementsDoNot() {
        ECPoint h = HashToCurve.hash(new byte[] {9}, "T-with-" + HashToCurve.SUITE);
        Case c = randomCase(h);
        Dleq.Proof proof = Dleq.prove(c.statement(), c.x(), context, random);
        assertThat(Dleq.verify(c.statement(), proof, context)).isTrue();
        assertThat(Dleq.verify(c.statement(), proof, new byte[] {1, 2, 4})).isFalse();
        Dleq.Statement otherV = new Dleq.Statement(P256.generator(), c.statement().u(), h, c.statement().v().twice());
        assertThat(Dleq.verify(otherV, proof, context)).isFalse();
        // A proof by someone who knows log_g u but not log_h v fails.
        Dleq.Proof forged = Dleq.prove(otherV, c.x(), context, random);
        assertThat(Dleq.verify(otherV, forged, context)).isFalse();
        Dleq.Proof badZ = new Dleq.Proof(proof.a1(), proof.a2(), proof.z().add(BigInteger.ONE).mod(P256.ORDER));
        assertThat(Dleq.verify(c.statement(), badZ, context)).isFalse();
    }

    @Test
    void batchAcceptsGoodBatchesAndRejectsAnyBadProof() {
        ECPoint h = HashToCurve.hash(new byte[] {7}, "T-with-" + HashToCurve.SUITE);
        List<Dleq.Statement> statements = new ArrayList<>();
        List<Dleq.Proof> proofs = new ArrayList<>();
        List<byte[]> contexts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Case c = randomCase(h);
            statements.add(c.statement());
            proofs.add(Dleq.prove(c.statement(), c.x(), context, random));
            contexts.add(context);
        }
        assertThat(Dleq.verifyBatch(statements, proofs, contexts, random)).isTrue();
        for (int bad = 0; bad < 6; bad++) {
            List<Dleq.Proof> tampered = new ArrayList<>(proofs);
            Dleq.Proof p = proofs.get(bad);
            tampered.set(bad, new Dleq.Proof(p.a1(), p.a2(), p.z().add(BigInteger.ONE)));
            assertThat(Dleq.verifyBatch(statements, tampered, contexts, random)).isFalse();
            List<Dleq.Statement> wrong = new ArrayList<>(statements);
            Dleq.Statement s = statements.get(bad);
            wrong.set(bad, new Dleq.Statement(s.g(), s.u(), s.h(), s.v().add(P256.generator()).normalize()));
            assertThat(Dleq.verifyBatch(wrong, proofs, contexts, random)).isFalse();
        }
        // Two errors that would cancel in an unweighted sum are still caught.
        List<Dleq.Proof> cancelling = new ArrayList<>(proofs);
        cancelling.set(0, new Dleq.Proof(proofs.get(0).a1(), proofs.get(0).a2(), proofs.get(0).z().add(BigInteger.ONE)));
        cancelling.set(1, new Dleq.Proof(proofs.get(1).a1(), proofs.get(1).a2(), proofs.get(1).z().subtract(BigInteger.ONE).mod(P256.ORDER)));
        assertThat(Dleq.verifyBatch(statements, cancelling, contexts, random)).isFalse();
    }
}
