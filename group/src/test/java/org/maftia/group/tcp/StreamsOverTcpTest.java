package org.maftia.group.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.maftia.group.AtomicStream;
import org.maftia.group.SecureAtomicStream;
import org.maftia.group.Stream;
import org.maftia.group.StreamClosedException;
import org.maftia.group.StreamOptions;
import org.maftia.group.loopback.LoopbackGroup;
import org.maftia.net.link.LinkMode;

/**
 * Four sites on real TCP loopback run an atomic broadcast stream (Protocol 7) and a secure causal
 * atomic broadcast stream (Protocol 8) to completion through the blocking Stream API, while site 3
 * is killed mid-stream: the three others deliver identical sequences holding all their payloads,
 * then close the stream (3 closes, more than t).
 */
class StreamsOverTcpTest {

    private static final int N = 4;
    private static final int PER_SITE = 40;
    private static final int KILLED = 3;
    private static final StreamOptions OPTIONS = StreamOptions.DEFAULT.withMaxBatch(8).withWindow(64);

    @Test
    void atomicBroadcastCompletesAndOrdersIdenticallyWithASiteKilledMidStream() throws Exception {
        run("abc", (tcp, i) -> new AtomicStream(tcp.site(i), "abc", "tcp", OPTIONS), tcp -> Function.identity());
    }

    @Test
    void secureCausalAtomicBroadcastCompletesAndRevealsIdenticallyWithASiteKilledMidStream() throws Exception {
        run("scabc", (tcp, i) -> new SecureAtomicStream(tcp.site(i), "scabc", "tcp", OPTIONS),
                tcp -> cleartext -> SecureAtomicStream.encrypt("scabc", "tcp", tcp.keys(0).decryptor().publicKey(), cleartext));
    }

    interface StreamFactory {
        Stream open(LoopbackGroup tcp, int site);
    }

    private void run(String name, StreamFactory factory, Function<LoopbackGroup, Function<byte[], byte[]>> sealing) throws Exception {
        ExecutorService threads = Executors.newCachedThreadPool();
        try (LoopbackGroup tcp = LoopbackGroup.create("tcp", N, 1, LinkMode.AEAD)) {
            Function<byte[], byte[]> seal = sealing.apply(tcp);
            List<Stream> streams = new ArrayList<>();
            for (int i = 0; i < N; i++) {
                streams.add(factory.open(tcp, i));
            }
            List<CompletableFuture<List<String>>> readers = new ArrayList<>();
            for (int i = 0; i < N; i++) {
                int site = i;
                Stream stream = streams.get(i);
                threads.submit(() -> {
                    for (int k = 0; k < PER_SITE; k++) {
                        stream.send(seal.apply((name + " " + site + "." + k).getBytes(StandardCharsets.UTF_8)));
                    }
                    return null;
                });
                if (site != KILLED) {
                    readers.add(CompletableFuture.supplyAsync(() -> read(stream, name), threads));
                }
            }
            // Kill site 3 once the stream is under way: the others must not need it.
            CompletableFuture.runAsync(() -> {
                while (!streams.get(KILLED).canReceive()) {
                    Thread.onSpinWait();
                }
                tcp.kill(KILLED);
            }, threads).get(60, TimeUnit.SECONDS);
            List<List<String>> sequences = new ArrayList<>();
            for (var reader : readers) {
                sequences.add(reader.get(120, TimeUnit.SECONDS));
            }
            assertThat(sequences.get(1)).as("total order, site 1 vs 0").isEqualTo(sequences.get(0));
            assertThat(sequences.get(2)).as("total order, site 2 vs 0").isEqualTo(sequences.get(0));
            for (int site = 0; site < N; site++) {
                if (site == KILLED) {
                    continue;
                }
                for (int k = 0; k < PER_SITE; k++) {
                    assertThat(sequences.get(0)).as("validity").contains(name + " " + site + "." + k);
                }
            }
            assertThat(sequences.get(0)).as("integrity").doesNotHaveDuplicates();
        } finally {
            threads.shutdownNow();
        }
    }

    /** Receives until every live site's payloads arrived, then closes and reads what remains until the stream closes. */
    private static List<String> read(Stream stream, String name) {
        List<String> got = new ArrayList<>();
        int live = 0;
        try {
            while (true) {
                String m = new String(stream.receive(), StandardCharsets.UTF_8);
                got.add(m);
                if (!m.startsWith(name + " " + KILLED + ".") && ++live == (N - 1) * PER_SITE) {
                    stream.close();
                }
            }
        } catch (StreamClosedException closed) {
            assertThat(stream.isClosed()).isTrue();
            return got;
        }
    }
}
