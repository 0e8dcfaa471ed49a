package org.maftia.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/lib/jdk.sh: how bin/maftia picks its JDK, on fake JDK directories. */
class JdkDiscoveryTest {

    private static final Path SCRIPT = Path.of("..", "bin", "lib", "jdk.sh").toAbsolutePath().normalize();

    @TempDir
    Path jvms;

    private record Result(int exit, String out, String err) {
    }

    @BeforeEach
    void checkScript() {
        assertThat(SCRIPT).as("bin/lib/jdk.sh from the node module").exists();
    }

    private Path fakeJdk(String name, String version) throws IOException {
        Path home = Files.createDirectories(jvms.resolve(name).resolve("bin"));
        for (String tool : new String[] {"java", "javac"}) {
            Path p = home.resolve(tool);
            Files.writeString(p, "#!/bin/sh\necho 'openjdk version \"" + version + "\"' >&2\n");
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.writeString(jvms.resolve(name).resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
        return jvms.resolve(name);
    }

    private Result findJdk(Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", ". '" + SCRIPT + "'; find_jdk");
        pb.environment().remove("JAVA_HOME");
        pb.environment().put("PATH", jvms.resolve("no-such-bin") + ":/bin");
        pb.environment().put("MAFTIA_JVM_DIR", jvms.toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(),
                new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim(),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void aRecentEnoughJavaHomeWins() throws Exception {
        Path jdk21 = fakeJdk("jdk-21", "21.0.4");
        fakeJdk("jdk-25", "25.0.1");

        assertThat(findJdk(Map.of("JAVA_HOME", jdk21.toString())).out()).isEqualTo(jdk21.toString());
    }

    @Test
    void anOldJavaHomeGivesWayToTheNewestJdkInstalled() throws Exception {
        Path jdk17 = fakeJdk("jdk-17", "17.0.15");
        fakeJdk("jdk-21", "21.0.4");
        Path jdk25 = fakeJdk("jdk-25", "25");

        assertThat(findJdk(Map.of("JAVA_HOME", jdk17.toString())).out()).isEqualTo(jdk25.toString());
    }

    @Test
    void aJreWithoutJavacDoesNotCount() throws Exception {
        Path jre = fakeJdk("jre-22", "22.0.1");
        Files.delete(jre.resolve("bin/javac"));
        Path jdk21 = fakeJdk("jdk-21", "21.0.4");

        assertThat(findJdk(Map.of()).out()).isEqualTo(jdk21.toString());
    }

    @Test
    void noSuitableJdkSaysWhatToInstall() throws Exception {
        Path jdk17 = fakeJdk("jdk-17", "17.0.15");

        Result r = findJdk(Map.of("JAVA_HOME", jdk17.toString()));

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("no JDK 21 or newer found", "apt-get install openjdk-21-jdk", "JAVA_HOME");
    }
}
