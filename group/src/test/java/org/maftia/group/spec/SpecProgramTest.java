package org.maftia.group.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maftia.group.Agreement;
import org.maftia.group.AtomicStream;
import org.maftia.group.BinaryAgreement;
import org.maftia.group.BinaryNegotiable;
import org.maftia.group.Broadcast;
import org.maftia.group.Negotiable;
import org.maftia.group.ReliableBroadcast;
import org.maftia.group.Site;
import org.maftia.group.Stream;
import org.maftia.group.StreamClosedException;
import org.maftia.group.directory.Dealer;
import org.maftia.group.directory.GroupDirectory;
import org.maftia.group.loopback.LoopbackGroup;

/**
 * A program written from section 3.2 alone, with only the site set-up added: four sites loaded
 * from a dealt group directory ({@link Site#load}), each running on its own thread the spec's
 * examples verbatim (agreement, broadcast, stream) through the constructors that take ids only.
 * This file uses nothing but the application API.
 */
class SpecProgramTest {

    private static final int N = 4;

    @TempDir
    Path dir;

    @Test
    void theSpecsExamplesCompileAndRunAtSitesLoadedFromAGroupDirectory() throws Exception {
        new Dealer(new SecureRandom()).deal(new Dealer.Plan("bank", N, 1, InetAddress.getLoopbackAddress(),
                LoopbackGroup.freeBasePort(N), "ed25519-quorum", "dh-coin-p256", "tdh2-p256"), new GroupDirectory(dir), false);
        List<Site> sites = new ArrayList<>();
        ExecutorService threads = Executors.newCachedThreadPool();
        try {
            for (int i = 0; i < N; i++) {
                sites.add(Site.load(dir, i));
            }
            for (Site s : sites) {
                s.listening().get(10, TimeUnit.SECONDS);
            }
            List<CompletableFuture<String>> runs = new ArrayList<>();
            for (Site site : sites) {
                runs.add(CompletableFuture.supplyAsync(() -> {
                    try (var scope = site.enter()) {
                        return program(site.id());
                    }
                }, threads));
            }
            List<String> outcomes = new ArrayList<>();
            for (var run : runs) {
                outcomes.add(run.get(120, TimeUnit.SECONDS));
            }
            assertThat(outcomes).as("every site decided, received and ordered alike").containsOnly(outcomes.getFirst());
            assertThat(outcomes.getFirst()).startsWith("agreed true; received hello from 0; ordered 4 payloads");
        } finally {
            sites.forEach(Site::close);
            threads.shutdownNow();
        }
    }

    /** Section 3.2's examples, as an application written from it reads. */
    private static String program(int self) {
        String groupID = "bank";

        Agreement agreement = new BinaryAgreement("agreement-1", groupID);
        Negotiable answer = agreement.negotiate(new BinaryNegotiable(true));
        boolean agreed = ((BinaryNegotiable) answer).getValue();

        Broadcast broadcast = new ReliableBroadcast("broadcast-1", groupID, 0);
        if (self == 0) {
            broadcast.send("hello from 0".getBytes(StandardCharsets.UTF_8));
        }
        byte[] message = broadcast.receive();

        Stream stream = new AtomicStream("stream-1", groupID);
        stream.send(("payload of " + self).getBytes(StandardCharsets.UTF_8));
        StringBuilder order = new StringBuilder();
        int received = 0;
        try {
            while (true) {
                byte[] payload = stream.receive();
                order.append(new String(payload, StandardCharsets.UTF_8)).append(',');
                if (++received == N) {
                    stream.close();
                }
            }
        } catch (StreamClosedException closed) {
            stream.waitDone();
        }
        return "agreed " + agreed + "; received " + new String(message, StandardCharsets.UTF_8) + "; ordered " + received
                + " payloads: " + order;
    }
}
