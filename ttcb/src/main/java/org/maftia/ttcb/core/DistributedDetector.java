package org.maftia.ttcb.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.maftia.ttcb.Eid;
import org.maftia.ttcb.Tag;
import org.maftia.ttcb.Ttcb.DelivResult;
import org.maftia.ttcb.Ttcb.DeliveryInfo;
import org.maftia.ttcb.Ttcb.DistributedInfo;
import org.maftia.ttcb.Ttcb.Handler;
import org.maftia.ttcb.Ttcb.TagResult;
import org.maftia.ttcb.Ttcb.Timeliness;
import org.maftia.ttcb.TtcbError;
import org.maftia.ttcb.core.ControlRecord.DistDeliv;
import org.maftia.ttcb.core.ControlRecord.DistStart;

/**
 * Distributed timing failure detection (spec 2.2.4.4). The sender's local TTCB R-broadcasts the
 * start record (tag, mid, start_ev, spec, elist); each receiver's local TTCB R-broadcasts the
 * delivery (tag, mid, eid, deliv_ev). Every local TTCB therefore holds the same records and
 * computes the same {@code list info}. A receiver is faulty if it delivered after start_ev + spec
 * or not at all: a delivery by the deadline is R-delivered everywhere within Tbroadcast, so at
 * deadline + {@link TimingParameters#distributedDetectionBound()} the verdict is final (TTFD1),
 * and a delivery stamped by the deadline is never flagged (TTFD2, up to π between the clocks).
 * The sender's local TTCB runs the handler.
 */
final class DistributedDetector {

    private static final int MAX_ACTIONS = 4096;
    /** The distributed actions one entity here may have started and still held: a sixteenth of the table. */
    static final int PER_SENDER = MAX_ACTIONS / 16;

    private static final class Action {
        final DistStart start;
        /** The entity here that started it; null for another local TTCB's action. */
        final Eid sender;
        final Handler handler;
        final Map<Eid, Long> delivered = new LinkedHashMap<>();
        final List<CompletableFuture<DistributedInfo>> waiters = new ArrayList<>();
        DistributedInfo info;

        Action(DistStart start, Eid sender, Handler handler) {
            this.start = start;
            this.sender = sender;
            this.handler = handler;
        }

        long deadline() {
            return start.startEv() + start.spec();
        }
    }

    private final int self;
    private final SyncClock clock;
    private final TtcbScheduler scheduler;
    private final TimingParameters timing;
    private final long retention;
    private final Outbox outbox;
    private final Counters counters;
    private final TimeServices.HandlerRunner handlers;
    private final Map<Tag, Action> actions = new HashMap<>();
    private final Map<Eid, Integer> bySender = new HashMap<>();
    private final Map<Tag, List<DistDeliv>> early = new HashMap<>();
    private final Map<Tag, List<CompletableFuture<DistributedInfo>>> waitingForStart = new HashMap<>();

    DistributedDetector(int self, SyncClock clock, TtcbScheduler scheduler, TimingParameters timing, long retention,
                        Outbox outbox, Counters counters, TimeServices.HandlerRunner handlers) {
        this.self = self;
        this.clock = clock;
        this.scheduler = scheduler;
        this.timing = timing;
        this.retention = retention;
        this.outbox = outbox;
        this.counters = counters;
        this.handlers = handlers;
    }

    TagResult startDistributed(Tag tag, Eid sender, long startEv, long spec, long mid, List<Eid> elist, Handler handler) {
        if (startEv > clock.now() || spec < 0) {
            return new TagResult(TtcbError.BAD_TIMESTAMP, null);
        }
        if (!ControlRecord.carries(elist)) {
            return new TagResult(TtcbError.BAD_ELIST, null);
        }
        DistStart start = new DistStart(tag, mid, startEv, spec, elist);
        if (actions.size() >= MAX_ACTIONS || bySender.getOrDefault(sender, 0) >= PER_SENDER || !outbox.offer(start)) {
            return new TagResult(TtcbError.RESOURCES, null);
        }
        bySender.merge(sender, 1, Integer::sum);
        track(new Action(start, sender, handler));
        return new TagResult(TtcbError.OK, tag);
    }

    DelivResult delivDistributed(Eid eid, long mid, Tag tag) {
        Action a = actions.get(tag);
        if (a != null && (a.start.mid() != mid || !a.start.elist().contains(eid))) {
            return new DelivResult(a.start.mid() != mid ? TtcbError.UNKNOWN_TAG : TtcbError.NOT_IN_ELIST, 0, Timeliness.UNKNOWN_YET);
        }
        long delivEv = clock.now();
        DistDeliv d = new DistDeliv(tag, mid, eid, delivEv);
        if ((a == null && early.size() >= MAX_ACTIONS) || !outbox.offer(d)) {
            return new DelivResult(TtcbError.RESOURCES, 0, Timeliness.UNKNOWN_YET);
        }
        record(d);
        if (a == null) {
            return new DelivResult(TtcbError.OK, delivEv, Timeliness.UNKNOWN_YET);
        }
        return new DelivResult(TtcbError.OK, delivEv, delivEv <= a.deadline() ? Timeliness.TIMELY : Timeliness.FAULTY);
    }

    /**
     * The spec's blocking waitInfo. A receiver may ask before the start record reached its local
     * TTCB (the payload message can be faster than the control network); the start of a live
     * sender arrives within Ts + Tbroadcast, so the wait is that long at most before UNKNOWN_TAG.
     */
    CompletableFuture<DistributedInfo> waitInfo(Tag tag) {
        Action a = actions.get(tag);
        if (a == null) {
            if (tag.ttcb() == self) {
                return CompletableFuture.completedFuture(new DistributedInfo(TtcbError.UNKNOWN_TAG, tag, List.of()));
            }
            if (waitingForStart.size() >= MAX_ACTIONS) {
                return CompletableFuture.completedFuture(new DistributedInfo(TtcbError.RESOURCES, tag, List.of()));
            }
            CompletableFuture<DistributedInfo> f = new CompletableFuture<>();
            List<CompletableFuture<DistributedInfo>> list = waitingForStart.get(tag);
            if (list == null) {
                list = new ArrayList<>();
                waitingForStart.put(tag, list);
                scheduler.schedule(timing.tagreement() + timing.tr(), () -> {
                    List<CompletableFuture<DistributedInfo>> late = waitingForStart.remove(tag);
                    if (late != null) {
                        late.forEach(x -> x.complete(new DistributedInfo(TtcbError.UNKNOWN_TAG, tag, List.of())));
                    }
                });
            }
            if (list.size() >= ControlRecord.MAX_ELIST) {
                return CompletableFuture.completedFuture(new DistributedInfo(TtcbError.RESOURCES, tag, List.of()));
            }
            list.add(f);
            return f;
        }
        if (a.info != null) {
            return CompletableFuture.completedFuture(a.info);
        }
        CompletableFuture<DistributedInfo> f = new CompletableFuture<>();
        a.waiters.add(f);
        return f;
    }

    /** R-delivered records. A start comes from the tag's TTCB; a delivery from the receiver's TTCB. */
    void onDelivered(int from, ControlRecord r) {
        switch (r) {
            case DistStart s when s.tag().ttcb() == from -> {
                if (!actions.containsKey(s.tag()) && actions.size() < MAX_ACTIONS) {
                    track(new Action(s, null, Handler.NONE));
                }
            }
            case DistDeliv d when d.eid().ttcb() == from && d.eid().ttcb() != self -> record(d);
            case DistDeliv d when d.eid().ttcb() == from -> { /* our own, recorded when it was made */ }
            default -> counters.foreignProposals.incrementAndGet();
        }
    }

    private void track(Action a) {
        actions.put(a.start.tag(), a);
        List<CompletableFuture<DistributedInfo>> askedEarly = waitingForStart.remove(a.start.tag());
        if (askedEarly != null) {
            a.waiters.addAll(askedEarly);
        }
        List<DistDeliv> waiting = early.remove(a.start.tag());
        if (waiting != null) {
            waiting.forEach(this::record);
        }
        long verdictAt = a.deadline() + timing.distributedDetectionBound();
        scheduler.schedule(Math.min(clock.delayUntil(verdictAt), timing.tr()), () -> finalVerdict(a.start.tag()));
        completeIfAllDelivered(a);
    }

    private void record(DistDeliv d) {
        Action a = actions.get(d.tag());
        if (a == null) {
            List<DistDeliv> list = early.get(d.tag());
            if (list == null) {
                list = new ArrayList<>();
                early.put(d.tag(), list);
                // A start that never comes (a bogus tag) must not hold the slot forever.
                scheduler.schedule(retention + timing.distributedDetectionBound(), () -> early.remove(d.tag()));
            }
            if (list.size() < ControlRecord.MAX_ELIST) {
                list.add(d);
            }
            return;
        }
        if (a.start.mid() != d.mid() || !a.start.elist().contains(d.eid()) || a.delivered.containsKey(d.eid())) {
            return;
        }
        a.delivered.put(d.eid(), d.delivEv());
        if (d.delivEv() > a.deadline() && a.start.tag().ttcb() == self && a.info == null) {
            counters.detectionLatency(Math.max(0, clock.now() - a.deadline()));
        }
        completeIfAllDelivered(a);
    }

    private void completeIfAllDelivered(Action a) {
        if (a.info == null && a.delivered.size() == a.start.elist().size()) {
            conclude(a);
        }
    }

    private void finalVerdict(Tag tag) {
        Action a = actions.get(tag);
        if (a == null) {
            return;
        }
        long verdictAt = a.deadline() + timing.distributedDetectionBound();
        if (clock.now() < verdictAt) {
            scheduler.schedule(Math.min(clock.delayUntil(verdictAt), timing.tr()), () -> finalVerdict(tag));
            return;
        }
        if (a.info == null) {
            conclude(a);
        }
        scheduler.schedule(retention, () -> {
            Action gone = actions.remove(tag);
            early.remove(tag);
            if (gone != null && gone.sender != null) {
                bySender.computeIfPresent(gone.sender, (e, n) -> n == 1 ? null : n - 1);
            }
        });
    }

    private void conclude(Action a) {
        List<DeliveryInfo> list = new ArrayList<>();
        boolean anyFaulty = false;
        for (Eid e : a.start.elist()) {
            Long at = a.delivered.get(e);
            boolean faulty = at == null || at > a.deadline();
            anyFaulty |= faulty;
            list.add(new DeliveryInfo(e, at != null, at == null ? -1 : at - a.start.startEv(), faulty));
        }
        a.info = new DistributedInfo(TtcbError.OK, a.start.tag(), List.copyOf(list));
        if (anyFaulty && a.start.tag().ttcb() == self) {
            counters.distributedFailuresDetected.incrementAndGet();
            counters.detectionLatency(Math.max(0, clock.now() - a.deadline()));
            if (!a.handler.isNone()) {
                handlers.run(a.start.tag(), a.handler);
            }
        }
        a.waiters.forEach(f -> f.complete(a.info));
        a.waiters.clear();
    }
}
