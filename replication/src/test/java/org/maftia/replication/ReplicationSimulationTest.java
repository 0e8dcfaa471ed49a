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
import org.maftia.testkit.sim.Seeds;

/**
 * Service replication (spec 5.3.3, 5.3.6) in the deterministic simulation, n = 4 with t = 1
 * corrupted replica: clients call a replicated key-value store through Voting Multicast, each
 * adding to a counter of its own and reading it back, and every reply they get must be the
 * correct one; at the end every honest replica holds the same state. The corrupted replica runs
 * the protocol but lies: it replies wrong values, drops the requests clients send it, broadcasts
 * replays of earlier requests, and offers a wrong state to a recovering replica. One honest
 * replica is down while the others work (its process crashed) and comes back with nothing: it
 * takes the state t+1 replicas vouch for, and ends in the same state as the others.
 */
class ReplicationSimulationTest {

    private static final String SERVICE = "kv";
    private static final int N = 4;
    private static final int CLIENTS = 3;
    private int calls = 12;
    private static final ReplicaOptions OPTIONS = ReplicaOptions.DEFAULT.withCheckpointEvery(4).withChunkBytes(1024);
    private static final long LINK_DELAY = 1_000_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    /** A client in the simulation: Voting Multicast over simulated links to every replica. */
    private final class SimClient {
        final ClientId id;
        final VotingMulticast voting;
        final String key;
        final List<String> results = new ArrayList<>();
        final List<byte[]> sentFrames = new ArrayList<>();
        int next;

        SimClient(int index) {
            this.id = new ClientId(LinkKeyPair.generate(new SecureRandom()).publicKey());
            this.key = "counter-" + index;
            this.voting = new VotingMulticast(N, 1, 1000 + index, (site, frame) -> {
                sentFrames.add(frame);
                g.sim.schedule(LINK_DELAY, () -> toReplica(site, id, frame));
            });
        }

        /** Adds 1 to its counter, one call at a time, and reads it back at the end. */
        void callNext() {
            boolean adding = next < calls;
            String op = adding ? "add " + key + " 1" : "get " + key;
            next++;
            VotingMulticast.Invocation call = voting.invoke(op.getBytes(StandardCharsets.UTF_8));
            armTimeout(call.number());
            call.result().whenComplete((r, e) -> {
                results.add(e != null ? "failed: " + e.getMessage() : new String(r, StandardCharsets.UTF_8));
                if (next <= calls) {
                    g.sim.schedule(LINK_DELAY, this::callNext);
                }
            });
        }

        void armTimeout(long number) {
            g.sim.schedule(TIMEOUT.toNanos(), () -> {
                if (voting.timeout(number)) {
                    armTimeout(number);
                }
            });
        }

        void received(int site, byte[] frame) {
            voting.replied(site, ClientReply.decode(frame));
        }

        boolean done() {
            return results.size() == calls + 1;
        }
    }


    private SimGroup g;
    private final Map<Integer, ServiceReplica> replicas = new HashMap<>();
    private final Map<ClientId, SimClient> clients = new HashMap<>();
    private int corrupted;
    private int downSite;

    private void toReplica(int site, ClientId client, byte[] frame) {
        ServiceReplica replica = replicas.get(site);
        if (replica == null || site == downSite && down) {
            return; // a process that is not running loses what is sent to it
        }
        if (site == corrupted) {
            // Drops every request sent to it; replays the client's earlier requests instead.
            SimClient c = clients.get(client);
            for (byte[] old : c.sentFrames.subList(0, Math.min(3, c.sentFrames.size()))) {
                replica.received(client, old);
            }
            return;
        }
        replica.received(client, frame);
    }

    private boolean down;

    /** Runs the simulation until every one of {@code sites}' replicas runs (a virtual minute at most). */
    private boolean running(java.util.Collection<Integer> sites) {
        for (int k = 0; k < 600; k++) {
            List<CompletableFuture<ServiceReplica.Status>> status = sites.stream().map(s -> replicas.get(s).status()).toList();
            g.sim.runFor(100_000_000);
            if (status.stream().allMatch(f -> f.isDone() && f.join().running())) {
                return true;
            }
        }
        return false;
    }

    private ServiceReplica startReplica(int site) {
        ReplicatedService service = site == corrupted ? new LyingStore(true) : new KeyValueStore();
        ReplySink replies = (client, frame) -> g.sim.schedule(LINK_DELAY, () -> {
            SimClient c = clients.get(client);
            if (c != null && !(site == downSite && down)) {
                c.received(site, frame);
            }
        });
        Ticks ticks = (period, task) -> repeat(period.toNanos(), task);
        ServiceReplica replica = new ServiceReplica(g.site(site), SERVICE, service, OPTIONS, replies, ticks);
        replicas.put(site, replica);
        return replica;
    }

    private void repeat(long periodNanos, Runnable task) {
        g.sim.schedule(periodNanos, () -> {
            task.run();
            repeat(periodNanos, task);
        });
    }

    /**
     * An honest replica cut off (its process runs; the network holds its messages) while the others
     * order far more rounds than they keep decisions for: when the network heals, the broadcast's
     * catch-up cannot bring it back, so it must notice, take a state t+1 vouch for, and jump there.
     */
    @Test
    void aReplicaLeftBehindBeyondCatchUpJumpsToAVouchedState() {
        Seeds.forEachCostly(2, seed -> {
            replicas.clear();
            clients.clear();
            calls = 90;
            corrupted = -1;
            downSite = -1;
            int behind = (int) Math.floorMod(seed, N);
            g = new SimGroup(seed, N);
            for (int site = 0; site < N; site++) {
                startReplica(site);
            }
            assertThat(running(replicas.keySet())).isTrue();
            g.net.partition(new int[] {behind});
            List<SimClient> all = new ArrayList<>();
            for (int k = 0; k < CLIENTS; k++) {
                SimClient c = new SimClient(k);
                clients.put(c.id, c);
                all.add(c);
            }
            all.forEach(SimClient::callNext);
            boolean ordered = g.runUntil(() -> all.stream().allMatch(c -> c.results.size() >= calls * 3 / 4));
            assertThat(ordered).as("the others go on, seed %d", seed).isTrue();
            g.net.heal();
            boolean done = g.runUntil(() -> all.stream().allMatch(SimClient::done));
            assertThat(done).as("every call answered, seed %d", seed).isTrue();
            g.sim.runFor(10_000_000_000L);
            assertEqualStates(seed);
            CompletableFuture<ServiceReplica.Status> status = replicas.get(behind).status();
            g.sim.runFor(10_000_000);
            assertThat(status.join().counters().jumps()).as("it jumped, seed %d", seed).isPositive();
        });
    }

    private void assertEqualStates(long seed) {
        List<CompletableFuture<byte[]>> states = new ArrayList<>();
        for (int site : g.honest()) {
            states.add(replicas.get(site).serviceSnapshot());
        }
        g.sim.runFor(10_000_000);
        byte[] first = states.get(0).join();
        for (CompletableFuture<byte[]> state : states) {
            assertThat(state.join()).as("every honest replica in the same state, seed %d", seed).isEqualTo(first);
        }
    }

    @Test
    void clientsGetCorrectRepliesAndHonestReplicasEndInTheSameStateDespiteALiarAndACrash() {
        Seeds.forEachCostly(6, seed -> {
            replicas.clear();
            clients.clear();
            calls = 12;
            corrupted = (int) Math.floorMod(seed, N);
            downSite = (corrupted + 1) % N;
            g = new SimGroup(seed, N, corrupted);
            down = true;
            g.net.down(downSite);
            for (int site = 0; site < N; site++) {
                if (site != downSite) {
                    startReplica(site);
                }
            }
            List<SimClient> all = new ArrayList<>();
            for (int k = 0; k < CLIENTS; k++) {
                SimClient c = new SimClient(k);
                clients.put(c.id, c);
                all.add(c);
            }
            assertThat(running(replicas.keySet())).as("the replicas begin from the initial state, seed %d", seed).isTrue();
            // Half the calls while one honest replica is down, the rest after it came back empty.
            all.forEach(SimClient::callNext);
            boolean halfway = g.runUntil(() -> all.stream().allMatch(c -> c.results.size() >= calls / 2));
            assertThat(halfway).as("calls answered while a replica is down, seed %d", seed).isTrue();
            down = false;
            g.net.up(downSite);
            startReplica(downSite);
            boolean done = g.runUntil(() -> all.stream().allMatch(SimClient::done));
            assertThat(done).as("every call answered, seed %d", seed).isTrue();
            for (SimClient c : all) {
                List<String> expected = new ArrayList<>();
                for (int k = 1; k <= calls; k++) {
                    expected.add(Integer.toString(k));
                }
                expected.add(Integer.toString(calls));
                assertThat(c.results).as("what %s got, seed %d", c.key, seed).isEqualTo(expected);
            }
            g.sim.runFor(2_000_000_000L);
            assertEqualStates(seed);
            CompletableFuture<ServiceReplica.Status> recovered = replicas.get(downSite).status();
            g.sim.runFor(10_000_000);
            assertThat(recovered.join()).satisfies(s -> {
                assertThat(s.running()).isTrue();
                assertThat(s.counters().statesTransferred()).as("it took a state from the others, seed %d", seed).isPositive();
            });
        });
    }
}
