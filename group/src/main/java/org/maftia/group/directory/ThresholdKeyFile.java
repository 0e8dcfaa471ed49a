package org.maftia.group.directory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.maftia.crypto.ThresholdParameters;
import org.maftia.net.group.ConfigException;

/**
 * One threshold key on disk, public or a holder's private share, in three lines:
 * <pre>
 * scheme ed25519-quorum
 * parameters 4 3 1
 * key &lt;base64 of the scheme's encoding&gt;
 * </pre>
 * The scheme decodes the key strictly when the site loads it.
 */
public record ThresholdKeyFile(String scheme, ThresholdParameters parameters, byte[] key) {

    public ThresholdKeyFile {
        key = key.clone();
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    String text() {
        return "scheme " + scheme + "\nparameters " + parameters.n() + " " + parameters.k() + " " + parameters.t()
                + "\nkey " + Base64.getEncoder().encodeToString(key) + "\n";
    }

    static ThresholdKeyFile read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read the key (" + e.getMessage() + ")", e);
        }
        if (lines.size() != 3 || !lines.get(0).startsWith("scheme ") || !lines.get(1).startsWith("parameters ")
                || !lines.get(2).startsWith("key ")) {
            throw new ConfigException(file + ": expected the lines 'scheme', 'parameters' and 'key'; the file is damaged");
        }
        String[] p = lines.get(1).substring("parameters ".length()).trim().split(" ");
        try {
            ThresholdParameters parameters = new ThresholdParameters(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
            byte[] key = Base64.getDecoder().decode(lines.get(2).substring("key ".length()).trim());
            return new ThresholdKeyFile(lines.get(0).substring("scheme ".length()).trim(), parameters, key);
        } catch (RuntimeException e) {
            throw new ConfigException(file + ": bad parameters or key (" + e.getMessage() + "); the file is damaged");
        }
    }
}
