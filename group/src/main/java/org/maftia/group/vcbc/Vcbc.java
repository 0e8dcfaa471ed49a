package org.maftia.group.vcbc;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.maftia.crypto.Share;
import org.maftia.crypto.ShareVerdict;
import org.maftia.crypto.Tag;
import org.maftia.crypto.ThresholdSignature;
import org.maftia.crypto.ThresholdSigner;
import org.maftia.group.core.Digest;
import org.maftia.group.core.MalformedMessageException;
import org.maftia.group.core.ProtocolInstance;
import org.maftia.group.core.WireLimits;
import org.maftia.group.vcbc.VcbcMessage.Answer;
import org.maftia.group.vcbc.VcbcMessage.Fetch;
import org.maftia.group.vcbc.VcbcMessage.Fetched;
import org.maftia.group.vcbc.VcbcMessage.Final;
import org.maftia.group.vcbc.VcbcMessage.Ready;
import org.maftia.group.vcbc.VcbcMessage.Request;
import org.maftia.group.vcbc.VcbcMessage.Send;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Protocol VCBC for [verifiable] consistent broadcast (spec 5.2.1.5, Protocol 6; Cachin, Kursawe,
 * Petzold and Shoup): P_i's instance for the broadcast whose declared sender is P_j. Each party
 * signs (j, ready, H(m)) for the first payload the sender gives it; the sender combines
 * ceil((n+t+1)/2) shares of the (n, ceil((n+t+1)/2), t) threshold signature S into µ and sends
 * (final, H(m), µ); a party delivers its payload on a valid µ for its hash.
 *
 * <p>Guarantees (n > 3t): honest parties that deliver, deliver the same payload (two quorums of
 * ceil((n+t+1)/2) share an honest party, which signs one hash only); if the sender is honest, all
 * honest parties deliver its payload. Totality is not guaranteed, but the pair (m, µ) is a
 * <em>closing</em>: anyone holding the public key checks it, and any instance delivers from it
 * (lines 25-29), which the verifiable variant exposes (request and answer).
 *
 * <p>Compact closings (verifiable variant; not in Protocol 6): the pair (H(m), µ), a final's
 * content, proves as well as the closing which payload is bound, since µ signs the digest. A
 * party given one from above ({@link #deliverCompactClosing}) that does not hold that payload
 * fetches it as RBC does (Protocol 5, lines 20-23): it asks every other party once and takes the
 * first answer that hashes to the digest. At least t+1 honest parties hold it: µ combines
 * ceil((n+t+1)/2) > 2t shares, and an honest party signs only the payload it received (line 9).
 *
 * <p>A validity condition (for VBA's proposals, whose predicate Q it is) makes a party sign only
 * payloads that meet it: a deviation from line 9 that lets a valid µ vouch for the payload too,
 * since at least t+1 of its signers are honest and checked it.
 *
 * <p>State is bounded by the parties: one ready per party, one answer per requester, one fetch
 * answer taken per party; fetches that cannot be answered and answers not asked for are counted
 * and dropped.
 */
public final class Vcbc extends ProtocolInstance<VcbcMessage> {

    /**
     * Largest payload accepted (bounds what a Byzantine sender can make honest parties hold); an
     * answer carries it with µ, and {@link WireLimits} checks at set-up that this fits a frame.
     */
    public static final int DEFAULT_MAX_PAYLOAD = WireLimits.PAYLOAD_BYTES;

    private static final Logger LOG = LoggerFactory.getLogger(Vcbc.class);

    private final int sender;
    private final ThresholdSigner signer;
    private final ThresholdSignature key;
    private final int maxPayload;
    private final boolean verifiable;
    private final Predicate<byte[]> validity;
    private final Consumer<byte[]> deliver;

    /** m̄ and H(m̄) (Protocol 6, line 2). */
    private byte[] mBar;
    private Digest dBar;
    /** µ̄: set exactly when this party delivers (lines 20, 27). */
    private byte[] muBar;
    /** W_d; r_d is its size (line 3). Only the sender fills it. */
    private final Map<Digest, List<Share>> shares = new HashMap<>();
    private final BitSet readied = new BitSet();
    private final BitSet answered = new BitSet();
    private boolean sentFinal;
    /** The sender's payload failed the validity condition: nothing from it is signed. */
    private boolean sendRefused;
    /**
     * A valid final whose payload m̄ is not (yet): one that overtook the send (links reorder), or a
     * compact closing given from above whose payload is being fetched.
     */
    private Final pendingFinal;
    private boolean fetching;
    private final BitSet fetchAnswered = new BitSet();
    private final BitSet fetchedFrom = new BitSet();
    private long unansweredFetches;
    private long ignoredFetched;

    /**
     * The instance {@code protocolId} whose declared sender is {@code sender}; {@code signer} is
     * this party's share of S, {@code verifiable} enables request and answer (lines 22-29 from
     * other parties, and delivering a closing); {@code deliver} gets the payload, once.
     */
    public Vcbc(String protocolId, int sender, ThresholdSigner signer, int maxPayload, boolean verifiable,
                Consumer<byte[]> deliver) {
        this(protocolId, sender, signer, maxPayload, verifiable, m -> true, deliver);
    }

    /** As above, signing only payloads that meet {@code validity} (see the class comment). */
    public Vcbc(String protocolId, int sender, ThresholdSigner signer, int maxPayload, boolean verifiable,
                Predicate<byte[]> validity, Consumer<byte[]> deliver) {
        super(protocolId);
        this.sender = sender;
        this.signer = signer;
        this.key = signer.publicKey();
        this.maxPayload = maxPayload;
        this.verifiable = verifiable;
        this.validity = validity;
        this.deliver = deliver;
    }

    public int sender() {
        return sender;
    }

    public boolean delivered() {
        return muBar != null;
    }

    /** Fetches this party could not answer (no payload with that digest) or had answered already. */
    public long unansweredFetches() {
        return unansweredFetches;
    }

    /** Fetched payloads dropped unread: not asked for, arriving after delivery, or a party's second. */
    public long ignoredFetched() {
        return ignoredFetched;
    }

    /** Protocol 6, lines 4-5: the sender sends m to all parties. */
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

    /** Asks every other party for the closing (the verifiable extension's request, line 22). */
    public void requestClosing() {
        requireVerifiable();
        whenAttached(() -> {
            Request request = new Request();
            for (int k = 0; k < ctx.n(); k++) {
                if (k != ctx.self()) {
                    ctx.send(k, request);
                }
            }
        });
    }

    /** The closing (m̄, µ̄) once delivered: what an answer carries (line 24). */
    public Optional<byte[]> closing() {
        return muBar == null ? Optional.empty() : Optional.of(new Answer(mBar, muBar).body());
    }

    /** The compact closing (H(m̄), µ̄) once delivered: what a final carries (line 17). */
    public Optional<byte[]> compactClosing() {
        return muBar == null ? Optional.empty() : Optional.of(new Final(dBar, muBar).body());
    }

    /**
     * Lines 18-21 with the final given from above: delivers if this party has not yet and the
     * compact closing's signature is valid for this instance (else it is ignored: check it first
     * with {@link #isValidCompactClosing}). If m̄ is not the payload it binds, fetches that payload
     * from the other parties and delivers on the first answer with that digest.
     *
     * @throws IllegalArgumentException if the compact closing does not decode
     */
    public void deliverCompactClosing(byte[] v) {
        requireVerifiable();
        Final f;
        try {
            f = VcbcMessage.decodeCompactClosing(v, key.parameters().n());
        } catch (MalformedMessageException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        whenAttached(() -> onCompactClosing(f));
    }

    /**
     * Protocol 6, lines 25-29, with a closing given "from above" instead of by a party: delivers
     * if this party has not yet and the closing's signature is valid for this instance (else it
     * is ignored: check it first with {@link #isValidClosing}).
     *
     * @throws IllegalArgumentException if the closing does not decode
     */
    public void deliverClosing(byte[] v, int offset, int length) {
        requireVerifiable();
        Answer a;
        try {
            a = VcbcMessage.decodeClosing(v, offset, length, maxPayload, WireLimits.signatureBytes(key.parameters().n()));
        } catch (MalformedMessageException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        whenAttached(() -> {
            try {
                onAnswer(a.m(), a.signature());
            } catch (MalformedMessageException e) {
                LOG.debug("{}: closing given from above refused: {}", protocolId(), e.getMessage());
            }
        });
    }

    @Override
    protected VcbcMessage decode(int type, byte[] body) throws MalformedMessageException {
        return VcbcMessage.decode(type, body, maxPayload, ctx.n());
    }

    /**
     * The verification stage's part (docs/architecture.md): the share of a ready (at the sender) and the
     * signature of a final or an answer, checked as their handlers will check them. A send's
     * validity condition is left to the handler: the application's predicate need not be thread-safe.
     */
    @Override
    protected void check(int from, VcbcMessage message) {
        switch (message) {
            case Ready r when ctx.self() == sender ->
                    key.verifyShare(readyTag(protocolId(), ctx.groupId(), sender, r.d()), new Share(from, r.share()));
            case Final f -> key.verify(readyTag(protocolId(), ctx.groupId(), sender, f.d()), f.signature());
            case Answer a -> key.verify(readyTag(protocolId(), ctx.groupId(), sender, Digest.of(a.m())), a.signature());
            default -> {
            }
        }
    }

    @Override
    protected void onMessage(int from, VcbcMessage message) throws MalformedMessageException {
        switch (message) {
            case Send s -> onSend(from, s.m());
            case Ready r -> onReady(from, r.d(), r.share());
            case Final f -> onFinal(f);
            case Request q -> onRequest(from);
            case Answer a -> onAnswer(a.m(), a.signature());
            case Fetch q -> onFetch(from, q.d());
            case Fetched a -> onFetched(from, a.m());
        }
    }

    /**
     * Lines 6-10: the first send from P_j fixes m̄; its hash is signed and the share goes to P_j.
     * A payload that fails the validity condition is refused, and so is anything P_j sends after.
     */
    private void onSend(int from, byte[] m) throws MalformedMessageException {
        if (from != sender || mBar != null || sendRefused) {
            return;
        }
        if (!meetsValidity(m)) {
            sendRefused = true;
            throw new MalformedMessageException("payload of P" + sender + " fails the validity condition: not signed");
        }
        mBar = m;
        dBar = Digest.of(m);
        Share nu = signer.sign(readyTag(protocolId(), ctx.groupId(), sender, dBar));
        Ready ready = new Ready(dBar, nu.encoded());
        ctx.send(sender, ready);
        if (pendingFinal != null && pendingFinal.d().equals(dBar)) {
            // Line 19 for a final that arrived before the send it closes (already verified).
            output(pendingFinal.signature());
        }
    }

    /**
     * Lines 11-17: the sender counts valid shares per hash; the ceil((n+t+1)/2)-th completes µ,
     * sent as (final, d, µ) to all. A share is P_l's own share: the holder is the party that sent it.
     */
    private void onReady(int from, Digest d, byte[] share) throws MalformedMessageException {
        if (readied.get(from)) {
            return;
        }
        readied.set(from);
        if (ctx.self() != sender) {
            throw new MalformedMessageException("ready from P" + from + " to P" + ctx.self() + ", who is not the sender P" + sender);
        }
        Share nu = new Share(from, share);
        byte[] tag = readyTag(protocolId(), ctx.groupId(), sender, d);
        ShareVerdict verdict = key.verifyShare(tag, nu);
        if (verdict instanceof ShareVerdict.Invalid invalid) {
            throw new MalformedMessageException("invalid signature share from P" + from + ": " + invalid.problem()
                    + " " + invalid.detail());
        }
        List<Share> w = shares.computeIfAbsent(d, k -> new ArrayList<>());
        w.add(nu);
        if (w.size() == quorum() && !sentFinal) {
            sentFinal = true;
            byte[] mu = key.combine(tag, w, true);
            Final f = new Final(d, mu);
            ctx.sendAll(f);
        }
    }

    /** Lines 18-21: a valid µ on the hash of m̄ delivers m̄. */
    private void onFinal(Final f) throws MalformedMessageException {
        if (muBar != null || (mBar != null && !f.d().equals(dBar)) || (mBar == null && pendingFinal != null)) {
            return;
        }
        if (!key.verify(readyTag(protocolId(), ctx.groupId(), sender, f.d()), f.signature())) {
            throw new MalformedMessageException("final with an invalid signature on " + f.d());
        }
        if (mBar == null) {
            // Not in the pseudo-code, whose links are FIFO: a final that overtook the send waits.
            // Only one hash can carry a valid µ (quorum intersection), so one slot suffices.
            pendingFinal = f;
        } else {
            output(f.signature());
        }
    }

    /** Lines 22-24: a party that delivered answers with (m̄, µ̄), once per requester. */
    private void onRequest(int from) throws MalformedMessageException {
        if (!verifiable) {
            throw new MalformedMessageException("request in the plain consistent broadcast " + protocolId());
        }
        if (muBar != null && !answered.get(from)) {
            answered.set(from);
            Answer a = new Answer(mBar, muBar);
            ctx.send(from, a);
        }
    }

    /** Lines 25-29: a valid µ on (j, ready, H(m)) delivers m, whatever m̄ was. */
    private void onAnswer(byte[] m, byte[] mu) throws MalformedMessageException {
        if (!verifiable) {
            throw new MalformedMessageException("answer in the plain consistent broadcast " + protocolId());
        }
        if (muBar != null) {
            return;
        }
        Digest d = Digest.of(m);
        if (!key.verify(readyTag(protocolId(), ctx.groupId(), sender, d), mu)) {
            throw new MalformedMessageException("answer with an invalid signature on " + d);
        }
        mBar = m;
        dBar = d;
        output(mu);
    }

    /** Lines 18-21 for a compact closing from above; RBC's request (Protocol 5, lines 20-21) if m̄ is not its payload. */
    private void onCompactClosing(Final f) {
        if (muBar != null) {
            return;
        }
        if (!key.verify(readyTag(protocolId(), ctx.groupId(), sender, f.d()), f.signature())) {
            LOG.debug("{}: compact closing given from above refused: invalid signature on {}", protocolId(), f.d());
            return;
        }
        if (mBar != null && f.d().equals(dBar)) {
            output(f.signature());
            return;
        }
        pendingFinal = f;
        if (!fetching) {
            fetching = true;
            Fetch fetch = new Fetch(f.d());
            for (int k = 0; k < ctx.n(); k++) {
                if (k != ctx.self()) {
                    ctx.send(k, fetch);
                }
            }
        }
    }

    /**
     * As Protocol 5, lines 25-27: the payload m̄ goes back once per asker, if its digest is the one
     * asked for. m̄ need not be delivered: the t+1 honest signers of µ hold it whether or not
     * the final reached them.
     */
    private void onFetch(int from, Digest d) throws MalformedMessageException {
        if (!verifiable) {
            throw new MalformedMessageException("fetch in the plain consistent broadcast " + protocolId());
        }
        if (fetchAnswered.get(from) || mBar == null || !d.equals(dBar)) {
            unansweredFetches++;
            return;
        }
        fetchAnswered.set(from);
        Fetched a = new Fetched(mBar);
        ctx.send(from, a);
    }

    /** As Protocol 5, lines 22-24: the first fetched payload that hashes to the awaited digest is delivered. */
    private void onFetched(int from, byte[] m) throws MalformedMessageException {
        if (!fetching || muBar != null || fetchedFrom.get(from)) {
            ignoredFetched++;
            return;
        }
        fetchedFrom.set(from);
        Digest d = Digest.of(m);
        if (!d.equals(pendingFinal.d())) {
            throw new MalformedMessageException("payload fetched from P" + from + " hashes to " + d + ", not " + pendingFinal.d());
        }
        mBar = m;
        dBar = d;
        output(pendingFinal.signature());
    }

    private boolean meetsValidity(byte[] m) {
        try {
            return validity.test(m);
        } catch (RuntimeException e) {
            LOG.debug("{}: the validity condition threw on a payload of P{}: {}", protocolId(), sender, e.toString());
            return false;
        }
    }

    private void output(byte[] mu) {
        muBar = mu;
        pendingFinal = null;
        deliver.accept(mBar.clone());
    }

    private int quorum() {
        return (ctx.n() + ctx.t() + 2) / 2;
    }

    private void requireVerifiable() {
        if (!verifiable) {
            // Spec 5.2.1.5: request/answer and closings "are unsupported for bare ConsistentBroadcasts".
            throw new UnsupportedOperationException(protocolId() + " is a plain consistent broadcast: no closings");
        }
    }

    /** What S signs (Protocol 6, line 9; convention 6): (j, ready, H(m)) tagged with the instance and group. */
    static byte[] readyTag(String protocolId, String groupId, int sender, Digest d) {
        return Tag.of("vcbc-ready", protocolId, groupId, ByteBuffer.allocate(4).putInt(sender).array(), d.bytes());
    }

    /**
     * The payload of a closing found anywhere (spec 3.2, getPayloadFromClosing); its validity is
     * {@link #isValidClosing}'s business.
     *
     * @throws IllegalArgumentException if it does not decode
     */
    public static byte[] payloadFromClosing(byte[] v, int offset, int length) {
        try {
            return VcbcMessage.decodeClosing(v, offset, length, Integer.MAX_VALUE, Integer.MAX_VALUE).m();
        } catch (MalformedMessageException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /** True iff {@code v} is a compact closing (H(m), µ) of instance {@code protocolId} of sender P_{sender}. */
    public static boolean isValidCompactClosing(ThresholdSignature key, String protocolId, String groupId, int sender, byte[] v) {
        Final f;
        try {
            f = VcbcMessage.decodeCompactClosing(v, key.parameters().n());
        } catch (MalformedMessageException e) {
            return false;
        }
        return key.verify(readyTag(protocolId, groupId, sender, f.d()), f.signature());
    }

    /** True iff {@code v[offset, offset+length)} is a closing of instance {@code protocolId} of sender P_{sender}. */
    public static boolean isValidClosing(ThresholdSignature key, String protocolId, String groupId, int sender,
                                         byte[] v, int offset, int length) {
        Answer a;
        try {
            a = VcbcMessage.decodeClosing(v, offset, length, Integer.MAX_VALUE, WireLimits.signatureBytes(key.parameters().n()));
        } catch (MalformedMessageException e) {
            return false;
        }
        return key.verify(readyTag(protocolId, groupId, sender, Digest.of(a.m())), a.signature());
    }
}
