package org.maftia.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.maftia.group.sim.SimGroup;
import org.maftia.net.client.ClientId;
import org.maftia.net.link.LinkKeyPair;
import org.maftia.replication.service.KeyValueStore;
import org.maftia.replication.voting.VotingMulticast;
import org.maftia.replication.wire.ClientReply;
import org.maftia.replication.wire.ClientRequest;
import org.maftia.testkit.sim.Seeds;

/**
 * A replicated group calling a replicated service (spec 5.3.3, Protocols 12-13 with
 * {@code group(source)}; what a transaction manager group does to resource manager groups, 5.3.4),
 * in the deterministic simulation. The callee: n = 4, one corrupted replica (wrong replies, drops
 * what it is sent, replays members' earlier requests) and one honest replica down at first that
 * comes back empty and takes a state by transfer. The caller group: four members, each a client
 * key calling through Voting Multicast with the same session, numbers and operations, one of them
 * Byzantine: under every number it asks for a different operation, and for yet another through
 * another replica, asks alone for numbers no honest member uses, and replays all of that.
 *
 * <p>Each of the group's requests must execute exactly once at every honest callee replica, every
 * honest member getting the right reply; nothing the Byzantine member asked for may execute; the
 * honest replicas end in the same state; and a vote cast before the checkpoint a recovering
 * replica takes must count there as at the others.
 */
class CallerGroupSimulationTest {

    private static final String SERVICE = "rm";
    private static final int N = 4;
    private static final int CALLS = 6;
    private static final int OTHER_CALLS = 8;
    private static final long SESSION = 77;
    private static final long LINK_DELAY = 1_000_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final int BYZANTINE = 3;

    /** A member of the caller group, or a client on its own: Voting Multicast over simulated links. */
    private final class SimCaller {
        final ClientId id = new ClientId(LinkKeyPair.generate(new SecureRandom()).publicKey());
        final VotingMulticast voting;
        final List<String> results = new ArrayList<>();
        final List<byte[]> sentFrames = new ArrayList<>();

        SimCaller(long session) {
            this.voting = new VotingMulticast(N, 1, session, (site, frame) -> send(site, frame));
        }

        void send(int site, byte[] frame) {
            sentFrames.add(frame);
            g.sim.schedule(LINK_DELAY, () -> toReplica(site, id, frame));
        }

        /** {@code op} {@code count} times, one call after another. */
        void call(String op, int count) {
            call(op, count, TIMEOUT);
        }

        /** With a timeout per member of {@code timeout}: a member whose partners ask much later waits for them. */
        void call(String op, int count, Duration timeout) {
            if (count == 0) {
                return;
            }
            VotingMulticast.Invocation call = voting.invoke(op.getBytes(StandardCharsets.UTF_8));
            armTimeout(call.number(), timeout);
            call.result().whenComplete((r, e) -> {
                results.add(e != null ? "failed: " + e.getMessage() : new String(r, StandardCharsets.UTF_8));
                g.sim.schedule(LINK_DELAY, () -> call(op, count - 1, timeout));
            });
        }

        void armTimeout(long number, Duration timeout) {
            g.sim.schedule(timeout.toNanos(), () -> {
                if (voting.timeout(number)) {
                    armTimeout(number, timeout);
                }
            });
        }
    }

    private SimGroup g;
    private final Map<Integer, ServiceReplica> replicas = new HashMap<>();
    private final Map<ClientId, SimCaller> callers = new HashMap<>();
    private List<SimCaller> members;
    private ReplicaOptions options;
    private int corrupted;
    private int downSite;
    private boolean down;

    private void toReplica(int site, ClientId client, byte[] frame) {
        ServiceReplica replica = replicas.get(site);
        if (replica == null || site == downSite && down) {
            return;
        }
        if (site == corrupted) {
            // Drops every request sent to it; broadcasts the caller's earlier requests again instead.
            List<byte[]> sent = callers.get(client).sentFrames;
            for (byte[] old : sent.subList(0, Math.min(3, sent.size()))) {
                replica.received(client, old);
            }
            return;
        }
        replica.received(client, frame);
    }

    private void startReplica(int site) {
        ReplicatedService service = site == corrupted ? new LyingStore(false) : new KeyValueStore();
        ReplySink replies = (client, frame) -> g.sim.schedule(LINK_DELAY, () -> {
            SimCaller c = callers.get(client);
            if (c != null && !(site == downSite && down)) {
                c.voting.replied(site, ClientReply.decode(frame));
            }
        });
        Ticks ticks = (period, task) -> repeat(period.toNanos(), task);
        replicas.put(site, new ServiceReplica(g.site(site), SERVICE, service, options, replies, ticks));
    }


    private void repeat(long periodNanos, Runnable task) {
        g.sim.schedule(periodNanos, () -> {
            task.run();
            repeat(periodNanos, task);
        });
    }

    /**
     * The Byzantine member under {@code number}: an operation of its own to one honest replica
     * and a different one to the others, so that both are ordered, each twice.
     */
    private void byzantineAsks(long number) {
        SimCaller byzantine = members.get(BYZANTINE);
        int apart = g.honest().stream().filter(site -> site != downSite).findFirst().orElseThrow();
        for (int replay = 0; replay < 2; replay++) {
            for (int site = 0; site < N; site++) {
                String op = site == apart ? "put evil " + number : "add evil 1000";
                byzantine.send(site, new ClientRequest(false, SESSION, number, op.getBytes(StandardCharsets.UTF_8)).encode());
            }
        }
    }

    private boolean running(List<Integer> sites) {
        for (int k = 0; k < 600; k++) {
            List<CompletableFuture<ServiceReplica.Status>> status = sites.stream().map(s -> replicas.get(s).status()).toList();
            g.sim.runFor(100_000_000);
            if (status.stream().allMatch(f -> f.isDone() && f.join().running())) {
                return true;
            }
        }
        return false;
    }

    @Test
    void eachRequestOfTheCallerGroupExecutesOnceAndNothingAByzantineMemberAskedAloneOrDifferently() {
        Seeds.forEachCostly(4, seed -> {
            replicas.clear();
            callers.clear();
            corrupted = (int) Math.floorMod(seed, N);
            downSite = (corrupted + 1) % N;
            g = new SimGroup(seed, N, corrupted);
            members = new ArrayList<>();
            for (int k = 0; k < 4; k++) {
                SimCaller m = new SimCaller(SESSION);
                members.add(m);
                callers.put(m.id, m);
            }
            SimCaller other = new SimCaller(5);
            callers.put(other.id, other);
            CallerGroup tm = new CallerGroup("tm", 1, members.stream().map(m -> m.id).toList());
            options = ReplicaOptions.DEFAULT.withCheckpointEvery(4).withChunkBytes(1024).withCallers(List.of(tm));
            down = true;
            g.net.down(downSite);
            for (int site = 0; site < N; site++) {
                if (site != downSite) {
                    startReplica(site);
                }
            }
            assertThat(running(List.copyOf(replicas.keySet()))).as("the replicas begin, seed %d", seed).isTrue();

            // The honest members call; the Byzantine one asks differently under every number, and alone beyond them.
            for (int k = 0; k < 3; k++) {
                members.get(k).call("add counter 1", CALLS);
            }
            for (long number = 1; number <= CALLS + 3; number++) {
                byzantineAsks(number);
            }
            boolean answered = g.runUntil(() -> members.subList(0, 3).stream().allMatch(m -> m.results.size() == CALLS));
            assertThat(answered).as("the group's calls answered, seed %d", seed).isTrue();

            // Member 0 alone asks for number CALLS+1: a vote that waits while a checkpoint is taken.
            // It sends to every replica at once: the one Voting Multicast picks first may be the one down.
            SimCaller alone = members.get(0);
            alone.call("add counter 1", 1, Duration.ofSeconds(30));
            byte[] frame = alone.sentFrames.get(alone.sentFrames.size() - 1);
            for (int site = 0; site < N; site++) {
                alone.send(site, frame);
            }
            g.sim.runFor(3_000_000_000L);
            other.call("add other 1", OTHER_CALLS);
            assertThat(g.runUntil(() -> other.results.size() == OTHER_CALLS)).as("the other client answered, seed %d", seed)
                    .isTrue();

            // The replica that was down comes back empty and takes the checkpoint with member 0's vote in it.
            down = false;
            g.net.up(downSite);
            startReplica(downSite);
            assertThat(running(List.of(downSite))).as("the recovered replica runs, seed %d", seed).isTrue();
            g.sim.runFor(2_000_000_000L);
            // Member 1 asks for that number too (member 2 never does): t+1 = 2 alike, with the vote from before.
            members.get(1).call("add counter 1", 1);
            boolean agreed = g.runUntil(() -> members.get(0).results.size() == CALLS + 1 && members.get(1).results.size() == CALLS + 1);
            assertThat(agreed).as("the number asked by members 0 and 1 answered, seed %d", seed).isTrue();
            g.sim.runFor(5_000_000_000L);

            List<String> expected = new ArrayList<>();
            for (int k = 1; k <= CALLS + 1; k++) {
                expected.add(Integer.toString(k));
            }
            for (int k = 0; k < 3; k++) {
                assertThat(members.get(k).results).as("what member %d got, seed %d", k, seed)
                        .isEqualTo(k == 2 ? expected.subList(0, CALLS) : expected);
            }
            Map<Integer, CompletableFuture<byte[]>> states = new HashMap<>();
            Map<Integer, CompletableFuture<ServiceReplica.Status>> status = new HashMap<>();
            for (int site : g.honest()) {
                states.put(site, replicas.get(site).serviceSnapshot());
                status.put(site, replicas.get(site).status());
            }
            g.sim.runFor(10_000_000);
            byte[] first = states.get(g.honest().get(0)).join();
            for (int site : g.honest()) {
                assertThat(states.get(site).join()).as("replica %d in the same state, seed %d", site, seed).isEqualTo(first);
                assertThat(status.get(site).join().executed()).as("requests executed at replica %d, seed %d", site, seed)
                        .isEqualTo(CALLS + 1 + OTHER_CALLS);
            }
            KeyValueStore state = new KeyValueStore();
            state.restore(first);
            assertThat(get(state, "counter")).as("each of the group's requests once, seed %d", seed).isEqualTo(Integer.toString(CALLS + 1));
            assertThat(get(state, "evil")).as("nothing the Byzantine member asked for, seed %d", seed).isEmpty();
            assertThat(get(state, "other")).isEqualTo(Integer.toString(OTHER_CALLS));
            assertThat(status.get(downSite).join().counters().statesTransferred()).as("it took a state, seed %d", seed).isPositive();
            for (int site : g.honest()) {
                if (site != downSite) {
                    assertThat(status.get(site).join().counters().votesRefused())
                            .as("the Byzantine member's second operations refused at %d, seed %d", site, seed).isPositive();
                }
            }
        });
    }

    private static String get(KeyValueStore store, String key) {
        return new String(store.execute(("get " + key).getBytes(StandardCharsets.UTF_8), null), StandardCharsets.UTF_8);
    }
}
