package org.maftia.net.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GroupConfigLoaderTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    private static String yaml(int sites, String extra) {
        StringBuilder b = new StringBuilder("group: bank\n").append(extra).append("sites:\n");
        for (int i = 0; i < sites; i++) {
            b.append("  - id: ").append(i).append("\n    address: 127.0.0.1:710").append(i)
                    .append("\n    linkKey: ").append(KEY).append('\n');
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
                .isInstanceOf(ConfigException.class).hasMessageContaining("sites[1].address: 127.0.0.1:7100 is also used");
    }
}
