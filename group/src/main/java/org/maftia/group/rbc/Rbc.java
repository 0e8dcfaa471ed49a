package org.maftia.group.rbc;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.maftia.group.core.Digest;
import org.maftia.group.core.MalformedMessageException;
import org.maftia.group.core.ProtocolInstance;
import org.maftia.group.core.WireLimits;
import org.maftia.group.rbc.RbcMessage.Answer;
import org.maftia.group.rbc.RbcMessage.Echo;
import org.maftia.group.rbc.RbcMessage.Ready;
import org.maftia.group.rbc.RbcMessage.Request;
import org.maftia.group.rbc.RbcMessage.Send;

/**
 * Protocol RBC for reliable broadcast (spec 5.2.1.4, Protocol 5; Cachin et al., after Bracha):
 * P_i's instance for the broadcast whose declared sender is P_j. The payload travels once; echoes
 * and readies carry its hash; a party that must deliver a payload it never saw asks
 * P_1..P_2t+1 for it, and at least one of them, an honest party that echoed, has it.
 *
 * <p>Guarantees (n > 3t): all honest parties deliver the same payload, or none does; if the
 * sender is honest, they deliver its payload.
 *
 * <p>State per digest is bounded by the parties: a Byzantine party can add one echo and one ready
 * per instance, never more.
 */
public final class Rbc extends ProtocolInstance<RbcMessage> {

    /**
     * Largest payload accepted: bounds what a Byzantine sender can make honest parties hold, and
     * leaves room in the frame for the headers around the payload ({@link WireLimits}).
     */
    public static final int DEFAULT_MAX_PAYLOAD = WireLimits.PAYLOAD_BYTES;

    private final int sender;
    private final int maxPayload;
    private final Consumer<byte[]> deliver;
    private byte[] mBar;
    private Digest dBar;
    private final Map<Digest, BitSet> echoes = new HashMap<>();
    private final Map<Digest, BitSet> readies = new HashMap<>();
    private final BitSet echoed = new BitSet();
    private final BitSet readied = new BitSet();
    private final BitSet requested = new BitSet();
    private boolean sentReady;
    private boolean delivered;

    /** The instance {@code protocolId} whose declared sender is {@code sender}; {@code deliver} gets the payload. */
    public Rbc(String protocolId, int sender, int maxPayload, Consumer<byte[]> deliver) {
        super(protocolId);
        this.sender = sender;
        this.maxPayload = maxPayload;
        this.deliver = deliver;
    }

    public int sender() {
        return sender;
    }

    public boolean delivered() {
        return delivered;
    }

    /** Protocol 5, lines 4-5: the sender broadcasts m. */
    public void broadcast(byte[] m) {
        if (m.length > maxPayload) {
            throw new IllegalArgumentException("payload of " + m.length + " bytes over the limit of " + maxPayload);
        }
        byte[] payload = m.clone();
        whenAttached(() -> {
            if (ctx.self() != sender) {
                throw new IllegalStateException("only P" + sender + " broadcasts in " + protocolId() + ", not P" + ctx.self());
            }
            ctx.sendAll(new Send(payload));
        });
    }

    @Override
    protected RbcMessage decode(int type, byte[] body) throws MalformedMessageException {
        return RbcMessage.decode(type, body, maxPayload);
    }

    @Override
    protected void onMessage(int from, RbcMessage message) {
        switch (message) {
            case Send s -> onSend(from, s.m());
            case Echo e -> onEcho(from, e.d());
            case Ready r -> onReady(from, r.d());
            case Request q -> onRequest(from);
            case Answer a -> onAnswer(a.m());
        }
    }

    /** Lines 6-9: the first send from the declared sender fixes m̄ and is echoed by its hash. */
    private void onSend(int from, byte[] m) {
        if (from == sender && mBar == null) {
            mBar = m;
            Digest d = Digest.of(m);
            ctx.sendAll(new Echo(d));
            if (d.equals(dBar)) {
                // Not in the pseudo-code, whose links are FIFO: 2t+1 readies overtook the send, and
                // the send is the payload d̄ names. Delivering now does not wait for an answer,
                // which parties that finished their instance (a terminated stream) no longer give.
                output();
            }
        }
    }

    /** Lines 10-13: n-t echoes for d (and no more than t readies) make this party ready for d. */
    private void onEcho(int from, Digest d) {
        if (echoed.get(from)) {
            return;
        }
        echoed.set(from);
        BitSet e = echoes.computeIfAbsent(d, k -> new BitSet());
        e.set(from);
        if (e.cardinality() == ctx.n() - ctx.t() && count(readies, d) <= ctx.t()) {
            sendReady(d);
        }
    }

    /**
     * Lines 14-24: t+1 readies amplify, 2t+1 readies fix d̄ and deliver, asking for the payload
     * first if this party does not hold it. (The two conditions are tested one after the other,
     * not as "else if", so that t = 0, where t+1 = 2t+1, delivers too.)
     */
    private void onReady(int from, Digest d) {
        if (readied.get(from)) {
            return;
        }
        readied.set(from);
        BitSet r = readies.computeIfAbsent(d, k -> new BitSet());
        r.set(from);
        int rd = r.cardinality();
        if (rd == ctx.t() + 1 && count(echoes, d) < ctx.n() - ctx.t()) {
            sendReady(d);
        }
        if (rd == 2 * ctx.t() + 1 && dBar == null) {
            dBar = d;
            if (mBar != null && Digest.of(mBar).equals(d)) {
                output();
            } else {
                for (int k = 0; k <= 2 * ctx.t(); k++) {
                    if (k != ctx.self()) {
                        ctx.send(k, new Request());
                    }
                }
            }
        }
    }

    /** Lines 25-27: answer a request, once per requester, if the payload is known. */
    private void onRequest(int from) {
        if (!requested.get(from) && mBar != null) {
            requested.set(from);
            ctx.send(from, new Answer(mBar));
        }
    }

    /** Line 22-24: an answer whose hash is d̄ completes the delivery. */
    private void onAnswer(byte[] m) {
        if (dBar != null && !delivered && Digest.of(m).equals(dBar)) {
            mBar = m;
            output();
        }
    }

    private void sendReady(Digest d) {
        // One ready per party and instance, as in Bracha's protocol: only one digest can gather
        // n-t echoes from honest parties, so this loses nothing.
        if (!sentReady) {
            sentReady = true;
            ctx.sendAll(new Ready(d));
        }
    }

    private void output() {
        if (!delivered) {
            delivered = true;
            deliver.accept(mBar.clone());
        }
    }

    private static int count(Map<Digest, BitSet> votes, Digest d) {
        BitSet b = votes.get(d);
        return b == null ? 0 : b.cardinality();
    }
}
