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
 * <p>Bounded state: per lane one live instance, at most one delivered entry parked while the
 * application's window is full, and the last {@code retained} delivered instances, kept running
 * so that parties lagging behind can still get what they miss from this one (Protocol 5, lines
 * 25-27, answers requests after delivering); older ones are finished. A corrupted sender can thus
 * make this party hold at most {@code retained + 1} of its instances, and a consistent broadcast
 * that never delivers stalls only its own lane.
 *
 * <p>Flow control: when the application refuses more ({@link Output#deliver} is false), lanes
 * park what they deliver and start no further instance until {@link #resume()}.
 *
 * <p>Runs on the site's protocol thread; it has no messages of its own.
 */
public final class Aggregation extends ProtocolInstance {

    private static final Logger LOG = LoggerFactory.getLogger(Aggregation.class);

    /** A started sub-broadcast: the instance, and how this party broadcasts in it when it is the sender. */
    public record Sub(ProtocolInstance instance, Consumer<byte[]> broadcast) {
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
        /** Null once the lane ended (close, refused entry, or the stream ended), or until its next instance starts. */
        Sub live;
        /** This party already broadcast in {@link #live} (its own lane only). */
        boolean broadcastInLive;
        /** Delivered by {@link #live} while the application's window was full. */
        StreamEntry parked;
        final ArrayDeque<ProtocolInstance> kept = new ArrayDeque<>();

        Lane(int sender) {
            this.sender = sender;
        }
    }

    private final String tag;
    private final int retained;
    private final SubFactory factory;
    private final Output output;
    private final LongAdder refused = new LongAdder();
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
     * {@code factory}; {@code retained} delivered instances are kept per lane.
     */
    public Aggregation(String protocolId, String tag, int retained, SubFactory factory, Output output) {
        super(protocolId);
        if (retained < 0) {
            throw new IllegalArgumentException("retained instances must be >= 0, not " + retained);
        }
        this.tag = tag;
        this.retained = retained;
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

    /** Spec 5.2.1.8: "a new instance of such a stream starts n simultaneous broadcasts". */
    @Override
    protected void onStart() {
        lanes = new Lane[ctx.n()];
        for (int j = 0; j < ctx.n(); j++) {
            lanes[j] = new Lane(j);
            startNext(lanes[j]);
        }
    }

    @Override
    protected void onMessage(int from, int type, byte[] body) throws MalformedMessageException {
        throw new MalformedMessageException("stream " + protocolId() + " has no messages of its own (type " + type + ")");
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

    /** Abort: finishes every instance of the stream at this site. */
    public void release() {
        whenAttached(this::end);
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
        StreamEntry entry;
        try {
            entry = StreamEntry.decode(bytes, ctx.n());
        } catch (MalformedMessageException e) {
            refuse(lane, e.getMessage());
            return;
        }
        if (entry.origin() != lane.sender) {
            refuse(lane, "entry of P" + entry.origin() + " in an instance of P" + lane.sender);
            return;
        }
        if (entry instanceof StreamEntry.Data d && d.seq() != k) {
            refuse(lane, "entry number " + d.seq() + " in instance number " + k);
            return;
        }
        lane.parked = entry;
        if (!stalled) {
            handOver(lane);
        }
    }

    /** Only a corrupted sender puts such an entry in its own broadcast: its lane ends. */
    private void refuse(Lane lane, String why) {
        refused.increment();
        LOG.debug("site {}: {} refused P{}'s entry {}: {}", ctx.self(), protocolId(), lane.sender, lane.k, why);
        retire(lane);
        lane.live = null;
    }

    /** The lane's parked entry goes to the application; the lane moves on, or ends on a close. */
    private void handOver(Lane lane) {
        StreamEntry entry = lane.parked;
        lane.parked = null;
        retire(lane);
        switch (entry) {
            case StreamEntry.Data d -> {
                stalled = !output.deliver(d.payload(), lane.sender == ctx.self());
                lane.live = null;
                lane.k++;
                startNext(lane);
            }
            case StreamEntry.Close c -> {
                // After a party's close, its later instances are not started (spec 3.2).
                lane.live = null;
                closed.set(lane.sender);
                if (closed.cardinality() >= ctx.t() + 1) {
                    output.terminate();
                    end();
                }
            }
        }
    }

    /** The live instance delivered: keep it among the last {@code retained}, finish older ones. */
    private void retire(Lane lane) {
        lane.kept.add(lane.live.instance());
        while (lane.kept.size() > retained) {
            lane.kept.poll().finish();
        }
    }

    /** Terminated or aborted: every instance of the stream at this site is finished. */
    private void end() {
        if (ended) {
            return;
        }
        ended = true;
        for (Lane lane : lanes) {
            if (lane.live != null) {
                lane.live.instance().finish();
                lane.live = null;
            }
            lane.kept.forEach(ProtocolInstance::finish);
            lane.kept.clear();
            lane.parked = null;
        }
        outbox.clear();
        finish();
    }
}
