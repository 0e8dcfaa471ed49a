package org.maftia.ttcb.core;

import java.util.HashMap;
import java.util.Map;
import org.maftia.ttcb.Tag;
import org.maftia.ttcb.Ttcb.EndLocalResult;
import org.maftia.ttcb.Ttcb.Handler;
import org.maftia.ttcb.Ttcb.Measurement;
import org.maftia.ttcb.Ttcb.TagResult;
import org.maftia.ttcb.TtcbError;

/**
 * Duration measurement (spec 2.2.4.2, TDM) and local timing failure detection (spec 2.2.4.4,
 * TTFD1/TTFD2 for local actions). A local action started at start_ev with spec is watched by a
 * timer at start_ev + spec on the synchronised clock: if it has not ended then, the failure is
 * detected at that instant (TTFD1: within one clock correction, at most π, plus the timer's
 * lateness, which is zero on virtual time) and the
 * handler runs; an action ending by its deadline is never flagged (TTFD2).
 */
final class TimeServices {

    private static final int MAX_OPEN = 4096;

    private static final class LocalAction {
        final long startEv;
        final long spec;
        final Handler handler;
        TtcbScheduler.Cancellable timer;
        boolean detected;

        LocalAction(long startEv, long spec, Handler handler) {
            this.startEv = startEv;
            this.spec = spec;
            this.handler = handler;
        }
    }

    interface HandlerRunner {
        void run(Tag tag, Handler handler);
    }

    private final int self;
    private final SyncClock clock;
    private final TtcbScheduler scheduler;
    private final TimingParameters timing;
    private final Counters counters;
    private final HandlerRunner handlers;
    private final Map<Tag, Long> measurements = new HashMap<>();
    private final Map<Tag, LocalAction> local = new HashMap<>();
    private final TagSource tags;

    TimeServices(int self, SyncClock clock, TtcbScheduler scheduler, TimingParameters timing, Counters counters,
                 HandlerRunner handlers, TagSource tags) {
        this.self = self;
        this.tags = tags;
        this.clock = clock;
        this.scheduler = scheduler;
        this.timing = timing;
        this.counters = counters;
        this.handlers = handlers;
    }

    Tag newTag() {
        return tags.action();
    }

    TagResult startMeasurement(long startEv) {
        if (startEv > clock.now()) {
            return new TagResult(TtcbError.BAD_TIMESTAMP, null);
        }
        if (measurements.size() >= MAX_OPEN) {
            return new TagResult(TtcbError.RESOURCES, null);
        }
        Tag tag = newTag();
        measurements.put(tag, startEv);
        return new TagResult(TtcbError.OK, tag);
    }

    /** The duration end_ev - start_ev; the events may come from two nodes, so the error bound is π. */
    Measurement stopMeasurement(Tag tag, long endEv) {
        Long startEv = measurements.get(tag);
        if (startEv == null) {
            return new Measurement(TtcbError.UNKNOWN_TAG, 0, 0);
        }
        if (endEv > clock.now() || endEv < startEv) {
            return new Measurement(TtcbError.BAD_TIMESTAMP, 0, 0);
        }
        measurements.remove(tag);
        return new Measurement(TtcbError.OK, endEv - startEv, timing.pi());
    }

    TagResult startLocal(long startEv, long spec, Handler handler) {
        if (startEv > clock.now() || spec < 0) {
            return new TagResult(TtcbError.BAD_TIMESTAMP, null);
        }
        if (local.size() >= MAX_OPEN) {
            return new TagResult(TtcbError.RESOURCES, null);
        }
        Tag tag = newTag();
        LocalAction a = new LocalAction(startEv, spec, handler);
        local.put(tag, a);
        a.timer = scheduler.schedule(watchDelay(startEv + spec + 1), () -> deadlinePassed(tag));
        return new TagResult(TtcbError.OK, tag);
    }

    /**
     * Timers run on the hardware clock, the deadline is on the synchronised one: looking again at
     * least every Tr keeps the detection within one clock correction (at most π) of the deadline.
     */
    private long watchDelay(long syncInstant) {
        return Math.min(clock.delayUntil(syncInstant), timing.tr());
    }

    private void deadlinePassed(Tag tag) {
        LocalAction a = local.get(tag);
        if (a == null || a.detected) {
            return;
        }
        long deadline = a.startEv + a.spec;
        long now = clock.now();
        if (now <= deadline) {
            a.timer = scheduler.schedule(watchDelay(deadline + 1), () -> deadlinePassed(tag));
            return;
        }
        a.detected = true;
        counters.localFailuresDetected.incrementAndGet();
        counters.detectionLatency(now - deadline);
        if (!a.handler.isNone()) {
            handlers.run(tag, a.handler);
        }
    }

    void forget(Tag tag) {
        measurements.remove(tag);
        LocalAction a = local.remove(tag);
        if (a != null) {
            a.timer.cancel();
        }
    }

    EndLocalResult endLocal(Tag tag) {
        LocalAction a = local.remove(tag);
        if (a == null) {
            return new EndLocalResult(TtcbError.UNKNOWN_TAG, 0, 0, false);
        }
        a.timer.cancel();
        long endEv = clock.now();
        boolean faulty = a.detected || endEv > a.startEv + a.spec;
        if (faulty && !a.detected) {
            counters.localFailuresDetected.incrementAndGet();
            if (!a.handler.isNone()) {
                handlers.run(tag, a.handler);
            }
        }
        return new EndLocalResult(TtcbError.OK, endEv, endEv - a.startEv, faulty);
    }
}
