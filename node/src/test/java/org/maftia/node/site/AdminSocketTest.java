package org.maftia.node.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin socket: owner only, one answer per caller, and a killed process's socket replaced but a live one never. */
class AdminSocketTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @BeforeEach
    void ownerOnly() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void answersEachCallerWithOneLineAndIsOwnerOnly() throws Exception {
        try (AdminSocket admin = AdminSocket.open(dir, () -> "{\"running\":true}", "admin-test")) {
            assertThat(AdminSocket.ask(admin.path(), WAIT)).contains("{\"running\":true}");
            assertThat(AdminSocket.ask(admin.path(), WAIT)).contains("{\"running\":true}");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(admin.path()))).isEqualTo("rw-------");
        }
        assertThat(dir.resolve(AdminSocket.FILE_NAME)).doesNotExist();
        assertThat(AdminSocket.ask(dir.resolve(AdminSocket.FILE_NAME), WAIT)).isEmpty();
    }

    @Test
    void aSocketLeftByAKilledProcessIsReplaced() throws Exception {
        Path path = dir.resolve(AdminSocket.FILE_NAME);
        // What kill -9 leaves: the socket file, with no one listening on it.
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(path));
        }
        assertThat(path).exists();
        try (AdminSocket admin = AdminSocket.open(dir, () -> "fresh", "admin-test")) {
            assertThat(AdminSocket.ask(admin.path(), WAIT)).contains("fresh");
        }
    }

    @Test
    void aSocketSomeoneAnswersOnIsNotTaken() {
        try (AdminSocket running = AdminSocket.open(dir, () -> "first", "admin-test")) {
            assertThatThrownBy(() -> AdminSocket.open(dir, () -> "second", "admin-test"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("a process answers on it");
            assertThat(AdminSocket.ask(running.path(), WAIT)).contains("first");
        }
    }

    @Test
    void aFileThatIsNotASocketIsLeftAlone() throws Exception {
        Path path = Files.writeString(dir.resolve(AdminSocket.FILE_NAME), "notes");
        assertThatThrownBy(() -> AdminSocket.open(dir, () -> "x", "admin-test"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not a socket");
        assertThat(Files.readString(path)).isEqualTo("notes");
    }

    @Test
    void aDirectoryOthersCanEnterIsRefused() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThatThrownBy(() -> AdminSocket.open(dir, () -> "x", "admin-test"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("chmod 700");
        assertThat(dir.resolve(AdminSocket.FILE_NAME)).doesNotExist();
    }
}
