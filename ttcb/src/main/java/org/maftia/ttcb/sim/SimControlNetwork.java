package org.maftia.ttcb.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.maftia.ttcb.core.ControlEndpoint;
import org.maftia.ttcb.core.LocalTtcb;

/**
 * The simulated control network, inside the Abstract Network model of Table 4.1: every copy is
 * delivered within [tsendMin, Tsend] (AN4), omissions are drawn with a probability but never more
 * than Od of the Od + 1 copies of one message to one receiver (AN3, per link and message), no
 * partitions (AN5). A local TTCB can be crashed between any two frames of a broadcast, so a crash
 * in the middle of a broadcast reaches only some receivers. Frames may also be tampered with or
 * injected (AN2, AN8: the receivers must drop them).
 */
public final class SimControlNetwork {

    private final EventLoop loop;
    private final SplittableRandom random;
    private final long tsendMin;
    private final long tsend;
    private final int od;
    private final double omission;
    private final List<LocalTtcb> ttcbs = new ArrayList<>();
    private final Map<Integer, Integer> framesUntilCrash = new HashMap<>();
    private final Map<Integer, byte[]> lastFrame = new HashMap<>();
    private final Map<Long, Integer> omissionsOfFrame = new HashMap<>();
    private boolean worstCase;
    private java.util.function.BiConsumer<Integer, byte[]> tap = (from, frame) -> { };
    private long sent;
    private long omitted;

    public SimControlNetwork(EventLoop loop, SplittableRandom random, long tsendMin, long tsend, int od, double omission) {
        this.loop = loop;
        this.random = random;
        this.tsendMin = tsendMin;
        this.tsend = tsend;
        this.od = od;
        this.omission = omission;
    }

    /** Every message loses exactly Od copies per receiver and the survivor takes Tsend: the slowest run AN3-AN4 allow. */
    public SimControlNetwork worstCase() {
        this.worstCase = true;
        return this;
    }

    /** Shows every frame broadcast (as an eavesdropper on the control network would see it). */
    public void tap(java.util.function.BiConsumer<Integer, byte[]> observer) {
        this.tap = observer;
    }

    public void attach(LocalTtcb ttcb) {
        ttcbs.add(ttcb);
    }

    /** The endpoint of local TTCB {@code id}. */
    public ControlEndpoint endpoint(int id) {
        return frame -> broadcast(id, frame);
    }

    /** Crashes local TTCB {@code id} after it has sent {@code frames} more frames (one frame = one copy to one receiver). */
    public void crashAfterFrames(int id, int frames) {
        framesUntilCrash.put(id, frames);
    }

    private void broadcast(int from, byte[] frame) {
        boolean newMessage = lastFrame.get(from) != frame;
        lastFrame.put(from, frame);
        tap.accept(from, frame);
        for (LocalTtcb to : ttcbs) {
            int dest = to.id();
            if (dest == from) {
                continue;
            }
            Integer left = framesUntilCrash.get(from);
            if (left != null) {
                if (left == 0) {
                    framesUntilCrash.remove(from);
                    ttcbs.get(from).crash();
                    return;
                }
                framesUntilCrash.put(from, left - 1);
            }
            sent++;
            long link = ((long) from << 32) | dest;
            if (newMessage) {
                omissionsOfFrame.put(link, 0);
            }
            int done = omissionsOfFrame.getOrDefault(link, 0);
            boolean omit = done < od && (worstCase || (omission > 0 && random.nextDouble() < omission));
            if (omit) {
                omissionsOfFrame.put(link, done + 1);
                omitted++;
                continue;
            }
            long delay = worstCase ? tsend : tsendMin + random.nextLong(tsend - tsendMin + 1);
            byte[] copy = frame.clone();
            loop.schedule(delay, () -> {
                if (!to.isHalted()) {
                    to.onFrame(copy, to.scheduler().clock().nanoTime());
                }
            });
        }
    }

    /** Delivers an arbitrary frame to a local TTCB now (an outsider on the control network). */
    public void inject(int to, byte[] frame) {
        LocalTtcb t = ttcbs.get(to);
        loop.schedule(0, () -> t.onFrame(frame.clone(), t.scheduler().clock().nanoTime()));
    }

    public long sent() {
        return sent;
    }

    public long omitted() {
        return omitted;
    }
}
