package org.maftia.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maftia.group.directory.Dealer;
import org.maftia.group.directory.GroupDirectory;
import org.maftia.group.loopback.LoopbackGroup;
import org.maftia.net.client.ClientEndpointSettings;
import org.maftia.net.client.ClientId;
import org.maftia.net.group.GroupConfig;
import org.maftia.net.link.LinkKeyPair;
import org.maftia.replication.service.KeyValueStore;

/**
 * A caller group of four members calling a replicated key-value store on four sites over TCP on
 * loopback through {@link GroupCaller}: calls the members make alike execute once and each member
 * gets the reply; a member calling alone gets none and changes nothing; a member asking for a
 * different operation under the group's number changes nothing; a member asking again for a
 * number executed long ago gets the reply from the callee's cache.
 */
class GroupCallerOverTcpTest {

    private static final int N = 4;
    private static final long SESSION = 9;

    @TempDir
    Path dir;

    private final List<ServedReplica> sites = new ArrayList<>();
    private final List<AutoCloseable> callers = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : callers) {
            c.close();
        }
        sites.forEach(ServedReplica::close);
    }

    private static byte[] op(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(CompletableFuture<byte[]> reply) throws Exception {
        return new String(reply.get(30, TimeUnit.SECONDS), StandardCharsets.UTF_8);
    }

    /** Every member in {@code who} makes call {@code number}; the replies, in member order. */
    private static List<String> call(List<GroupCaller> who, long number, String operation) throws Exception {
        List<CompletableFuture<byte[]>> replies = who.stream().map(m -> m.call(number, op(operation))).toList();
        List<String> texts = new ArrayList<>();
        for (CompletableFuture<byte[]> r : replies) {
            texts.add(text(r));
        }
        return texts;
    }

    @Test
    void callsOfTheCallerGroupExecuteOnceAndAMemberAloneOrDifferentChangesNothing() throws Exception {
        List<LinkKeyPair> keys = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            keys.add(LinkKeyPair.generate(new SecureRandom()));
        }
        CallerGroup tm = new CallerGroup("tm", 1, keys.stream().map(k -> new ClientId(k.publicKey())).toList());
        int base = LoopbackGroup.freeBasePort(100 + N);
        new Dealer(new SecureRandom()).deal(new Dealer.Plan("rm", N, 1, InetAddress.getLoopbackAddress(), base,
                "ed25519-quorum", "dh-coin-p256", "tdh2-p256"), new GroupDirectory(dir), false);
        for (int i = 0; i < N; i++) {
            sites.add(ServedReplica.start(dir, i, "rm", new KeyValueStore(),
                    ReplicaOptions.DEFAULT.withCheckpointEvery(50).withCallers(List.of(tm)), ClientEndpointSettings.defaults()));
        }
        for (ServedReplica s : sites) {
            assertThat(s.replica().awaitRunning(Duration.ofSeconds(30))).as("replica at %s runs", s.site()).isTrue();
        }
        GroupConfig group = new GroupDirectory(dir).group();
        ProxyOptions options = ProxyOptions.DEFAULT.withTimeout(Duration.ofMillis(500));
        List<GroupCaller> members = new ArrayList<>();
        for (LinkKeyPair k : keys) {
            GroupCaller m = GroupCaller.connect(group, k, SESSION, options);
            members.add(m);
            callers.add(m);
        }

        assertThat(call(members, 1, "add counter 1")).containsOnly("1");
        assertThat(call(members, 2, "add counter 1")).containsOnly("2");

        // Member 3 alone: one vote of the t+1 needed, so no reply.
        CompletableFuture<byte[]> alone = members.get(3).call(3, op("add evil 1"));
        assertThat(catchCause(alone)).isInstanceOf(ServiceUnavailableException.class);

        // Member 3 asks for something else under the number the others use: theirs executes, once.
        CompletableFuture<byte[]> other = members.get(3).call(4, op("put x evil"));
        assertThat(call(members.subList(0, 3), 4, "put x good")).containsOnly("");
        assertThat(text(other)).as("member 3 gets the reply to what executed").isEmpty();

        // Member 2 restarted asks again for call 1: the reply from the callee's cache, nothing executed.
        GroupCaller restarted = GroupCaller.connect(group, keys.get(2), SESSION, options);
        callers.add(restarted);
        assertThat(text(restarted.call(1, op("add counter 1")))).isEqualTo("1");

        ServiceProxy client = ServiceProxy.connect(group, LinkKeyPair.generate(new SecureRandom()), options);
        callers.add(client);
        assertThat(new String(client.invokeOrdered(op("get counter")), StandardCharsets.UTF_8)).isEqualTo("2");
        assertThat(new String(client.invokeOrdered(op("get x")), StandardCharsets.UTF_8)).isEqualTo("good");
        assertThat(new String(client.invokeOrdered(op("get evil")), StandardCharsets.UTF_8)).isEmpty();
    }

    private static Throwable catchCause(CompletableFuture<byte[]> f) throws Exception {
        try {
            f.get(30, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }
}
