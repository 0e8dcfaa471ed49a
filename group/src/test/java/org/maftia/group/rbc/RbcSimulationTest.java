package org.maftia.group.rbc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.maftia.group.core.Digest;
import org.maftia.group.core.MessageTypes;
import org.maftia.group.core.RawMessage;
import org.maftia.group.sim.RawInstance;
import org.maftia.group.sim.Byzantine;
import org.maftia.group.sim.NetworkAttack;
import org.maftia.group.sim.SimGroup;
import org.maftia.testkit.net.Adversary;
import org.maftia.testkit.property.Agreement;
import org.maftia.testkit.property.DeliveryLog;
import org.maftia.testkit.property.Integrity;
import org.maftia.testkit.property.Validity;
import org.maftia.testkit.sim.Seeds;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Protocol 5 in the simulation, over many seeds, n in {4, 7, 10}, with t corrupted sites that
 * each run one of the network attacks (over the protocol where the attack needs it, the sender
 * included) or, as sender, send different payloads to the two halves and echo and ready both.
 * Checks the spec's properties with the testkit's checkers: validity (an honest sender's payload
 * is delivered by all honest parties, and nothing else), agreement (honest parties deliver the
 * same payload), integrity (at most once), totality (if one honest party delivers, all do).
 */
class RbcSimulationTest {

    private static final String ID = "rbc-test";

    private static void run(long seed, int n, boolean byzantineSender) {
        int t = (n - 1) / 3;
        int[] corrupted = new int[t];
        for (int k = 0; k < t; k++) {
            corrupted[k] = byzantineSender ? k : n - 1 - k;
        }
        SimGroup g = new SimGroup(seed, n, corrupted);
        DeliveryLog<byte[]> deliveries = g.log();
        byte[] payload = ("payload of seed " + seed).getBytes(StandardCharsets.UTF_8);
        int sender = 0;
        List<Adversary> attacks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int site = i;
            if (g.isCorrupted(i)) {
                int pick = (int) Math.floorMod(seed + i, NetworkAttack.values().length + 1);
                if (pick == NetworkAttack.values().length) {
                    g.sites.get(i).start(equivocatingSender(n, sender));
                    continue;
                }
                NetworkAttack attack = NetworkAttack.values()[pick];
                attacks.addAll(attack.at(g, i));
                if (attack.runsProtocol()) {
                    // The protocol itself, whose messages the attack silences, alters or misdirects.
                    Rbc rbc = new Rbc(ID, sender, 1 << 20, m -> { });
                    g.sites.get(i).start(rbc);
                    if (i == sender) {
                        g.sites.get(i).onProtocolThread(() -> rbc.broadcast(payload));
                    }
                }
            } else {
                Rbc rbc = new Rbc(ID, sender, 1 << 20, m -> deliveries.record(site, m));
                g.sites.get(i).start(rbc);
                if (i == sender) {
                    g.sites.get(i).onProtocolThread(() -> rbc.broadcast(payload));
                }
            }
        }
        g.attack(attacks);
        g.runToQuiescence();
        Integrity.once(deliveries);
        Agreement.check(deliveries);
        Agreement.totality(deliveries);
        if (!byzantineSender) {
            Validity.delivered(deliveries, List.of(payload));
            Integrity.onlySent(deliveries, m -> sender, Map.of(sender, List.of(payload)));
        }
    }

    /** A corrupted sender that sends a different payload to each half and echoes and readies both digests. */
    private static RawInstance equivocatingSender(int n, int sender) {
        return Byzantine.scripted(ID, ctx -> {
            if (ctx.self() == sender) {
                for (int to = 0; to < n; to++) {
                    ctx.send(to, new RawMessage(MessageTypes.RBC_SEND, ("version " + (to % 2)).getBytes(StandardCharsets.UTF_8)));
                }
                ctx.sendAll(new RawMessage(MessageTypes.RBC_ECHO, Digest.of("version 0".getBytes(StandardCharsets.UTF_8)).bytes()));
                ctx.sendAll(new RawMessage(MessageTypes.RBC_READY, Digest.of("version 1".getBytes(StandardCharsets.UTF_8)).bytes()));
            }
        }, (ctx, m) -> { });
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 7, 10})
    void anHonestSendersPayloadIsDeliveredOnceByEveryHonestParty(int n) {
        Seeds.forEach(60, seed -> run(seed, n, false));
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 7, 10})
    void withAByzantineSenderHonestPartiesDeliverTheSamePayloadOrNone(int n) {
        // run checks integrity, agreement and totality, which is all a corrupted sender leaves.
        Seeds.forEach(60, seed -> run(seed, n, true));
    }
}
