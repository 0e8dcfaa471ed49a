package org.maftia.crypto.bls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.maftia.crypto.CryptoException;
import org.maftia.crypto.ThresholdParameters;

/**
 * Where blst's native library cannot be loaded, BLS operations fail with a CryptoException saying
 * so. Simulated in a child JVM by pointing jblst at a native resource that does not exist (its
 * system property {@code supranational.blst.jniResource}).
 */
class BlsUnavailableTest {

    /** Entry point of the child JVM. */
    public static void main(String[] args) {
        try {
            BlsThresholdSignature.deal(ThresholdParameters.quorum(4, 1), new SecureRandom());
            System.out.println("LOADED");
        } catch (CryptoException e) {
            System.out.println("CRYPTO-EXCEPTION " + e.getMessage());
        } catch (Throwable t) {
            System.out.println("OTHER " + t);
        }
    }

    @Test
    void aMissingNativeLibraryIsAClearCryptoException() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "-Dsupranational.blst.jniResource=/no/such/dir/libblst.so", BlsUnavailableTest.class.getName()))
                .redirectErrorStream(true).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(out).contains("CRYPTO-EXCEPTION BLS12-381 is unavailable: the blst native library");
        assertThat(out).contains("no blst in java.library.path");
    }
}
