package org.maftia.replication.replica;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.maftia.crypto.MalformedEncodingException;
import org.maftia.crypto.codec.ByteReader;
import org.maftia.group.abc.Abc;
import org.maftia.group.core.Envelope;
import org.maftia.group.core.GroupKeys;
import org.maftia.group.core.MalformedMessageException;
import org.maftia.group.core.ProtocolInstance;
import org.maftia.group.stream.StreamEntry;
import org.maftia.net.client.ClientId;
import org.maftia.replication.CallerGroup;
import org.maftia.replication.Invoker;
import org.maftia.replication.ReplicaOptions;
import org.maftia.replication.ReplicatedService;
import org.maftia.replication.ReplySink;
import org.maftia.replication.invocation.CallerVotes;
import org.maftia.replication.invocation.ClientTable;
import org.maftia.replication.invocation.ReplyCache;
import org.maftia.replication.recovery.Checkpoint;
import org.maftia.replication.recovery.ReplicaState;
import org.maftia.replication.recovery.StateTransfer;
import org.maftia.replication.wire.ClientReply;
import org.maftia.replication.wire.ClientRequest;
import org.maftia.replication.wire.OrderedRequest;
import org.maftia.replication.wire.TransferMessage;
import org.maftia.replication.wire.TransferMessage.Chunk;
import org.maftia.replication.wire.TransferMessage.ChunkRequest;
import org.maftia.replication.wire.TransferMessage.Offer;
import org.maftia.replication.wire.TransferMessage.Offered;
import org.maftia.replication.wire.TransferMessage.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replica of a replicated service at one site (spec 5.3.3, 5.3.6), on the site's protocol
 * thread: the Open Group protocol (Protocol 12) for the requests clients send here, the
 * Invocation protocol (Protocol 13) for the requests the group's atomic broadcast delivers, and
 * checkpoints with state transfer (Protocol 25, generalized) for a replica that lost its state.
 *
 * <p>A replica begins by asking the others which checkpoints they hold, and starts its atomic
 * broadcast from the latest state t+1 of them vouch for: the initial state when the group is new,
 * a later one when this site's process was restarted. Until then it is recovering and refuses
 * clients' requests (a client asks another member). The protocols' own messages between replicas
 * are the state transfer's; requests travel in the atomic broadcast, replies to clients over
 * their own links ({@link ReplySink}).
 */
public final class ReplicaInstance extends ProtocolInstance<TransferMessage> {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaInstance.class);

    private final ReplicatedService service;
    private final GroupKeys keys;
    private final ReplicaOptions options;
    private final Abc.Settings abcSettings;
    private final ReplySink replies;
    private final ReplicaCounters counters = new ReplicaCounters();
    private ClientTable clients;
    private CallerVotes callerVotes;
    private final ReplyCache replyCache;
    /** Requests this replica broadcast and has not seen delivered (Protocol 12 would broadcast them again). */
    private final Map<Invoker, Integer> pending = new HashMap<>();
    private final Map<ClientId, Integer> pendingPerClient = new HashMap<>();
    private long pendingBytes;
    /** The checkpoints held, oldest first: the last two. */
    private final ArrayDeque<Checkpoint> checkpoints = new ArrayDeque<>();
    /** Per replica, chunks served since the latest checkpoint: a corrupted replica cannot make this one send without end. */
    private final Map<Integer, Integer> chunksServed = new HashMap<>();
    /** How many retry periods apart a running replica checks whether it was left behind. */
    private static final int LAG_CHECK_RETRIES = 4;

    /** The state being chosen and fetched: while recovering, or while a running replica checks for lag; else null. */
    private StateTransfer transfer;
    private long roundAtLagCheck;
    private long lastAskedMillis;
    private long lastChunkMillis;
    private Abc abc;
    private long executed;
    private long executedSinceCheckpoint;
    private long broadcastSeq;

    public ReplicaInstance(String protocolId, GroupKeys keys, ReplicatedService service, ReplicaOptions options,
                           Abc.Settings abcSettings, ReplySink replies) {
        super(protocolId);
        this.keys = keys;
        this.service = service;
        this.options = options;
        this.abcSettings = abcSettings;
        this.replies = replies;
        this.replyCache = new ReplyCache(options.replyCacheBytes());
    }

    public ReplicaCounters counters() {
        return counters;
    }

    /** Whether the replica runs the atomic broadcast (it is not recovering). */
    public boolean running() {
        return abc != null;
    }

    /** Requests executed since the group began. */
    public long executed() {
        return executed;
    }

    /** The round of the atomic broadcast this replica is in; -1 while recovering. */
    public long round() {
        return abc == null ? -1 : abc.round();
    }

    /** The round of the latest checkpoint; -1 before the replica started. */
    public long latestCheckpointRound() {
        Checkpoint c = checkpoints.peekLast();
        return c == null ? -1 : c.round();
    }

    /** The service's state now, for tests and status: its snapshot. */
    public byte[] serviceSnapshot() {
        return service.snapshot();
    }

    @Override
    protected void onStart() {
        clients = new ClientTable(options.clientWindow(), options.maxClients());
        callerVotes = new CallerVotes(options.callers(), options.clientWindow());
        checkpoints.add(Checkpoint.of(new ReplicaState(Abc.ResumePoint.initial(), clients.encode(), callerVotes.encode(),
                service.snapshot(), 0)));
        transfer = new StateTransfer(ctx.t(), Long.MAX_VALUE);
        askForCheckpoints();
    }

    @Override
    protected void onEnd() {
        pending.clear();
        pendingPerClient.clear();
    }

    @Override
    protected TransferMessage decode(int type, byte[] body) throws MalformedMessageException {
        return TransferMessage.decode(type, body);
    }

    @Override
    protected void onMessage(int from, TransferMessage message) throws MalformedMessageException {
        switch (message) {
            case Query q -> ctx.send(from, offer());
            case Offer o -> onOffer(from, o);
            case ChunkRequest r -> onChunkRequest(from, r);
            case Chunk c -> onChunk(from, c);
        }
    }

    // ---- Protocol 12, Open Group: a request a client sent to this member ----

    /** Upon (v-multicast, m|seq) from a client: broadcast it unless executed already (then its reply again) or under way. */
    public void onClientRequest(ClientId client, ClientRequest request) {
        Invoker invoker = new Invoker(client, request.session(), request.sequence());
        if (request.operation().length > options.maxRequestBytes()) {
            counters.refusedTooLarge++;
            replies.send(client, ClientReply.refusal(request.session(), request.sequence(), ClientReply.Status.REFUSED,
                    "a request of " + request.operation().length + " bytes; the group takes at most " + options.maxRequestBytes())
                    .encode());
            return;
        }
        if (abc == null) {
            counters.refusedRecovering++;
            return; // recovering: the client's timeout takes it to another member
        }
        if (request.readOnly()) {
            replies.send(client, readOnly(invoker, request.operation()).encode());
            return;
        }
        Invoker source = source(invoker);
        if (clients.judge(source) == ClientTable.Verdict.DUPLICATE) {
            counters.duplicatesReceived++;
            byte[] reply = replyCache.get(source);
            if (reply != null) {
                replies.send(client, reply);
            }
            return;
        }
        if (pending.containsKey(invoker) || callerVotes.voted(client, request.session(), request.sequence())) {
            counters.duplicatesReceived++;
            return;
        }
        int perClient = pendingPerClient.getOrDefault(client, 0);
        int size = request.operation().length + 64;
        if (perClient >= options.clientWindow() || pendingBytes + size > options.maxPendingBytes()) {
            counters.refusedOverloaded++;
            return;
        }
        pending.put(invoker, size);
        pendingPerClient.put(client, perClient + 1);
        pendingBytes += size;
        byte[] payload = new OrderedRequest(invoker, request.operation()).encode();
        abc.broadcast(new StreamEntry.Data(ctx.self(), broadcastSeq++, payload));
    }

    private ClientReply readOnly(Invoker invoker, byte[] operation) {
        try {
            return ClientReply.ok(invoker.session(), invoker.sequence(), service.executeReadOnly(operation, invoker));
        } catch (RuntimeException e) {
            counters.serviceFailures++;
            return ClientReply.refusal(invoker.session(), invoker.sequence(), ClientReply.Status.REFUSED,
                    "the service refused the read-only request: " + e.getMessage());
        }
    }

    // ---- Protocol 13, Invocation: a request the atomic broadcast delivered ----

    /**
     * Upon (a-deliver, m|seq|source): execute it unless in history (lines 2-4, keyed by
     * membership = group(source)); its reply to the client. A member of a caller group votes: the
     * group's request executes once t+1 of its members asked alike, and the reply goes to each.
     */
    private void onDelivered(byte[] payload) {
        OrderedRequest request;
        try {
            request = OrderedRequest.decode(payload);
        } catch (MalformedEncodingException | IllegalArgumentException e) {
            counters.malformedOrdered++;
            return; // a corrupted member's broadcast: every honest replica skips it alike
        }
        Invoker invoker = request.invoker();
        settlePending(invoker);
        CallerGroup group = callerVotes.groupOf(invoker.client());
        Invoker source = group == null ? invoker : new Invoker(group.id(), invoker.session(), invoker.sequence());
        List<ClientId> askers = List.of(invoker.client());
        ClientReply reply = switch (clients.judge(source)) {
            case DUPLICATE -> {
                counters.duplicatesOrdered++;
                byte[] sent = replyCache.get(source);
                if (sent != null) {
                    replies.send(invoker.client(), sent);
                }
                yield null;
            }
            case OUTSIDE_WINDOW -> ClientReply.refusal(invoker.session(), invoker.sequence(), ClientReply.Status.REFUSED,
                    "request " + invoker.sequence() + " is beyond the client's window of " + options.clientWindow());
            case SESSION_EXPIRED -> ClientReply.refusal(invoker.session(), invoker.sequence(), ClientReply.Status.SESSION_EXPIRED,
                    "the group forgot session " + invoker.session() + "; begin a new one");
            case EXECUTE -> {
                if (group != null) {
                    CallerVotes.Ballot ballot = callerVotes.vote(invoker.client(), invoker.session(), invoker.sequence(),
                            request.operation());
                    if (ballot.outcome() != CallerVotes.Outcome.AGREED) {
                        counters.votesRefused += ballot.outcome() == CallerVotes.Outcome.REFUSED ? 1 : 0;
                        yield null;
                    }
                    askers = ballot.askers();
                }
                clients.executed(source);
                executed++;
                executedSinceCheckpoint++;
                yield execute(source, request.operation());
            }
        };
        if (reply != null) {
            byte[] frame = reply.encode();
            replyCache.put(source, frame);
            for (ClientId asker : askers) {
                replies.send(asker, frame);
            }
        }
    }

    /** membership|seq of Protocols 12-13: a caller group's member's request numbered as the group's, else as is. */
    private Invoker source(Invoker invoker) {
        CallerGroup group = callerVotes.groupOf(invoker.client());
        return group == null ? invoker : new Invoker(group.id(), invoker.session(), invoker.sequence());
    }

    private ClientReply execute(Invoker invoker, byte[] operation) {
        try {
            return ClientReply.ok(invoker.session(), invoker.sequence(), service.execute(operation, invoker));
        } catch (RuntimeException e) {
            // Deterministic services fail deterministically: every honest replica refuses alike.
            counters.serviceFailures++;
            return ClientReply.refusal(invoker.session(), invoker.sequence(), ClientReply.Status.REFUSED,
                    "the service failed: " + e);
        }
    }

    private void settlePending(Invoker invoker) {
        Integer size = pending.remove(invoker);
        if (size != null) {
            pendingBytes -= size;
            pendingPerClient.computeIfPresent(invoker.client(), (c, k) -> k == 1 ? null : k - 1);
        }
    }

    /** After a round: a checkpoint once checkpointEvery requests were executed since the last. */
    private void onRoundEnded() {
        if (executedSinceCheckpoint < options.checkpointEvery()) {
            return;
        }
        executedSinceCheckpoint = 0;
        checkpoints.addLast(Checkpoint.of(new ReplicaState(abc.resumePoint(), clients.encode(), callerVotes.encode(),
                service.snapshot(), executed)));
        while (checkpoints.size() > 2) {
            checkpoints.pollFirst();
        }
        chunksServed.clear();
        counters.checkpoints++;
    }

    // ---- Protocol 25, generalized: state transfer ----

    private Offer offer() {
        List<Offered> offered = new ArrayList<>();
        checkpoints.descendingIterator().forEachRemaining(c -> offered.add(new Offered(c.round(), c.digest(), c.state().length)));
        return new Offer(offered);
    }

    /** Upon (restart): (recovery-getStatus) to the group, here a query for checkpoints. */
    private void askForCheckpoints() {
        lastAskedMillis = ctx.clock().currentTimeMillis();
        for (int k = 0; k < ctx.n(); k++) {
            if (k != ctx.self()) {
                ctx.send(k, new Query());
            }
        }
    }

    /**
     * An offer of checkpoints. Recovering: the state to start from once t+1 vouch for one. Running,
     * while checking for lag: a state to jump to if t+1 vouch for one beyond the round this
     * replica is stuck in (the others may no longer hold the decisions it lacks).
     */
    private void onOffer(int from, Offer offer) {
        if (transfer == null) {
            return;
        }
        boolean choosing = transfer.chosen() == null;
        transfer.offered(from, offer);
        StateTransfer.Choice c = transfer.chosen();
        if (!choosing || c == null) {
            return;
        }
        Checkpoint own = checkpoints.peekLast();
        if (abc == null && c.round() == own.round() && c.digest().equals(own.digest())) {
            resumeFrom(own.state()); // the state it has: the initial one, when the group is new
        } else if (abc != null && !(c.round() > abc.round() && abc.round() == roundAtLagCheck)) {
            transfer = null; // not behind: nothing to take
        } else {
            requestChunk();
        }
    }

    private void requestChunk() {
        lastChunkMillis = ctx.clock().currentTimeMillis();
        ctx.send(transfer.source(), new ChunkRequest(transfer.chosen().round(), transfer.nextChunk()));
    }

    private void onChunkRequest(int from, ChunkRequest request) {
        for (Checkpoint c : checkpoints) {
            if (c.round() == request.round()) {
                int served = chunksServed.merge(from, 1, Integer::sum);
                if (served > 2 * c.chunks(options.chunkBytes()) + 8) {
                    counters.chunkRequestsRefused++;
                    return;
                }
                ctx.send(from, new Chunk(c.round(), request.index(), c.chunks(options.chunkBytes()),
                        c.chunk(request.index(), options.chunkBytes())));
                return;
            }
        }
        counters.chunkRequestsRefused++; // a checkpoint no longer held: the recovering replica asks again
    }

    private void onChunk(int from, Chunk chunk) {
        if (transfer == null || transfer.chosen() == null) {
            return;
        }
        long wrongBefore = transfer.wrongStates();
        byte[] state = transfer.chunk(from, chunk);
        if (state != null) {
            resumeFrom(state);
        } else if (transfer.wrongStates() > wrongBefore || from == transfer.source()) {
            counters.wrongStates += transfer.wrongStates() - wrongBefore;
            requestChunk();
        }
    }

    /**
     * Line 10 of Protocol 25: the log (and the service's state) replaced by the one t+1 replicas
     * vouch for; the atomic broadcast starts from it, or jumps there if it runs and is still behind.
     */
    private void resumeFrom(byte[] bytes) {
        transfer = null;
        ReplicaState state = ReplicaState.decode(bytes);
        if (abc != null && state.resumePoint().round() <= abc.round()) {
            return; // caught up meanwhile through the broadcast's own catch-up
        }
        clients = ClientTable.decode(new ByteReader(state.clients(), "client table"), options.clientWindow(), options.maxClients());
        callerVotes = CallerVotes.decode(new ByteReader(state.callerVotes(), "caller votes"), options.callers(),
                options.clientWindow());
        service.restore(state.service());
        executed = state.executed();
        executedSinceCheckpoint = 0;
        Checkpoint taken = Checkpoint.of(state);
        if (!checkpoints.peekLast().digest().equals(taken.digest())) {
            checkpoints.addLast(taken);
            counters.statesTransferred++;
        }
        while (checkpoints.size() > 2) {
            checkpoints.pollFirst();
        }
        if (abc != null) {
            // What it broadcast may have been delivered in the rounds it skips: it can no longer tell.
            pending.clear();
            pendingPerClient.clear();
            pendingBytes = 0;
            abc.jumpTo(state.resumePoint());
            counters.jumps++;
            LOG.info("{}: replica {} was left behind and jumped to round {} ({} requests executed)", protocolId(), ctx.self(),
                    state.resumePoint().round(), executed);
            return;
        }
        Abc.Output output = new Abc.Output() {
            @Override
            public boolean deliver(StreamEntry.Data entry, List<StreamEntry.Data> mine) {
                onDelivered(entry.payload());
                return true;
            }

            @Override
            public void dropped(StreamEntry.Data mine) {
                // An own broadcast still in d: the request was delivered; its pending entry went then.
            }

            @Override
            public void terminated() {
                // No replica closes the service's broadcast: t+1 closes cannot occur without an honest one.
            }

            @Override
            public void roundEnded(long round) {
                onRoundEnded();
            }
        };
        String abcId = Envelope.tagged(protocolId(), "abc");
        abc = state.resumePoint().round() == 0
                ? new Abc(abcId, keys, abcSettings, output)
                : new Abc(abcId, keys, abcSettings, output, state.resumePoint());
        ctx.start(abc);
        LOG.info("{}: replica {} runs from round {} ({} requests executed)", protocolId(), ctx.self(), state.resumePoint().round(),
                executed);
    }

    /**
     * Housekeeping on the site's clock. While recovering or fetching: ask again for offers, or
     * another source for chunks. While running: every {@value #LAG_CHECK_RETRIES} retries, ask
     * for the others' checkpoints, and jump to one if t+1 vouch for a state beyond the round this
     * replica has not left since (a replica cut off longer than catch-up reaches; a running
     * group takes a checkpoint every checkpointEvery requests, so one lies ahead of it then).
     */
    public void tick() {
        if (ctx == null) {
            return;
        }
        long now = ctx.clock().currentTimeMillis();
        long retry = options.retry().toMillis();
        if (transfer == null) {
            if (abc != null && now - lastAskedMillis >= LAG_CHECK_RETRIES * retry) {
                roundAtLagCheck = abc.round();
                transfer = new StateTransfer(ctx.t(), Long.MAX_VALUE);
                askForCheckpoints();
            }
        } else if (transfer.chosen() == null && now - lastAskedMillis >= retry) {
            if (abc != null) {
                transfer = null; // no state beyond this replica's vouched for: not behind
            } else {
                askForCheckpoints();
            }
        } else if (transfer.chosen() != null && now - lastChunkMillis >= retry) {
            transfer.nextSource();
            requestChunk();
        }
    }
}
