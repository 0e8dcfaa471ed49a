package org.maftia.ttcb.core;

import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.maftia.ttcb.DecisionFunction;
import org.maftia.ttcb.Eid;
import org.maftia.ttcb.Tag;
import org.maftia.ttcb.Ttcb.CrashResult;
import org.maftia.ttcb.Ttcb.DecideResult;
import org.maftia.ttcb.Ttcb.DelivResult;
import org.maftia.ttcb.Ttcb.DistributedInfo;
import org.maftia.ttcb.Ttcb.EndLocalResult;
import org.maftia.ttcb.Ttcb.ExecResult;
import org.maftia.ttcb.Ttcb.Handler;
import org.maftia.ttcb.Ttcb.Measurement;
import org.maftia.ttcb.Ttcb.ProposeResult;
import org.maftia.ttcb.Ttcb.TagResult;
import org.maftia.ttcb.Ttcb.Timeliness;
import org.maftia.ttcb.TtcbError;
import org.maftia.ttcb.core.ControlRecord.DistDeliv;
import org.maftia.ttcb.core.ControlRecord.DistStart;
import org.maftia.ttcb.core.ControlRecord.Proposal;
import org.maftia.ttcb.wire.MalformedFrameException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One local TTCB: the time-triggered routines of Protocols 1 and 2 on its synchronised clock, the
 * services of spec 2.2 behind them, and crash detection of the other local TTCBs. Every method
 * runs on the TTCB's scheduler thread (the simulation thread, or the daemon's TTCB thread); the
 * entity-facing methods take the caller's eid as authenticated by the {@link EntityGateway}.
 *
 * <p>A local TTCB fails only by crashing (spec 2.2.5). When it finds that it missed its own
 * broadcast instant by more than WCETsend (a COTS host paused it), it halts rather than broadcast
 * late: the others would otherwise see a timing failure the model does not allow; halting turns
 * it into the crash the model does allow. It halts likewise when its receive routine runs more
 * than WCETreceive late. For the same reason it halts when another local TTCB
 * shows that it counts it crashed, and it serves no entity before every other member reads it
 * ({@link JoinBarrier}).
 */
public final class LocalTtcb {

    private static final Logger log = LoggerFactory.getLogger(LocalTtcb.class);
    static final int MAX_INBOX = 4096;
    private static final int MAX_REACTIONS = 256;
    /**
     * How far times given by entities may reach (tstart ahead, start_ev back, spec, delay, t_exec):
     * one hour keeps every sum of times far from overflowing and every table entry short-lived.
     */
    public static final long HORIZON = 3_600_000_000_000L;

    /** A handler run on a timing failure (spec 2.2.4.4): which action, which function, when, what it returned. */
    public record Reaction(Tag tag, String function, long at, byte[] output) {
    }

    private final TtcbSettings settings;
    private final int self;
    private final TimingParameters timing;
    private final TtcbScheduler scheduler;
    private final ControlEndpoint network;
    private final SecureRandom random;
    private final Counters counters = new Counters();
    private final SyncClock clock;
    private final ControlCodec codec;
    private final ReliableBroadcast rb;
    private final CrashDetector crashes;
    private final ClockSync clockSync;
    private final JoinBarrier join;
    private final Outbox outbox;
    private final TagSource tags;
    private final AgreementService agreements;
    private final TimeServices timeServices;
    private final ExecService exec;
    private final DistributedDetector distributed;
    private final List<ControlMessage> inbox = new ArrayList<>();
    private final Deque<Reaction> reactions = new ArrayDeque<>();
    private final boolean[] crashedView;
    /** For clock synchronisation's echo: per local TTCB, its last send time read and when (our clock) it arrived. */
    private final long[] lastSendTimeFrom;
    private final long[] lastArrivalFrom;
    private long nextBroadcastRound;
    private long broadcastDueHw;
    private long receiveDueHw;
    private volatile Lifecycle state = Lifecycle.NEW;

    public LocalTtcb(TtcbSettings settings, TtcbScheduler scheduler, ControlEndpoint network, SecureRandom random) {
        this.settings = settings;
        this.self = settings.id();
        this.timing = settings.timing();
        this.scheduler = scheduler;
        this.network = network;
        this.random = random;
        this.clock = new SyncClock(scheduler.clock());
        this.codec = new ControlCodec(settings.controlSecret(), settings.n(), random);
        this.rb = new ReliableBroadcast(self, settings.n());
        this.crashes = new CrashDetector(self, settings.n(), timing);
        this.clockSync = new ClockSync(clock, timing, self, settings.n());
        this.join = new JoinBarrier(self, settings.n(), timing);
        this.outbox = new Outbox(settings.n());
        this.tags = new TagSource(self);
        this.agreements = new AgreementService(self, settings.n(), timing, settings.maxValueBytes(), settings.maxAgreements(),
                settings.retentionNanos(), outbox, counters, random, tags);
        this.timeServices = new TimeServices(self, clock, scheduler, timing, counters, this::react, tags);
        this.exec = new ExecService(settings.library(), clock, scheduler, counters);
        this.distributed = new DistributedDetector(self, clock, scheduler, timing, settings.retentionNanos(), outbox,
                counters, this::react);
        this.crashedView = new boolean[settings.n()];
        this.lastSendTimeFrom = new long[settings.n()];
        this.lastArrivalFrom = new long[settings.n()];
        java.util.Arrays.fill(lastSendTimeFrom, -1);
    }

    /** Starts the broadcast and receive routines. */
    public void start() {
        if (!move(Lifecycle.RUNNING)) {
            return;
        }
        long now = clock.now();
        nextBroadcastRound = Math.floorDiv(now, timing.ts()) + 1;
        scheduleBroadcast();
        scheduleReceive();
    }

    /** Crashes this local TTCB: its routines stop and it answers no more calls (used by the simulation, and on a self-detected timing failure). */
    public void crash() {
        if (move(Lifecycle.HALTED)) {
            crashes.markSelfCrashed();
            log.warn("local TTCB {} halted", self);
            halted.complete(null);
        }
    }

    /** Completes when this local TTCB halts (crash, or a self-detected timing failure). */
    public java.util.concurrent.CompletableFuture<Void> halted() {
        return halted;
    }

    private final java.util.concurrent.CompletableFuture<Void> halted = new java.util.concurrent.CompletableFuture<>();

    public boolean isHalted() {
        return state == Lifecycle.HALTED;
    }

    public Lifecycle state() {
        return state;
    }

    /** Moves to {@code next} if the table allows it; false (and no change) otherwise. */
    private synchronized boolean move(Lifecycle next) {
        if (!state.canMoveTo(next)) {
            return false;
        }
        state = next;
        return true;
    }

    // ---- Protocol 2, lines 1-7 (with Protocol 1, lines 9-13): the broadcast routine ----

    private void scheduleBroadcast() {
        long delay = clock.delayUntil(nextBroadcastRound * timing.ts());
        broadcastDueHw = clock.hardwareNow() + delay;
        scheduler.schedule(delay, this::broadcastRound);
    }

    private void broadcastRound() {
        if (isHalted()) {
            return;
        }
        long now = clock.now();
        if (now < nextBroadcastRound * timing.ts()) {
            scheduleBroadcast();
            return;
        }
        long lateness = clock.hardwareNow() - broadcastDueHw;
        counters.maxRoundLateness.accumulateAndGet(lateness, Math::max);
        if (lateness > timing.wcetSend() && clock.isSynchronised()) {
            counters.lateRounds.incrementAndGet();
            log.error("local TTCB {}: broadcast round {} ran {} ns late (WCETsend {} ns); halting to stay crash-only",
                    self, nextBroadcastRound, lateness, timing.wcetSend());
            crash();
            return;
        }
        long seq = Math.max(nextBroadcastRound, Math.floorDiv(now, timing.ts()));
        long[] echoHold = new long[settings.n()];
        for (int j = 0; j < echoHold.length; j++) {
            echoHold[j] = lastSendTimeFrom[j] < 0 ? -1 : Math.max(0, now - lastArrivalFrom[j]);
        }
        ControlMessage m = rb.message(seq, now, lastSendTimeFrom, echoHold, outbox.drain());
        byte[] frame = codec.seal(m);
        join.sent(now, clock.hardwareNow());
        for (int copy = 0; copy <= timing.od(); copy++) {
            network.broadcast(frame);
            if (isHalted()) {
                return;
            }
        }
        // The sender reads its own message as any other local TTCB does.
        rb.firstCopy(m);
        inbox.add(m);
        nextBroadcastRound = seq + 1;
        scheduleBroadcast();
    }

    // ---- Protocol 2, lines 8-17 (with Protocol 1, lines 14-21): the receive routine ----

    /** A frame from the control network, stamped with the hardware clock when it arrived. */
    public void onFrame(byte[] frame, long arrivalHardwareNanos) {
        if (isHalted()) {
            return;
        }
        ControlMessage m;
        try {
            m = codec.open(frame);
        } catch (MalformedFrameException e) {
            counters.framesMalformed.incrementAndGet();
            log.debug("local TTCB {}: dropped a control frame: {}", self, e.getMessage());
            return;
        }
        if (m.sender() == self) {
            counters.framesMalformed.incrementAndGet();
            return;
        }
        if (crashes.isCrashed(m.sender())) {
            counters.fromCrashed.incrementAndGet();
            return;
        }
        if (clock.isSynchronised() && m.seq() * timing.ts() > clock.now() + timing.pi() + 2 * timing.ts()) {
            counters.fromFuture.incrementAndGet();
            return;
        }
        if (!rb.unread(m)) {
            counters.copiesDiscarded.incrementAndGet();
            return;
        }
        // Room is checked before M counts as read (line 9): a copy dropped here is one more
        // omission, and one of the other Od copies is read (AN3). Nothing of M is used before then.
        if (inbox.size() >= MAX_INBOX) {
            counters.inboxFull.incrementAndGet();
            return;
        }
        rb.markRead(m);
        if (!join.heard(m, arrivalHardwareNanos)) {
            log.error("local TTCB {}: local TTCB {} no longer reads its messages (counts it crashed); halting so that crash views agree",
                    self, m.sender());
            crash();
            return;
        }
        clockSync.observe(m, arrivalHardwareNanos);
        lastSendTimeFrom[m.sender()] = m.sendTime();
        lastArrivalFrom[m.sender()] = clock.at(arrivalHardwareNanos);
        crashes.heard(m.sender(), m.seq());
        inbox.add(m);
    }

    private void receiveRound() {
        if (isHalted()) {
            return;
        }
        // Run later than WCETreceive after its instant, this routine would judge the deadlines of
        // crash detection and Timeliness on a clock that has run past copies still waiting to be
        // read, and count live local TTCBs crashed for good. Suspicions cannot be withdrawn (a
        // crash is permanent, spec 2.2.5, and agreements already left the suspected out), so the
        // timing failure is turned into the failure the model allows: this local TTCB halts.
        long lateness = clock.hardwareNow() - receiveDueHw;
        counters.maxRoundLateness.accumulateAndGet(lateness, Math::max);
        if (lateness > timing.wcetReceive() && clock.isSynchronised()) {
            counters.lateRounds.incrementAndGet();
            log.error("local TTCB {}: receive routine ran {} ns late (WCETreceive {} ns); halting to stay crash-only",
                    self, lateness, timing.wcetReceive());
            crash();
            return;
        }
        for (ControlMessage m : inbox) {
            rb.receive(m, this::rDeliver);
        }
        inbox.clear();
        long now = clock.now();
        counters.neverDelivered.addAndGet(rb.purgeOlderThan(now - 2 * timing.tbroadcast()));
        clockSync.onReceiveRound(crashedView, join.allAdmitted());
        if (clock.isSynchronised()) {
            crashes.arm(Math.floorDiv(clock.now(), timing.ts()));
            for (int j : crashes.update(clock.now())) {
                crashedView[j] = true;
                counters.crashesDetected.incrementAndGet();
                log.warn("local TTCB {}: local TTCB {} crashed (no broadcast by its deadline)", self, j);
            }
        }
        agreements.expire(now);
        scheduleReceive();
    }

    private void scheduleReceive() {
        long delay = clock.delayUntil((Math.floorDiv(clock.now(), timing.tr()) + 1) * timing.tr());
        receiveDueHw = clock.hardwareNow() + delay;
        scheduler.schedule(delay, this::receiveRound);
    }

    /** R-deliver(M.data): inserts each record in the tables (Protocol 1, lines 16-20). */
    private void rDeliver(ControlMessage m) {
        counters.rDelivered.incrementAndGet();
        long now = clock.now();
        if (clock.isSynchronised() && now - m.sendTime() > timing.tbroadcast()) {
            counters.lateDeliveries.incrementAndGet();
            log.warn("local TTCB {}: R-delivered M({}, {}) {} ns after its broadcast, beyond Tbroadcast = {} ns (timing failure)",
                    self, m.sender(), m.seq(), now - m.sendTime(), timing.tbroadcast());
        }
        for (ControlRecord r : m.data()) {
            switch (r) {
                case Proposal p -> agreements.onDelivered(m.sender(), p, now);
                case DistStart s -> distributed.onDelivered(m.sender(), s);
                case DistDeliv d -> distributed.onDelivered(m.sender(), d);
            }
        }
    }

    private void react(Tag tag, Handler handler) {
        var f = settings.library().find(handler.function());
        if (f.isEmpty()) {
            return;
        }
        byte[] output = f.get().body().apply(handler.argument());
        counters.handlersRun.incrementAndGet();
        if (reactions.size() >= MAX_REACTIONS) {
            reactions.removeFirst();
        }
        reactions.addLast(new Reaction(tag, handler.function(), clock.now(), output));
        log.warn("local TTCB {}: timing failure of {}: ran handler {}", self, tag, handler.function());
    }

    // ---- The services of spec 2.2, for an authenticated caller ----

    public long getRandom() {
        return random.nextLong();
    }

    public ProposeResult propose(Eid caller, List<Eid> elist, long tstart, DecisionFunction decision, byte[] value) {
        if (!clock.isSynchronised()) {
            return new ProposeResult(TtcbError.NOT_SYNCHRONIZED, null);
        }
        if (tstart > clock.now() + HORIZON) {
            return new ProposeResult(TtcbError.BAD_TIMESTAMP, null);
        }
        return agreements.propose(caller, elist, tstart, decision, value, clock.now());
    }

    /** Whether the entity proposed in (or was charged with) an agreement whose record is still here. */
    boolean holdsAgreement(Eid eid) {
        return agreements.holds(eid);
    }

    public DecideResult decide(Eid caller, Tag tag, boolean confidential) {
        long now = clock.now();
        return agreements.decide(caller, tag, now, j -> crashes.isSettled(j, now), confidential);
    }

    public long getTimestamp() {
        return clock.now();
    }

    public TagResult startMeasurement(long startEv) {
        if (!recent(startEv)) {
            return new TagResult(TtcbError.BAD_TIMESTAMP, null);
        }
        return timeServices.startMeasurement(startEv);
    }

    public Measurement stopMeasurement(Tag tag, long endEv) {
        return timeServices.stopMeasurement(tag, endEv);
    }

    public CompletableFuture<ExecResult> exec(long startEv, long delay, long tExec, String function, byte[] argument) {
        if (!recent(startEv) || !span(delay) || !span(tExec)) {
            return CompletableFuture.completedFuture(new ExecResult(TtcbError.BAD_TIMESTAMP, 0, new byte[0]));
        }
        return exec.exec(startEv, delay, tExec, function, argument);
    }

    public TagResult startLocal(long startEv, long spec, Handler handler) {
        if (!recent(startEv) || !span(spec)) {
            return new TagResult(TtcbError.BAD_TIMESTAMP, null);
        }
        if (!knownHandler(handler)) {
            return new TagResult(TtcbError.UNKNOWN_FUNCTION, null);
        }
        return timeServices.startLocal(startEv, spec, handler);
    }

    public EndLocalResult endLocal(Tag tag) {
        return timeServices.endLocal(tag);
    }

    /** Drops a measurement or local action whose entity is gone, without ending it (no handler runs). */
    void forgetAction(Tag tag) {
        timeServices.forget(tag);
    }

    public TagResult startDistributed(Eid caller, long startEv, long spec, long mid, List<Eid> elist, Handler handler) {
        if (!recent(startEv) || !span(spec)) {
            return new TagResult(TtcbError.BAD_TIMESTAMP, null);
        }
        if (!knownHandler(handler)) {
            return new TagResult(TtcbError.UNKNOWN_FUNCTION, null);
        }
        if (!clock.isSynchronised()) {
            return new TagResult(TtcbError.NOT_SYNCHRONIZED, null);
        }
        return distributed.startDistributed(tags.action(), caller, startEv, spec, mid, elist, handler);
    }

    public DelivResult delivDistributed(Eid caller, long mid, Tag tag) {
        if (!clock.isSynchronised()) {
            return new DelivResult(TtcbError.NOT_SYNCHRONIZED, 0, Timeliness.UNKNOWN_YET);
        }
        return distributed.delivDistributed(caller, mid, tag);
    }

    public CompletableFuture<DistributedInfo> waitInfo(Tag tag) {
        return distributed.waitInfo(tag);
    }

    public int getLocalTTCBid() {
        return self;
    }

    public CrashResult crashedLocalTTCBid(int id) {
        if (id < 0 || id >= settings.n()) {
            return new CrashResult(TtcbError.UNKNOWN_ID, false);
        }
        return new CrashResult(TtcbError.OK, crashes.isCrashed(id));
    }

    public CrashResult crashedEid(Eid eid) {
        return crashedLocalTTCBid(eid.ttcb());
    }

    /** A start_ev is a TTCB timestamp already given: not in the future, not older than the horizon. */
    private boolean recent(long startEv) {
        long now = clock.now();
        return startEv <= now && startEv >= now - HORIZON;
    }

    private static boolean span(long nanos) {
        return nanos >= 0 && nanos <= HORIZON;
    }

    private boolean knownHandler(Handler h) {
        return h.isNone() || settings.library().find(h.function()).isPresent();
    }

    // ---- Observation ----

    public int id() {
        return self;
    }

    public TimingParameters timing() {
        return timing;
    }

    public Counters counters() {
        return counters;
    }

    public boolean isSynchronised() {
        return clock.isSynchronised();
    }

    /** The synchronised clock's correction to the hardware clock, in nanoseconds. */
    public long clockCorrection() {
        return clock.correction();
    }

    public long resyncs() {
        return clockSync.resyncs();
    }

    public List<Reaction> reactions() {
        return List.copyOf(reactions);
    }

    public TtcbScheduler scheduler() {
        return scheduler;
    }

    @Override
    public String toString() {
        return "LocalTtcb[" + self + (isHalted() ? ", halted" : "") + ", " + counters + "]";
    }
}
