package org.maftia.net.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maftia.net.link.LinkKeyPair;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GroupConfigLoaderTest {

    /** Site i's link public key: a real X25519 point, different for every site. */
    static String key(int i) {
        byte[] secret = new byte[32];
        java.util.Arrays.fill(secret, (byte) (i + 1));
        return Base64.getEncoder().encodeToString(LinkKeyPair.fromPrivate(secret).publicKey());
    }

    private static String yaml(int sites, String extra) {
        StringBuilder b = new StringBuilder("group: bank\n").append(extra).append("sites:\n");
        for (int i = 0; i < sites; i++) {
            b.append("  - id: ").append(i).append("\n    address: 127.0.0.1:710").append(i)
                    .append("\n    linkKey: ").append(key(i)).append('\n');
        }
        return b.toString();
    }

    @Test
    void aValidGroupLoadsWithTDefaultingToTheMostItCanTolerate() {
        GroupConfig g = GroupConfigLoader.parse(yaml(4, ""), "group.yaml");
        assertThat(g.groupId()).isEqualTo("bank");
        assertThat(g.n()).isEqualTo(4);
        assertThat(g.t()).isEqualTo(1);
        assertThat(g.address(3).toString()).isEqualTo("127.0.0.1:7103");
        assertThat(GroupConfigLoader.parse(yaml(7, "t: 1\n"), "g").t()).isEqualTo(1);
    }

    static java.util.stream.Stream<Arguments> mistakes() {
        String site = "  - {id: 0, address: '127.0.0.1:1', linkKey: 'AAAA'}\n";
        return java.util.stream.Stream.of(
                Arguments.of("group: bank\nsites: []\n", "sites: missing or empty"),
                Arguments.of("group: bank\nt: 2\nsites:\n" + site, "t: 2 with 1 sites breaks n > 3t"),
                Arguments.of("group: bank\nsites:\n" + site.replace("id: 0", "id: 1"), "sites[0].id: 1; list the sites in order"),
                Arguments.of("group: bank\nsites:\n" + site.replace("'127.0.0.1:1'", "nowhere"), "sites[0].address: 'nowhere'"),
                Arguments.of("group: bank\nsites:\n" + site.replace("'AAAA'", "'!!'"), "sites[0].linkKey: not base64"),
                Arguments.of("group: bank\nsites:\n" + site, "sites[0].linkKey: 3 bytes; an X25519 public key has 32"),
                Arguments.of("group: bank\ncolour: red\nsites: []\n", "colour: unknown field"),
                Arguments.of("sites:\n  - {id: 0}\n", "group: missing or empty"),
                Arguments.of("group: [unclosed\n", "not valid YAML"),
                Arguments.of("group: bank\nn: 3\nsites:\n" + site, "n: 3 but 1 sites are listed"));
    }

    @ParameterizedTest
    @MethodSource("mistakes")
    void everyMistakeIsOneLineNamingTheFieldAndTheFix(String text, String expected) {
        assertThatThrownBy(() -> GroupConfigLoader.parse(text, "group.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("group.yaml: ")
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void twoSitesOnOneAddressAreRefused() {
        String dup = yaml(4, "").replace("127.0.0.1:7101", "127.0.0.1:7100");
        assertThatThrownBy(() -> GroupConfigLoader.parse(dup, "g"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sites[1].address: 127.0.0.1:7100 is also sites[0].address");
    }

    static java.util.stream.Stream<Arguments> hostileFiles() {
        String zero = Base64.getEncoder().encodeToString(new byte[32]);
        byte[] one = new byte[32];
        one[0] = 1;
        // A point of order 8 on Curve25519: every shared secret with it is all-zero.
        byte[] order8 = java.util.HexFormat.of().parseHex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800");
        return java.util.stream.Stream.of(
                Arguments.of(yaml(4, "t: 1\nt: 0\n"), "t: "),
                Arguments.of(yaml(4, "").replace("group: bank", "group: bank\ngroup: other"), "group: "),
                Arguments.of(yaml(4, "").replace("group: bank", "group: ~"), "group: "),
                Arguments.of(yaml(4, "").replace("group: bank", "group: 007"), "group: "),
                Arguments.of(yaml(4, "").replace("group: bank", "group: yes"), "group: "),
                Arguments.of(yaml(4, "t: \"1\"\n"), "t: "),
                Arguments.of(yaml(4, "t: yes\n"), "t: "),
                Arguments.of(yaml(4, "").replace("127.0.0.1:7102", "~"), "sites[2].address: "),
                Arguments.of(yaml(4, "").replace(key(1), zero), "sites[1].linkKey: "),
                Arguments.of(yaml(4, "").replace(key(1), Base64.getEncoder().encodeToString(one)), "sites[1].linkKey: "),
                Arguments.of(yaml(4, "").replace(key(1), Base64.getEncoder().encodeToString(order8)), "sites[1].linkKey: "),
                Arguments.of(yaml(4, "").replace(key(2), key(0)), "sites[2].linkKey: "),
                Arguments.of(yaml(4, "").replace("127.0.0.1:7101", "127.0.0.1:0"), "sites[1].address: "),
                Arguments.of(yaml(4, "").replace("127.0.0.1:7101", "0.0.0.0:7101"), "sites[1].address: "),
                Arguments.of(yaml(4, "").replace("127.0.0.1:7101", "'[::]:7101'"), "sites[1].address: "),
                Arguments.of(yaml(4, "").replace("127.0.0.1:7101", "224.0.0.1:7101"), "sites[1].address: "),
                Arguments.of(yaml(4, "").replace("127.0.0.1:7101", "'[ff02::1]:7101'"), "sites[1].address: "),
                Arguments.of(yaml(4, "").replace("127.0.0.1:7101", "255.255.255.255:7101"), "sites[1].address: "));
    }

    @ParameterizedTest
    @MethodSource("hostileFiles")
    void aHostileFileIsRefusedInOneLineNamingTheField(String text, String field) {
        assertThatThrownBy(() -> GroupConfigLoader.parse(text, "group.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("group.yaml: " + field)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aQuotedNumberIsAGroupName() {
        assertThat(GroupConfigLoader.parse(yaml(4, "").replace("group: bank", "group: '007'"), "g").groupId()).isEqualTo("007");
        assertThat(GroupConfigLoader.parse(yaml(4, "").replace("group: bank", "group: 'yes'"), "g").groupId()).isEqualTo("yes");
    }

    @Test
    void aHugeFileIsRefusedBeforeItIsParsed(@TempDir Path tmp) throws Exception {
        String huge = "group: " + "x".repeat(10 << 20) + "\n";
        Path file = Files.writeString(tmp.resolve("group.yaml"), huge);
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(1), () -> {
            assertThatThrownBy(() -> GroupConfigLoader.load(file)).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("1 MiB");
            assertThatThrownBy(() -> GroupConfigLoader.parse(huge, "g")).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("1 MiB");
        });
    }

    @Test
    void clientsAreNoneUnlessListedOrAny() {
        GroupConfig none = GroupConfigLoader.parse(yaml(4, ""), "g");
        assertThat(none.clients().admitsAny()).isFalse();
        assertThat(none.clients().listed()).isEmpty();
        assertThat(none.site(0).clientEndpoint()).isEmpty();
        assertThat(none.site(0).clientAddress()).isNull();

        assertThat(GroupConfigLoader.parse(yaml(4, "clients: any\n"), "g").clients().admitsAny()).isTrue();

        String listed = yaml(4, "clients:\n  - {name: alice, key: '" + key(10) + "'}\n  - {name: bob, key: '" + key(11) + "'}\n")
                .replace("address: 127.0.0.1:7102", "address: 127.0.0.1:7102\n    clientAddress: 127.0.0.1:7202");
        GroupConfig g = GroupConfigLoader.parse(listed, "g");
        assertThat(g.clients().admitsAny()).isFalse();
        assertThat(g.clients().listed()).containsOnlyKeys("alice", "bob");
        assertThat(g.clients().nameOf(Base64.getDecoder().decode(key(11)))).contains("bob");
        assertThat(g.clients().nameOf(Base64.getDecoder().decode(key(1)))).isEmpty();
        assertThat(g.site(2).clientEndpoint()).map(Object::toString).contains("127.0.0.1:7202");
        assertThat(g.site(1).clientEndpoint()).isEmpty();
    }

    static java.util.stream.Stream<Arguments> badClients() {
        String alice = "  - {name: alice, key: '" + key(10) + "'}\n";
        return java.util.stream.Stream.of(
                Arguments.of(yaml(4, "clients: all\n"), "clients: "),
                Arguments.of(yaml(4, "clients:\n" + alice + alice), "clients[1].name: 'alice' is listed twice"),
                Arguments.of(yaml(4, "clients:\n" + alice + alice.replace("alice", "bob")), "clients[1].key: the same key"),
                Arguments.of(yaml(4, "clients:\n" + alice.replace(key(10), key(2))), "clients[0].key: the same key"),
                Arguments.of(yaml(4, "clients:\n" + alice.replace("alice", "'..'")), "clients[0].name: '..'"),
                Arguments.of(yaml(4, "clients:\n" + alice.replace("}", ", colour: red}")), "clients[0].colour: unknown field"),
                Arguments.of(yaml(4, "clients:\n" + alice.replace(key(10), Base64.getEncoder().encodeToString(new byte[32]))),
                        "clients[0].key: a point of small order"),
                Arguments.of(yaml(4, "").replace("address: 127.0.0.1:7102", "address: 127.0.0.1:7102\n    clientAddress: 127.0.0.1:7101"),
                        "sites[2].clientAddress: 127.0.0.1:7101 is also sites[1].address"),
                Arguments.of(yaml(4, "").replace("address: 127.0.0.1:7102", "address: 127.0.0.1:7102\n    clientAddress: 0.0.0.0:1"),
                        "sites[2].clientAddress: '0.0.0.0:1': the wildcard"));
    }

    @ParameterizedTest
    @MethodSource("badClients")
    void badClientsAreRefusedInOneLine(String text, String expected) {
        assertThatThrownBy(() -> GroupConfigLoader.parse(text, "group.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("group.yaml: ")
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void whatTheWriterWritesReadsBackAsTheSameGroup() throws Exception {
        for (String name : new String[] {"bank", "yes", "007", "~", "g: [x]", "null"}) {
            java.util.List<SiteConfig> sites = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                sites.add(new SiteConfig(i, org.maftia.net.InetWithPort.parse("[::1]:" + (7100 + i)), Base64.getDecoder().decode(key(i)),
                        java.util.Map.of("ed25519-quorum", new byte[] {1, 2, 3}), org.maftia.net.InetWithPort.parse("[::1]:" + (7200 + i))));
            }
            for (ClientAccess clients : new ClientAccess[] {ClientAccess.any(), ClientAccess.listed(java.util.Map.of()),
                    ClientAccess.listed(java.util.Map.of("alice", Base64.getDecoder().decode(key(9))))}) {
                GroupConfig g = new GroupConfig(name, 4, 1, sites, clients);
                String text = GroupConfigWriter.yaml(g, "written by a test");
                GroupConfig back = GroupConfigLoader.parse(text, "g");
                assertThat(back.groupId()).as(text).isEqualTo(name);
                assertThat(back.clients()).as(text).isEqualTo(clients);
                assertThat(back.address(3)).isEqualTo(g.address(3));
                assertThat(back.site(3).clientAddress()).isEqualTo(g.site(3).clientAddress());
                assertThat(back.site(3).linkPublicKey()).isEqualTo(g.site(3).linkPublicKey());
                assertThat(back.site(3).publicKeys().get("ed25519-quorum")).containsExactly(1, 2, 3);
            }
        }
    }
}
