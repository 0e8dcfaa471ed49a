package org.maftia.group.rbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.maftia.group.core.Digest;
import org.maftia.group.core.MessageTypes;
import org.maftia.group.sim.Byzantine;
import org.maftia.group.sim.SimGroup;
import org.maftia.testkit.sim.Seeds;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Protocol 5 in the simulation, over many seeds, n in {4, 7, 10}, with t corrupted sites running
 * Byzantine strategies. Checks the spec's properties: validity (an honest sender's payload is
 * delivered by all honest parties), agreement (honest parties deliver the same payload or none),
 * integrity (at most once), totality (if one honest party delivers, all do).
 */
class RbcSimulationTest {

    private static final String ID = "rbc-test";
    private static final int[] RBC_TYPES = {MessageTypes.RBC_SEND, MessageTypes.RBC_ECHO, MessageTypes.RBC_READY,
        MessageTypes.RBC_REQUEST, MessageTypes.RBC_ANSWER};

    /** What each honest site delivered, and how many times. */
    private static final class Outcome {
        final Map<Integer, List<byte[]>> deliveries = new HashMap<>();

        void record(int site, byte[] m) {
            deliveries.computeIfAbsent(site, k -> new ArrayList<>()).add(m);
        }
    }

    private static Outcome run(long seed, int n, boolean byzantineSender) {
        int t = (n - 1) / 3;
        int[] corrupted = new int[t];
        for (int k = 0; k < t; k++) {
            corrupted[k] = byzantineSender ? k : n - 1 - k;
        }
        SimGroup g = new SimGroup(seed, n, corrupted);
        Outcome outcome = new Outcome();
        byte[] payload = ("payload of seed " + seed).getBytes(StandardCharsets.UTF_8);
        int sender = 0;
        for (int i = 0; i < n; i++) {
            int site = i;
            if (g.isCorrupted(i)) {
                g.sites.get(i).start(strategy(seed, i, n, sender));
            } else {
                Rbc rbc = new Rbc(ID, sender, 1 << 20, m -> outcome.record(site, m));
                g.sites.get(i).start(rbc);
                if (i == sender) {
                    g.sites.get(i).onProtocolThread(() -> rbc.broadcast(payload));
                }
            }
        }
        g.runToQuiescence();
        if (!byzantineSender) {
            for (int h : g.honest()) {
                assertThat(outcome.deliveries.get(h)).as("validity at site %d", h).singleElement()
                        .satisfies(m -> assertThat(m).isEqualTo(payload));
            }
        }
        return outcome;
    }

    /** A corrupted site's behaviour, varied by seed: silent, garbage, or an equivocating sender. */
    private static org.maftia.group.core.ProtocolInstance strategy(long seed, int site, int n, int sender) {
        return switch ((int) Math.floorMod(seed + site, 3)) {
            case 0 -> Byzantine.silent(ID);
            case 1 -> Byzantine.garbage(ID, seed, RBC_TYPES);
            default -> Byzantine.scripted(ID, ctx -> {
                if (ctx.self() == sender) {
                    // Equivocate: a different payload to each half, echo both digests.
                    for (int to = 0; to < n; to++) {
                        ctx.send(to, MessageTypes.RBC_SEND, ("version " + (to % 2)).getBytes(StandardCharsets.UTF_8));
                    }
                    ctx.sendAll(MessageTypes.RBC_ECHO, Digest.of("version 0".getBytes(StandardCharsets.UTF_8)).bytes());
                    ctx.sendAll(MessageTypes.RBC_READY, Digest.of("version 1".getBytes(StandardCharsets.UTF_8)).bytes());
                }
            }, (ctx, m) -> { });
        };
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 7, 10})
    void anHonestSendersPayloadIsDeliveredOnceByEveryHonestParty(int n) {
        Seeds.forEach(60, seed -> run(seed, n, false));
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 7, 10})
    void withAByzantineSenderHonestPartiesDeliverTheSamePayloadOrNone(int n) {
        Seeds.forEach(60, seed -> {
            Outcome o = run(seed, n, true);
            int honest = n - (n - 1) / 3;
            List<byte[]> firsts = new ArrayList<>();
            o.deliveries.forEach((site, ms) -> {
                assertThat(ms).as("integrity at site %d", site).hasSize(1);
                firsts.add(ms.getFirst());
            });
            assertThat(o.deliveries.size()).as("totality: all honest or none").isIn(0, honest);
            assertThat(firsts).as("agreement").allSatisfy(m -> assertThat(m).isEqualTo(firsts.getFirst()));
        });
    }
}
