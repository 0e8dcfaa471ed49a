package org.maftia.group.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.maftia.group.AtomicStream;
import org.maftia.group.ConsistentStream;
import org.maftia.group.ReliableStream;
import org.maftia.group.SecureAtomicStream;
import org.maftia.group.Stream;
import org.maftia.group.StreamClosedException;
import org.maftia.group.core.GroupKeys;
import org.maftia.group.sim.SimGroup;

/**
 * The Stream API of spec 3.2 in the simulation: the spec-shaped constructors
 * {@code (protocolID, groupID)} bind to the site entered on the calling thread; the life cycle
 * send, receive, close, {@code isClosed}; and {@code abort}, which frees the party's instances and
 * ends its calls while the others carry on. The simulation runs on the test thread, so the test
 * receives only what {@code canReceive} says is there and never blocks.
 */
class StreamApiTest {

    private static final int N = 4;
    private static final String GROUP = "sim";

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** What the application sends on stream {@code kind} for {@code text}: a ciphertext on the secure one. */
    private static byte[] payload(String kind, String text) {
        return kind.equals("secure") ? SecureAtomicStream.encrypt("ss", GROUP, SimGroup.keys(N).get(0).decryptor().publicKey(), bytes(text)) : bytes(text);
    }

    /** Everything the stream has delivered and the application not yet received. */
    private static List<String> drain(Stream stream) {
        List<String> got = new ArrayList<>();
        while (stream.canReceive()) {
            got.add(new String(stream.receive(), StandardCharsets.UTF_8));
        }
        return got;
    }

    @Test
    void specShapedConstructorsNeedTheOnlySiteOrOneEnteredOnTheThreadAndSayHowToBindOne() {
        SimGroup g = new SimGroup(2, N);
        assertThatThrownBy(() -> new ReliableStream("rs", GROUP)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("none is bound").hasMessageContaining("site.enter()");
        assertThatThrownBy(() -> new AtomicStream("as", GROUP)).isInstanceOf(IllegalStateException.class);
        try (var scope = g.site(1).enter()) {
            assertThat(new AtomicStream("as", GROUP).getGroupID()).isEqualTo(GROUP);
        }
    }

    @Test
    void everyKindOfStreamDeliversSendsClosesAndRefusesUseAfterClose() {
        SimGroup g = new SimGroup(11, N);
        List<Map<String, Stream>> sites = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            try (var scope = g.site(i).enter()) {
                Map<String, Stream> streams = new HashMap<>();
                streams.put("reliable", new ReliableStream("rs", GROUP));
                streams.put("consistent", new ConsistentStream("cs", GROUP));
                streams.put("atomic", new AtomicStream("as", GROUP));
                streams.put("secure", new SecureAtomicStream("ss", GROUP));
                sites.add(streams);
            }
        }
        for (int i = 0; i < N; i++) {
            for (var e : sites.get(i).entrySet()) {
                e.getValue().send(payload(e.getKey(), e.getKey() + " from " + i));
            }
        }
        Map<String, List<List<String>>> received = new HashMap<>();
        g.runUntil(() -> sites.stream().allMatch(s -> s.values().stream().allMatch(Stream::canReceive)));
        g.runToQuiescence();
        for (Map<String, Stream> streams : sites) {
            for (var e : streams.entrySet()) {
                received.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(drain(e.getValue()));
            }
        }
        received.forEach((kind, perSite) -> perSite.forEach(got -> assertThat(got).as(kind)
                .containsExactlyInAnyOrder(kind + " from 0", kind + " from 1", kind + " from 2", kind + " from 3")));
        assertThat(received.get("atomic")).as("one order everywhere").containsOnly(received.get("atomic").getFirst());
        assertThat(received.get("secure")).as("one order everywhere").containsOnly(received.get("secure").getFirst());

        sites.forEach(streams -> streams.values().forEach(Stream::close));
        g.runUntil(() -> sites.stream().allMatch(s -> s.values().stream().allMatch(Stream::isClosed)));
        for (Map<String, Stream> streams : sites) {
            for (var e : streams.entrySet()) {
                Stream s = e.getValue();
                assertThat(s.isClosed()).as("%s closed", e.getKey()).isTrue();
                assertThat(s.termination()).isCompleted();
                assertThatThrownBy(s::receive).isInstanceOf(StreamClosedException.class);
                assertThatThrownBy(() -> s.send(payload(e.getKey(), "late"))).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("closed");
                s.waitDone(); // returns at once: the stream terminated
            }
        }
    }

    @Test
    void abortEndsThisPartysStreamAndFreesItsInstancesWhileTheOthersGoOnAndClose() {
        SimGroup g = new SimGroup(5, N);
        List<AtomicStream> streams = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            streams.add(new AtomicStream(g.site(i), "abort", GROUP));
        }
        for (int i = 0; i < N; i++) {
            streams.get(i).send(bytes("first " + i));
        }
        g.runUntil(() -> streams.stream().allMatch(s -> s.canReceive()));
        AtomicStream quitter = streams.get(3);
        quitter.abort();
        assertThatThrownBy(quitter::receive).isInstanceOf(CancellationException.class).hasMessageContaining("aborted");
        assertThatThrownBy(quitter::waitDone).isInstanceOf(CancellationException.class);
        assertThatThrownBy(() -> quitter.send(bytes("after abort"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("aborted");
        assertThat(quitter.termination()).isCompletedExceptionally();
        assertThat(quitter.canReceive()).as("what it had delivered is dropped").isFalse();
        g.runToQuiescence();
        assertThat(g.sites.get(3).session().activeInstances()).as("the aborted party holds no instance").isZero();

        for (int i = 0; i < 3; i++) {
            streams.get(i).send(bytes("second " + i));
        }
        List<List<String>> received = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            received.add(new ArrayList<>());
        }
        g.runUntil(() -> {
            for (int i = 0; i < 3; i++) {
                received.get(i).addAll(drain(streams.get(i)));
            }
            return received.stream().allMatch(r -> r.size() == 7);
        });
        assertThat(received).as("the three others order all seven payloads alike").containsOnly(received.getFirst());
        assertThat(received.getFirst()).containsExactlyInAnyOrder("first 0", "first 1", "first 2", "first 3",
                "second 0", "second 1", "second 2");
        for (int i = 0; i < 3; i++) {
            streams.get(i).close();
        }
        g.runUntil(() -> streams.subList(0, 3).stream().allMatch(Stream::isClosed));
        assertThat(streams.subList(0, 3)).as("t+1 = 2 closes suffice; three came").allMatch(Stream::isClosed);
    }
}
