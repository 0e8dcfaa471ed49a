package org.maftia.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.maftia.net.group.ConfigException;
import org.maftia.net.group.GroupConfig;
import org.maftia.net.link.LinkKeyPair;
import org.maftia.group.KeyPurpose;
import org.maftia.group.SiteKeys;
import org.maftia.group.directory.GroupDirectory;
import org.maftia.group.directory.ThresholdKeyFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class KeygenTest {

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int keygen(String... args) {
        CommandLine cli = MaftiaCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "keygen";
        System.arraycopy(args, 0, all, 1, args.length);
        return cli.execute(all);
    }

    @Test
    void theDealerWritesAPublicGroupFileAndPrivateSiteKeys() throws Exception {
        Path dir = tmp.resolve("bank");
        assertThat(keygen("--group", "bank", "--sites", "4", "--base-port", "7300", "--out", dir.toString())).isZero();

        GroupDirectory g = new GroupDirectory(dir);
        GroupConfig group = g.group();
        assertThat(group.n()).isEqualTo(4);
        assertThat(group.t()).isEqualTo(1);
        assertThat(group.address(2).port()).isEqualTo(7302);
        for (int i = 0; i < 4; i++) {
            LinkKeyPair keys = g.linkKeys(i);
            assertThat(keys.publicKey()).isEqualTo(group.site(i).linkPublicKey());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(g.siteDirectory(i)))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(g.siteDirectory(i).resolve("link.key"))))
                    .isEqualTo("rw-------");
        }
        for (KeyPurpose p : KeyPurpose.all()) {
            ThresholdKeyFile pub = g.publicKey(p);
            assertThat(pub.parameters()).isEqualTo(p.parameters(4, 1));
            for (int i = 0; i < 4; i++) {
                assertThat(g.privateKey(i, p).scheme()).isEqualTo(pub.scheme());
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(g.siteDirectory(i).resolve(p.fileName()))))
                        .isEqualTo("rw-------");
            }
        }
        assertThat(g.publicKey(KeyPurpose.ABBA_MAIN).scheme()).isEqualTo("ed25519-quorum");
        assertThat(g.publicKey(KeyPurpose.COIN).scheme()).isEqualTo("dh-coin-p256");
        assertThat(g.publicKey(KeyPurpose.SC_ABC).scheme()).isEqualTo("tdh2-p256");
        // The dealt keys work: a quorum of sites signs with its abba-main shares.
        var scheme = g.publicKey(KeyPurpose.ABBA_MAIN).scheme();
        var pub = org.maftia.crypto.ThresholdSignatures.decodePublicKey(scheme, g.publicKey(KeyPurpose.ABBA_MAIN).key());
        byte[] m = "vote".getBytes();
        var shares = new java.util.ArrayList<org.maftia.crypto.Share>();
        for (int i = 1; i < 4; i++) {
            shares.add(org.maftia.crypto.ThresholdSignatures.decodePrivateKey(scheme, g.privateKey(i, KeyPurpose.ABBA_MAIN).key(),
                    new java.security.SecureRandom()).sign(m));
        }
        assertThat(pub.verify(m, pub.combine(m, shares, false))).isTrue();
        assertThat(out.toString()).contains("Fingerprint of the public group: " + g.fingerprint(), "coin       dh-coin-p256");
        assertThat(g.fingerprint()).matches("([0-9a-f]{4}:){7}[0-9a-f]{4}");
    }

    @Test
    void anExistingGroupIsNotOverwrittenUnlessForced() {
        Path dir = tmp.resolve("g");
        assertThat(keygen("--group", "g", "--out", dir.toString())).isZero();
        String before = new GroupDirectory(dir).fingerprint();

        assertThat(keygen("--group", "g", "--out", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("exists; pass --force");
        assertThat(new GroupDirectory(dir).fingerprint()).isEqualTo(before);

        assertThat(keygen("--group", "g", "--out", dir.toString(), "--force")).isZero();
        assertThat(new GroupDirectory(dir).fingerprint()).isNotEqualTo(before);
    }

    @Test
    void aSchemeOfTheWrongKindIsRefused() {
        assertThat(keygen("--group", "g", "--signature-scheme", "tdh2-p256", "--out", tmp.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("'tdh2-p256' is not a signature scheme; choose one of [bls12-381, ed25519-quorum, shoup-rsa]");
    }

    @Test
    void aBlsGroupIsDealtOnRequest() throws Exception {
        Path dir = tmp.resolve("bls");
        assertThat(keygen("--group", "b", "--signature-scheme", "bls12-381", "--coin-scheme", "bls12-381-coin", "--out", dir.toString())).isZero();
        assertThat(new GroupDirectory(dir).publicKey(KeyPurpose.VCBC).scheme()).isEqualTo("bls12-381");
        assertThat(new GroupDirectory(dir).publicKey(KeyPurpose.COIN).scheme()).isEqualTo("bls12-381-coin");
    }

    @Test
    void impossibleGroupsAreRefusedWithTheFix() {
        assertThat(keygen("--group", "g", "--sites", "4", "--t", "2", "--out", tmp.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--t 2 with 4 sites breaks n > 3t; use at most 1");
    }

    @Test
    void aKeyReadableByOthersOrBelongingToAnotherSiteIsRefused() throws Exception {
        Path dir = tmp.resolve("g");
        keygen("--group", "g", "--out", dir.toString());
        GroupDirectory g = new GroupDirectory(dir);
        Path key0 = g.siteDirectory(0).resolve("link.key");

        Files.setPosixFilePermissions(key0, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> g.linkKeys(0)).isInstanceOf(ConfigException.class).hasMessageContaining("chmod 600");

        Files.setPosixFilePermissions(key0, PosixFilePermissions.fromString("rw-------"));
        Files.copy(g.siteDirectory(1).resolve("link.key"), key0, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> g.linkKeys(0)).isInstanceOf(ConfigException.class).hasMessageContaining("does not belong to site 0");
    }

    @Test
    void anotherSitesThresholdSharesAreRefused() throws Exception {
        Path dir = tmp.resolve("g");
        keygen("--group", "g", "--out", dir.toString());
        GroupDirectory g = new GroupDirectory(dir);
        for (KeyPurpose p : KeyPurpose.all()) {
            Path own = g.siteDirectory(1).resolve(p.fileName());
            byte[] kept = Files.readAllBytes(own);
            Files.copy(g.siteDirectory(0).resolve(p.fileName()), own, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertThatThrownBy(() -> SiteKeys.load(dir, 1)).as(p.fileName())
                    .hasMessageContaining("site 1's " + p.fileName())
                    .hasMessageContaining("share of holder 0");
            Files.write(own, kept);
        }
        assertThat(SiteKeys.load(dir, 1).site()).isEqualTo(1);
    }

    private void assertOneLineUsageError(int code, String... expected) {
        assertThat(code).as(err.toString()).isEqualTo(2);
        assertThat(err.toString().lines().count()).as(err.toString()).isEqualTo(1);
        assertThat(err.toString()).startsWith("maftia keygen: ").contains(expected).doesNotContain("Exception");
    }

    @Test
    void anIpv6HostAndNamesYamlWouldMisreadAreWrittenAsTheyAre() {
        assertThat(keygen("--group", "yes", "--host", "::1", "--out", tmp.resolve("v6").toString())).as(err.toString()).isZero();
        GroupConfig v6 = new GroupDirectory(tmp.resolve("v6")).group();
        assertThat(v6.groupId()).isEqualTo("yes");
        assertThat(v6.address(1).toString()).isEqualTo("[0:0:0:0:0:0:0:1]:7101");
        assertThat(keygen("--group", "007", "--out", tmp.resolve("octal").toString())).as(err.toString()).isZero();
        assertThat(new GroupDirectory(tmp.resolve("octal")).group().groupId()).isEqualTo("007");
    }

    @Test
    void aGroupNameThatIsNotANameIsRefusedBeforeAnythingIsWritten() {
        Path dir = tmp.resolve("g");
        assertOneLineUsageError(keygen("--group", "g: [x]", "--out", dir.toString()), "--group", "'g: [x]'", "letters, digits");
        assertThat(dir).doesNotExist();
        err.getBuffer().setLength(0);
        assertOneLineUsageError(keygen("--group", "", "--out", dir.toString()), "--group", "letters, digits");
        assertThat(dir).doesNotExist();
        err.getBuffer().setLength(0);
        assertOneLineUsageError(keygen("--group", "~", "--out", dir.toString()), "--group", "'~'");
        assertThat(dir).doesNotExist();
    }

    @Test
    void aHostNoSiteCanBeReachedAtIsRefusedBeforeAnythingIsWritten() {
        Path dir = tmp.resolve("g");
        assertOneLineUsageError(keygen("--group", "g", "--host", "0.0.0.0", "--out", dir.toString()), "--host", "0.0.0.0");
        assertThat(dir).doesNotExist();
        err.getBuffer().setLength(0);
        assertOneLineUsageError(keygen("--group", "g", "--host", "224.0.0.1", "--out", dir.toString()), "--host", "224.0.0.1");
        assertThat(dir).doesNotExist();
    }

    @Test
    void anOutThatIsAFileOrCannotBeWrittenIsOneLineAndLeavesNothing() throws Exception {
        Path file = Files.writeString(tmp.resolve("notes.txt"), "mine\n");
        assertOneLineUsageError(keygen("--group", "g", "--out", file.toString()), "--out", file.toString());
        assertThat(file).hasContent("mine");
        err.getBuffer().setLength(0);
        assertOneLineUsageError(keygen("--group", "g", "--out", file.resolve("sub").resolve("g").toString()), "--out",
                file + " is a file, not a directory");
        assertThat(file).hasContent("mine");
        err.getBuffer().setLength(0);
        Path stranger = Files.createDirectories(tmp.resolve("photos"));
        Files.writeString(stranger.resolve("cat.jpg"), "meow");
        assertOneLineUsageError(keygen("--group", "g", "--out", stranger.toString(), "--force"), "--out", "not a group directory");
        try (var listing = Files.list(tmp)) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("notes.txt", "photos");
        }
        try (var listing = Files.list(stranger)) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("cat.jpg");
        }
    }

    @Test
    void namedClientsGetOwnerOnlyKeysAndOnlyTheyAreListed() throws Exception {
        Path dir = tmp.resolve("g");
        assertThat(keygen("--group", "g", "--base-port", "7300", "--clients", "alice,bob", "--out", dir.toString()))
                .as(err.toString()).isZero();
        GroupDirectory g = new GroupDirectory(dir);
        GroupConfig group = g.group();
        assertThat(group.clients().admitsAny()).isFalse();
        assertThat(group.clients().listed()).containsOnlyKeys("alice", "bob");
        assertThat(group.site(2).clientEndpoint()).map(a -> a.port()).contains(7402);
        for (String name : new String[] {"alice", "bob"}) {
            Path client = g.clientDirectory(name);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(client))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(client.resolve("link.key")))).isEqualTo("rw-------");
            LinkKeyPair keys = GroupDirectory.readClientKeys(client);
            assertThat(group.clients().nameOf(keys.publicKey())).contains(name);
        }
        Files.setPosixFilePermissions(g.clientDirectory("bob").resolve("link.key"), PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> GroupDirectory.readClientKeys(g.clientDirectory("bob")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("chmod 600");
        assertThat(out.toString()).contains("client alice: key in");

        Path open = tmp.resolve("open");
        assertThat(keygen("--group", "g", "--client-base-port", "9000", "--out", open.toString())).isZero();
        assertThat(Files.readString(open.resolve("group.yaml"))).contains("clients: \"any\"");
        assertThat(new GroupDirectory(open).group().clients().admitsAny()).isTrue();
        assertThat(new GroupDirectory(open).group().site(3).clientEndpoint()).map(a -> a.port()).contains(9003);
    }

    @Test
    void badClientOptionsAreRefusedBeforeAnythingIsWritten() {
        Path dir = tmp.resolve("g");
        assertOneLineUsageError(keygen("--group", "g", "--clients", "alice,..", "--out", dir.toString()), "--clients '..'");
        assertThat(dir).doesNotExist();
        err.getBuffer().setLength(0);
        assertOneLineUsageError(keygen("--group", "g", "--clients", "alice,alice", "--out", dir.toString()), "'alice' is named twice");
        err.getBuffer().setLength(0);
        assertOneLineUsageError(keygen("--group", "g", "--base-port", "7100", "--client-base-port", "7102", "--out", dir.toString()),
                "--client-base-port 7102 overlaps");
        assertThat(dir).doesNotExist();
    }
}
