package org.maftia.group.sim;

import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.maftia.group.core.ProtocolContext;

/**
 * Protocol-level Byzantine behaviour for a corrupted site: an instance that runs in place of the
 * protocol under the same protocol id, speaks as its site (links are authenticated) and otherwise
 * does what the test scripts, typically well-formed protocol messages that lie. Behaviour that
 * needs no protocol knowledge (silence, crashes, junk, replays, flipped bytes, equivocation by
 * halves, delaying an honest site) is on the network instead: {@link NetworkAttack}.
 */
public final class Byzantine {

    private Byzantine() {
    }

    /** Runs {@code onStart} once on start with the context, {@code onMessage} on each message: for tailored attacks. */
    public static RawInstance scripted(String protocolId, Consumer<ProtocolContext> onStart,
                                            BiConsumer<ProtocolContext, int[]> onMessage) {
        return new RawInstance(protocolId) {
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
