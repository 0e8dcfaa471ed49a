package org.maftia.node.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Version of this build and of the JVM running it. */
public final class BuildInfo implements IVersionProvider {

    /** The project version the build recorded. */
    public static String version() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("/org/maftia/node/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the build's version.properties", e);
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "maftia " + version(),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ", " + System.getProperty("java.home") + ")"
        };
    }
}
