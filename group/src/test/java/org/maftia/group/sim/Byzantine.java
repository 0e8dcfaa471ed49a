package org.maftia.group.sim;

import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import org.maftia.group.core.ProtocolContext;
import org.maftia.group.core.ProtocolInstance;

/**
 * Byzantine strategies for a corrupted site: instances that run in place of the protocol under
 * the same protocol id. They speak as their site (links are authenticated) but otherwise do what
 * they like: stay silent, send garbage, replay, equivocate.
 */
public final class Byzantine {

    private Byzantine() {
    }

    /** Receives everything, sends nothing (a crashed or silent party). */
    public static ProtocolInstance silent(String protocolId) {
        return new ProtocolInstance(protocolId) {
            @Override
            protected void onMessage(int from, int type, byte[] body) {
            }
        };
    }

    /** Answers every message with random types and bytes to everyone, and replays what it got. */
    public static ProtocolInstance garbage(String protocolId, long seed, int[] types) {
        SplittableRandom random = new SplittableRandom(seed);
        return new ProtocolInstance(protocolId) {
            private int budget = 200;

            @Override
            protected void onMessage(int from, int type, byte[] body) {
                if (budget-- <= 0) {
                    return;
                }
                byte[] junk = new byte[random.nextInt(40)];
                random.nextBytes(junk);
                ctx.sendAll(types[random.nextInt(types.length)], junk);
                ctx.sendAll(type, body);
                ctx.send(random.nextInt(ctx.n()), random.nextInt(), junk);
            }
        };
    }

    /** Runs {@code script} once on start with the context: for equivocation and other tailored attacks. */
    public static ProtocolInstance scripted(String protocolId, java.util.function.Consumer<ProtocolContext> onStart,
                                            BiConsumer<ProtocolContext, int[]> onMessage) {
        return new ProtocolInstance(protocolId) {
            @Override
            protected void onStart() {
                onStart.accept(ctx);
            }

            @Override
            protected void onMessage(int from, int type, byte[] body) {
                onMessage.accept(ctx, new int[] {from, type});
            }
        };
    }
}
