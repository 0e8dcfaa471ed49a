package org.maftia.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** maftia site, client and status as a careless user runs them: every mistake is one line and exit 2. */
class SiteCommandTest {

    @TempDir
    Path dir;

    private final CommandRun cli = new CommandRun();
    private final StringWriter out = cli.out;
    private final StringWriter err = cli.err;

    private int run(String... args) {
        return cli.run(args);
    }

    private void assertOneLine(String expectedStart) {
        assertThat(err.toString().lines().count()).as(err.toString()).isEqualTo(1);
        assertThat(err.toString()).startsWith(expectedStart).doesNotContain("Exception:").doesNotContain("\tat ");
    }

    /** A group of 4 on ports no test binds: these tests never start a site that gets that far. */
    private Path group() {
        Path g = dir.resolve("g");
        assertThat(run("keygen", "--group", "bank", "--sites", "4", "--out", g.toString(), "--base-port", "1",
                "--client-base-port", "11", "--clients", "alice")).as(err.toString()).isZero();
        out.getBuffer().setLength(0);
        return g;
    }

    @Test
    void aServiceClassNotOnTheClassPathIsOneLine() {
        assertThat(run("site", "--group-dir", dir.toString(), "--site", "0", "--service", "com.example.Nope")).isEqualTo(2);
        assertOneLine("maftia site: --service com.example.Nope: no such class on the class path");
    }

    @Test
    void aClassThatIsNotAServiceIsOneLine() {
        assertThat(run("site", "--group-dir", dir.toString(), "--site", "0", "--service", "java.lang.String")).isEqualTo(2);
        assertOneLine("maftia site: --service java.lang.String: does not implement org.maftia.replication.ReplicatedService");
    }

    @Test
    void aServiceWithoutANoArgumentConstructorIsOneLine() {
        String name = "org.maftia.node.site.NoDefaultConstructorService";
        assertThat(run("site", "--group-dir", dir.toString(), "--site", "0", "--service", name)).isEqualTo(2);
        assertOneLine("maftia site: --service " + name + ": needs a public no-argument constructor");
    }

    @Test
    void aSiteNotInTheGroupIsOneLine() {
        Path g = group();
        assertThat(run("site", "--group-dir", g.toString(), "--site", "4")).isEqualTo(2);
        assertOneLine("maftia site: --site 4: group 'bank' of " + g.resolve("group.yaml") + " has sites 0..3");
    }

    @Test
    void aMissingGroupDirectoryIsOneLine() {
        assertThat(run("site", "--group-dir", dir.resolve("none").toString(), "--site", "0")).isEqualTo(2);
        assertOneLine("maftia site: " + dir.resolve("none").resolve("group.yaml"));
    }

    @Test
    void aSiteWithoutAClientAddressIsOneLine() throws Exception {
        Path g = group();
        Path file = g.resolve("group.yaml");
        Files.writeString(file, Files.readString(file).lines().filter(l -> !l.contains("clientAddress"))
                .reduce("", (a, l) -> a + l + "\n"));
        assertThat(run("site", "--group-dir", g.toString(), "--site", "2")).as(err.toString()).isEqualTo(2);
        assertOneLine("maftia site: " + file + ": sites[2].clientAddress: missing");
    }

    @Test
    void aClientWithABadTimeoutIsOneLine() {
        assertThat(run("client", "--group-dir", dir.toString(), "--client", "alice", "--timeout", "2", "get x")).isEqualTo(2);
        assertOneLine("maftia client: --timeout '2': give a positive time with its unit, e.g. 500ms, 2s or 1m");
    }

    @Test
    void aClientGivenTwoIdentitiesIsOneLine() {
        assertThat(run("client", "--group-dir", dir.toString(), "--client", "alice", "--key-dir", dir.toString(), "get x"))
                .isEqualTo(2);
        assertOneLine("maftia client: Error: --client=NAME, --key-dir=KEYDIR are mutually exclusive");
    }

    @Test
    void aClientTheDealerDidNotNameIsOneLine() {
        Path g = group();
        assertThat(run("client", "--group-dir", g.toString(), "--client", "mallory", "get x")).isEqualTo(2);
        assertOneLine("maftia client: " + g.resolve("clients").resolve("mallory").resolve("link.key"));
    }

    @Test
    void theStatusOfASiteNotRunningIsOneLineWithExit1() {
        Path g = group();
        assertThat(run("status", "--group-dir", g.toString(), "--site", "1")).isEqualTo(1);
        assertOneLine("maftia status: site 1 of group bank is not running (no answer on " + g.resolve("site-1").resolve("admin.sock") + ")");
    }

    @Test
    void theStatusOfASiteNotInTheGroupIsOneLine() {
        Path g = group();
        assertThat(run("status", "--group-dir", g.toString(), "--site", "-1")).isEqualTo(2);
        assertOneLine("maftia status: --site -1: group 'bank' has sites 0..3");
    }
}
