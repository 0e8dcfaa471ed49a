package org.maftia.group.stream;

import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.maftia.group.core.MalformedMessageException;
import org.maftia.group.core.ProtocolInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An aggregated broadcast stream at one site (spec 5.2.1.8, and 3.2 "Stream"): one broadcast
 * instance per possible sender at a time; when sender P_j's instance delivers, the entry goes to
 * the application and P_j's next instance starts. Sender P_j's k-th instance is tagged
 * {@code protocolID|tag|j|k} (convention 5); its entry must be P_j's item number k
 * ({@link StreamEntry.Data} with origin j and seq k) or P_j's {@link StreamEntry.Close}, after
 * which P_j's lane ends. The stream terminates when the closes of t+1 distinct senders were handed
 * over (spec 3.2: more than the corrupted parties can send).
 *
 * <p>A lane is sequential: P_j's k-th entry is handed over only after its (k-1)-th, since
 * instance k starts only then. The sender of a sub-broadcast is authenticated by the broadcast, so
 * an entry naming another origin or another number can only come from a corrupted P_j: it is
 * refused, counted, and P_j's lane ends (every honest party that delivers it refuses it too).
 *
 * <p><b>Delivered instances and laggards</b> (reliable stream; spec 5.2.1.8 does not say when an
 * instance may be finished). A party that lacks a payload the others delivered asks for it
 * (Protocol 5, lines 20-27), so the others must keep their delivered instance running until it
 * has it, or a corrupted sender that withholds entry k from one honest party and races ahead
 * with the others would leave that party's lane stalled for good. So a party keeps each
 * delivered instance until every party has shown it delivered the entry (a
 * {@link ProgressReport}, sent every {@value #REPORT_EVERY} entries of a lane and at its end),
 * but per lane only within {@code retainedMiB} MiB (payloads, plus
 * {@value KeptInstances#INSTANCE_BYTES} bytes per instance), oldest finished first.
 *
 * <p>Why this gives totality per sender to an honest party less than a budget behind: if an
 * honest party delivers P_j's entry k, the laggard reaches instance k (by induction over k: a
 * lane is sequential), gets 2t+1 readies and asks 2t+1 parties, one of them honest and holding m̄
 * when asked (Protocol 5); that one still runs instance k, since the laggard has not reported k.
 * Honest parties report only what they delivered and a corrupted one speaks for itself only, so
 * no report makes an instance finish before every honest party has its entry. The budget is the
 * price of bounded memory: to the others a laggard is indistinguishable from a corrupted party
 * that stays silent, on which an honest sender's lane must not stall. The laggard also needs the
 * later instances' messages, which wait at its own site (the session's bounded waiting room).
 * Once the stream terminated here, its instances are finished: a party still behind terminates
 * on the closes it delivers itself, its lanes then prefixes of this party's.
 *
 * <p>A consistent stream ({@code retainedMiB} 0) keeps nothing and reports nothing: the plain
 * consistent broadcast answers no request once delivered (Protocol 6, lines 22-29, are the
 * verifiable variant's), so its guarantee per sender is consistency, not totality: a corrupted
 * sender can stall its own lane at an honest party, holding one live instance there, no more.
 *
 * <p>Bounded state per lane: one live instance, at most one delivered entry parked while the
 * application's window is full, and the kept instances within the lane's budget; the
 * {@link LaneProgress} table is n × n numbers.
 *
 * <p>Flow control: when the application refuses more ({@link Output#deliver} is false), lanes
 * park what they deliver and start no further instance until {@link #resume()}.
 *
 * <p>Runs on the site's protocol thread.
 */
public final class Aggregation extends ProtocolInstance<ProgressReport> {

    private static final Logger LOG = LoggerFactory.getLogger(Aggregation.class);

    /**
     * A party reports its progress on a lane every this many entries: a report per delivery would
     * add a message per party and entry; this keeps up to that many more instances per lane.
     */
    static final int REPORT_EVERY = 8;

    /** A started sub-broadcast: the instance, and how this party broadcasts in it when it is the sender. */
    public record Sub(ProtocolInstance<?> instance, Consumer<byte[]> broadcast) {
    }

    /** Makes the sub-broadcast {@code id} of {@code sender}, which calls {@code deliver} with its payload. */
    @FunctionalInterface
    public interface SubFactory {
        Sub create(String id, int sender, Consumer<byte[]> deliver);
    }

    /** Where the stream's output goes (the API class, spec 3.2). */
    public interface Output {
        /** Hands a payload over; false when the application's window is full. */
        boolean deliver(byte[] payload, boolean own);

        void terminate();
    }

    /** One sender's sequence of instances. */
    private final class Lane {
        final int sender;
        /** Number of the live instance: the entry it delivers must be the sender's k-th. */
        long k;
        /** Null from its delivery until the next instance starts, and once the lane ended. */
        Sub live;
        /** This party already broadcast in {@link #live} (its own lane only). */
        boolean broadcastInLive;
        /** Delivered while the application's window was full. */
        StreamEntry parked;
        final KeptInstances kept;

        Lane(int sender) {
            this.sender = sender;
            this.kept = new KeptInstances(keptBytesPerSender);
        }
    }

    private final String tag;
    private final long keptBytesPerSender;
    private final SubFactory factory;
    private final Output output;
    private final LongAdder refused = new LongAdder();
    private final LongAdder finishedOverBudget = new LongAdder();
    private LaneProgress progress;
    /** This party's payloads not yet broadcast, in order; then its close if asked for. */
    private final ArrayDeque<byte[]> outbox = new ArrayDeque<>();
    private boolean closeAsked;
    private final BitSet closed = new BitSet();
    private Lane[] lanes;
    private boolean stalled;
    private boolean ended;
    /** Where {@link #resume()} starts, turning, so no lane always goes first. */
    private int resumeFrom;
    private final ArrayDeque<Lane> toStart = new ArrayDeque<>();
    private boolean starting;

    /**
     * The stream {@code protocolId}; its sub-broadcasts are tagged {@code tag} and made by
     * {@code factory}; per sender, delivered instances are kept for the parties that have not
     * shown they delivered them within {@code retainedMiB} MiB (0: none kept, for a broadcast that
     * answers no request once delivered).
     */
    public Aggregation(String protocolId, String tag, int retainedMiB, SubFactory factory, Output output) {
        super(protocolId);
        if (retainedMiB < 0 || retainedMiB > 1 << 20) {
            throw new IllegalArgumentException("MiB kept per sender must be between 0 and 2^20, not " + retainedMiB);
        }
        this.tag = tag;
        this.keptBytesPerSender = (long) retainedMiB << 20;
        this.factory = factory;
        this.output = output;
    }

    /** The id of sender {@code j}'s {@code k}-th sub-broadcast in stream {@code protocolId}. */
    public static String subId(String protocolId, String tag, int j, long k) {
        return protocolId + "|" + tag + "|" + j + "|" + k;
    }

    /** Entries refused so far: they did not decode, or named another origin or number than their instance. */
    public long refused() {
        return refused.sum();
    }

    /**
     * Delivered instances finished before every party showed it delivered them, as their lane was
     * over its budget: a party that far behind can no longer get them from this one.
     */
    public long finishedOverBudget() {
        return finishedOverBudget.sum();
    }

    private boolean keeps() {
        return keptBytesPerSender > 0;
    }

    /** Spec 5.2.1.8: "a new instance of such a stream starts n simultaneous broadcasts". */
    @Override
    protected void onStart() {
        lanes = new Lane[ctx.n()];
        progress = new LaneProgress(ctx.n());
        for (int j = 0; j < ctx.n(); j++) {
            lanes[j] = new Lane(j);
            startNext(lanes[j]);
        }
    }

    @Override
    protected ProgressReport decode(int type, byte[] body) throws MalformedMessageException {
        if (!keeps()) {
            throw new MalformedMessageException("stream " + protocolId() + " keeps nothing, so it has no messages (type " + type + ")");
        }
        return ProgressReport.decode(type, body, ctx.n());
    }

    @Override
    protected void onMessage(int from, ProgressReport report) {
        onProgress(from, report.lane(), report.next());
    }

    /** P_from delivered the lane's entries below {@code next}: the instances every party delivered are finished. */
    private void onProgress(int from, int lane, long next) {
        if (!ended && progress.delivered(from, lane, next)) {
            lanes[lane].kept.finishBelow(progress.everyone(lane));
        }
    }

    /** This party's payload, broadcast in its next instance. */
    public void submit(byte[] payload) {
        whenAttached(() -> {
            if (!ended) {
                outbox.add(payload);
                broadcastIfIdle();
            }
        });
    }

    /** This party's close, broadcast after its payloads (spec 3.2: a close is a stream message). */
    public void submitClose() {
        whenAttached(() -> {
            if (!ended) {
                closeAsked = true;
                broadcastIfIdle();
            }
        });
    }

    /** The application has room again: hand over what lanes parked, in turn. */
    public void resume() {
        whenAttached(() -> {
            stalled = false;
            for (int i = 0; i < lanes.length && !stalled && !ended; i++) {
                Lane lane = lanes[(resumeFrom + i) % lanes.length];
                if (lane.parked != null) {
                    handOver(lane);
                }
            }
            resumeFrom = (resumeFrom + 1) % lanes.length;
        });
    }

    /**
     * Starts the lane's next instance. Starting one hands it the messages that waited for it, which
     * may deliver at once and start the next: a work list instead of recursion keeps the stack flat
     * for a party far behind.
     */
    private void startNext(Lane lane) {
        toStart.add(lane);
        if (starting) {
            return;
        }
        starting = true;
        try {
            for (Lane next = toStart.poll(); next != null; next = toStart.poll()) {
                if (!ended) {
                    start(next);
                }
            }
        } finally {
            starting = false;
        }
    }

    private void start(Lane lane) {
        long k = lane.k;
        Sub sub = factory.create(subId(protocolId(), tag, lane.sender, k), lane.sender, m -> onDelivered(lane, k, m));
        lane.live = sub;
        lane.broadcastInLive = false;
        ctx.start(sub.instance());
        if (lane.sender == ctx.self()) {
            broadcastIfIdle();
        }
    }

    /** This party's lane broadcasts its next item in the live instance, if it has not yet. */
    private void broadcastIfIdle() {
        Lane own = lanes[ctx.self()];
        if (own.live == null || own.broadcastInLive) {
            return;
        }
        StreamEntry entry;
        if (!outbox.isEmpty()) {
            entry = new StreamEntry.Data(ctx.self(), own.k, outbox.poll());
        } else if (closeAsked) {
            entry = new StreamEntry.Close(ctx.self(), new byte[0]);
        } else {
            return;
        }
        own.broadcastInLive = true;
        own.live.broadcast().accept(entry.encode());
    }

    /** Sender P_j's k-th instance delivered {@code bytes}. */
    private void onDelivered(Lane lane, long k, byte[] bytes) {
        if (ended || lane.live == null || lane.k != k) {
            return;
        }
        ProtocolInstance<?> delivered = lane.live.instance();
        lane.live = null;
        StreamEntry entry;
        try {
            entry = StreamEntry.decode(bytes, ctx.n());
        } catch (MalformedMessageException e) {
            refuse(lane, k, delivered, bytes.length, e.getMessage());
            return;
        }
        String wrong = entry.origin() != lane.sender ? "entry of P" + entry.origin() + " in an instance of P" + lane.sender
                : entry instanceof StreamEntry.Data d && d.seq() != k ? "entry number " + d.seq() + " in instance number " + k
                : null;
        if (wrong != null) {
            refuse(lane, k, delivered, bytes.length, wrong);
            return;
        }
        // After a party's close, its later instances are not started (spec 3.2).
        retire(lane, k, delivered, bytes.length, entry instanceof StreamEntry.Close);
        lane.parked = entry;
        if (!stalled) {
            handOver(lane);
        }
    }

    /** Only a corrupted sender puts such an entry in its own broadcast: its lane ends (no next instance). */
    private void refuse(Lane lane, long k, ProtocolInstance<?> delivered, int entryBytes, String why) {
        refused.increment();
        LOG.debug("site {}: {} refused P{}'s entry {}: {}", ctx.self(), protocolId(), lane.sender, k, why);
        retire(lane, k, delivered, entryBytes, true);
    }

    /**
     * Instance k delivered ({@code last}: the lane's last): kept while other parties may still ask
     * for its payload, or finished at once if this stream keeps nothing; this party's progress is
     * reported every {@value #REPORT_EVERY} entries and at the lane's end.
     */
    private void retire(Lane lane, long k, ProtocolInstance<?> delivered, int entryBytes, boolean last) {
        if (!keeps()) {
            delivered.finish();
            return;
        }
        finishedOverBudget.add(lane.kept.keep(k, delivered, entryBytes));
        progress.delivered(ctx.self(), lane.sender, k + 1);
        lane.kept.finishBelow(progress.everyone(lane.sender));
        if ((k + 1) % REPORT_EVERY == 0 || last) {
            ProgressReport report = new ProgressReport(lane.sender, k + 1);
            for (int to = 0; to < ctx.n(); to++) {
                if (to != ctx.self()) {
                    ctx.send(to, report);
                }
            }
        }
    }

    /** The lane's parked entry goes to the application; the lane moves on, or ends on a close. */
    private void handOver(Lane lane) {
        StreamEntry entry = lane.parked;
        lane.parked = null;
        switch (entry) {
            case StreamEntry.Data d -> {
                stalled = !output.deliver(d.payload(), lane.sender == ctx.self());
                lane.k++;
                startNext(lane);
            }
            case StreamEntry.Close c -> {
                closed.set(lane.sender);
                if (closed.cardinality() >= ctx.t() + 1) {
                    output.terminate();
                    finish();
                }
            }
        }
    }

    /** Terminated or aborted: the lanes' instances ended with it (its sub-protocols); what it held goes too. */
    @Override
    protected void onEnd() {
        ended = true;
        if (lanes == null) {
            return; // aborted before it started
        }
        for (Lane lane : lanes) {
            lane.live = null;
            lane.kept.finishAll();
            lane.parked = null;
        }
        outbox.clear();
    }
}
