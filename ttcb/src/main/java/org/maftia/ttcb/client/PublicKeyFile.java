package org.maftia.ttcb.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.maftia.ttcb.Ttcb.LocalPublicKey;
import org.maftia.ttcb.TtcbException;

/**
 * The file through which a daemon hands its public key to the entities of its host: two lines,
 * {@code x25519 <base64>} and {@code ed25519 <base64>}. Spec 2.2.3.1 assumes correct entities get
 * a correct copy of Ku; here that rests on who may write the file.
 */
public final class PublicKeyFile {

    private PublicKeyFile() {
    }

    public static void write(Path file, LocalPublicKey key) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, "x25519 " + Base64.getEncoder().encodeToString(key.encryptionKey()) + "\n"
                + "ed25519 " + Base64.getEncoder().encodeToString(key.signatureKey()) + "\n");
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public static LocalPublicKey read(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            if (lines.size() != 2 || !lines.get(0).startsWith("x25519 ") || !lines.get(1).startsWith("ed25519 ")) {
                throw new TtcbException(file + ": not a TTCB public key file (two lines: x25519 <base64>, ed25519 <base64>)");
            }
            byte[] x = Base64.getDecoder().decode(lines.get(0).substring(7).trim());
            byte[] ed = Base64.getDecoder().decode(lines.get(1).substring(8).trim());
            if (x.length != 32 || ed.length != 32) {
                throw new TtcbException(file + ": keys must be 32 bytes each");
            }
            return new LocalPublicKey(x, ed);
        } catch (IOException | IllegalArgumentException e) {
            throw new TtcbException(file + ": cannot read the TTCB public key: " + e.getMessage(), e);
        }
    }
}
