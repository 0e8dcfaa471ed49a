package org.maftia.ttcb.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the daemon finds on the host when it starts: files it must not destroy, keys or a
 * configuration others can read or own, places it cannot write, a control port or socket already
 * taken; and the socket it leaves for the entities of the host. Each is one line naming
 * the field and the fix, and nothing is deleted or overwritten on the way.
 */
class DaemonStartupTest {

    private static final String SECRET = "c2VjcmV0IHNlY3JldCBzZWNyZXQgc2VjcmV0";

    @TempDir
    Path dir;

    private TtcbConfig config(int port, String from, String to) throws Exception {
        Path file = dir.resolve("ttcb.yaml");
        DaemonClusterTest.writeConfig(file, DaemonClusterTest.config(0, List.of(port), dir, SECRET).replace(from, to));
        return TtcbConfigLoader.load(file);
    }

    private static void refused(TtcbConfig c, String expected) {
        assertThatThrownBy(() -> new TtcbDaemon(c).close())
                .isInstanceOf(TtcbConfigException.class)
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aRegularFileAtTheSocketPathIsLeftAlone() throws Exception {
        Path victim = dir.resolve("ttcb0.sock");
        Files.writeString(victim, "precious");
        refused(config(DaemonClusterTest.freePorts(1).getFirst(), "", ""), "socket: " + victim + " exists and is not a socket");
        assertThat(victim).hasContent("precious");
    }

    @Test
    void aStaleSocketIsReplaced() throws Exception {
        Path sock = dir.resolve("ttcb0.sock");
        try (ServerSocketChannel old = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            old.bind(UnixDomainSocketAddress.of(sock));
        }
        assertThat(sock).exists();
        try (TtcbDaemon d = new TtcbDaemon(config(DaemonClusterTest.freePorts(1).getFirst(), "", ""))) {
            d.start();
        }
    }

    @Test
    void aSocketInUseByAnotherDaemonIsNotTakenOver() throws Exception {
        List<Integer> ports = DaemonClusterTest.freePorts(2);
        try (TtcbDaemon first = new TtcbDaemon(config(ports.get(0), "", ""))) {
            first.start();
            refused(config(ports.get(1), "127.0.0.1:" + ports.get(0), "127.0.0.1:" + ports.get(1)),
                    "socket: " + dir.resolve("ttcb0.sock") + " is in use by a running process");
            assertThat(dir.resolve("ttcb0.sock")).exists();
        }
    }

    @Test
    void aKeyFileReadableByOthersIsRefused() throws Exception {
        int port = DaemonClusterTest.freePorts(1).getFirst();
        try (TtcbDaemon d = new TtcbDaemon(config(port, "", ""))) {
            assertThat(d.isHalted()).isFalse();
        }
        Path key = dir.resolve("ttcb0.key");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        refused(config(port, "", ""), "keyFile: " + key + " is readable by others (rw-r--r--); run chmod 600 " + key);
    }

    @Test
    void aSocketInAMissingDirectoryIsOneLine() throws Exception {
        Path sock = dir.resolve("missing").resolve("ttcb0.sock");
        refused(config(DaemonClusterTest.freePorts(1).getFirst(), dir.resolve("ttcb0.sock").toString(), sock.toString()),
                "socket: cannot listen on " + sock);
    }

    @Test
    void anUnwritableKeyFileIsOneLine() throws Exception {
        // A regular file where the key's directory should be: no write permission can help, even as root.
        Files.writeString(dir.resolve("notadir"), "");
        Path key = dir.resolve("notadir").resolve("ttcb0.key");
        refused(config(DaemonClusterTest.freePorts(1).getFirst(), dir.resolve("ttcb0.key").toString(), key.toString()),
                "keyFile: cannot write " + key);
    }
    private static UserPrincipal nobody() throws Exception {
        return FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    }

    private static String me() {
        return System.getProperty("user.name");
    }

    /** Whoever can swap the link's target chooses the keys this TTCB signs with. */
    @Test
    void aKeyFileThatIsASymbolicLinkIsRefused() throws Exception {
        int port = DaemonClusterTest.freePorts(1).getFirst();
        try (TtcbDaemon d = new TtcbDaemon(config(port, "", ""))) {
            assertThat(d.isHalted()).isFalse();
        }
        Path key = dir.resolve("ttcb0.key");
        Path real = dir.resolve("real.key");
        Files.move(key, real);
        Files.createSymbolicLink(key, real);
        refused(config(port, "", ""), "keyFile: " + key + " is a symbolic link; give the path of the file itself");
    }

    /** Its owner can rewrite it (or chmod it) whatever its mode says. */
    @Test
    void aKeyFileOwnedByAnotherUserIsRefused() throws Exception {
        int port = DaemonClusterTest.freePorts(1).getFirst();
        try (TtcbDaemon d = new TtcbDaemon(config(port, "", ""))) {
            assertThat(d.isHalted()).isFalse();
        }
        Path key = dir.resolve("ttcb0.key");
        Files.setOwner(key, nobody());
        refused(config(port, "", ""), "keyFile: " + key + " is owned by nobody, not by " + me() + "; run chown " + me() + " " + key);
    }

    /** The configuration holds the control network's secret: whoever reads it can forge control frames (AN7, AN8). */
    @Test
    void aConfigurationReadableByOthersIsRefused() throws Exception {
        Path file = dir.resolve("ttcb.yaml");
        DaemonClusterTest.writeConfig(file, DaemonClusterTest.config(0, List.of(DaemonClusterTest.freePorts(1).getFirst()), dir, SECRET));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        assertThatThrownBy(() -> TtcbConfigLoader.load(file)).isInstanceOf(TtcbConfigException.class)
                .hasMessage(file + " is readable by others (rw-r-----); it holds the controlSecret: run chmod 600 " + file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Files.setOwner(file, nobody());
        assertThatThrownBy(() -> TtcbConfigLoader.load(file)).isInstanceOf(TtcbConfigException.class)
                .hasMessage(file + " is owned by nobody, not by " + me() + "; run chown " + me() + " " + file);
    }

    /**
     * Entities of the host connect to the socket: owner and group may, others may not (a socket
     * needs write permission to connect). The mode is the socket's from its first moment: it is
     * bound in a private directory and moved into place, which leaves nothing behind.
     */
    @Test
    void theSocketIsForItsOwnerAndGroupOnly() throws Exception {
        Path sock = dir.resolve("ttcb0.sock");
        try (TtcbDaemon d = new TtcbDaemon(config(DaemonClusterTest.freePorts(1).getFirst(), "", ""))) {
            d.start();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sock, LinkOption.NOFOLLOW_LINKS))).isEqualTo("rw-rw----");
            GroupPrincipal group = Files.readAttributes(sock, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS).group();
            GroupPrincipal expected;
            try {
                expected = FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByGroupName("maftia");
            } catch (UserPrincipalNotFoundException e) {
                expected = Files.readAttributes(dir, PosixFileAttributes.class).group();
            }
            assertThat(group).isEqualTo(expected);
            try (var files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                        .containsExactly("ttcb.yaml", "ttcb0.key", "ttcb0.pub", "ttcb0.sock");
            }
        }
    }
}
