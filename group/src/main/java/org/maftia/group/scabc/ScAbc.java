package org.maftia.group.scabc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.maftia.crypto.Share;
import org.maftia.crypto.Tag;
import org.maftia.crypto.ThresholdCryptosystem;
import org.maftia.group.abc.Abc;
import org.maftia.group.core.Envelope;
import org.maftia.group.core.GroupKeys;
import org.maftia.group.core.MalformedMessageException;
import org.maftia.group.core.ProtocolInstance;
import org.maftia.group.stream.StreamEntry;
import org.maftia.group.stream.TotalOrder;

/**
 * Protocol 8, SC-ABC (spec 5.2.1.7; Cachin, Kursawe, Petzold and Shoup): P_i's instance of secure
 * causal atomic broadcast. Ciphertexts of the (n, t+1, t) threshold cryptosystem E are ordered by
 * the atomic broadcast stream A ({@code id|scabc}); only then does a party release its decryption
 * share; t+1 valid shares reveal the cleartext, delivered in A's order. So no honest party helps
 * reveal a cleartext before its ciphertext's place in the order is fixed (input causality).
 *
 * <p>A ciphertext is ordered once, whoever broadcasts it under whatever number, while A's d
 * remembers it ({@link Abc}): d compares payloads, here the ciphertexts' bytes, and a valid TDH2
 * ciphertext has one encoding (strict point and scalar encodings, the proof binding the rest), so
 * a corrupted party cannot have an honest party's ciphertext revealed twice by copying it.
 *
 * <p>Departures: the decrypt message names the ciphertext by its position in A's order instead of
 * carrying it again (every honest party has the same order); shares are released for every
 * ordered ciphertext at once rather than one at a time, and cleartexts still go out in A's order.
 * Ciphertexts that are not valid or not labelled for this stream are skipped by every honest
 * party alike. A party's first share for a position is the only one of it looked at.
 *
 * <p><b>Shares ahead of the order.</b> A party that fell behind (cut off, or slow under load)
 * receives the others' shares for positions it has not ordered; no one sends them again, so it
 * keeps them ({@link EarlyShares}) for as far ahead as catch-up can bring it back: a party more
 * than {@link Abc.Settings#decisionsKept()} rounds behind the others cannot catch up, and a round
 * orders at most n batches of {@link Abc.Settings#maxBatch()} entries, so shares for positions up
 * to (decisionsKept + 1) * n * maxBatch past its order are kept and farther ones refused. Per
 * sender, at most that many shares at {@value #SHARE_ALLOWANCE} bytes each: all of an honest
 * sender's TDH2 shares (139 bytes, plus the entry holding one), while a corrupted sender's larger
 * or more numerous shares cost it its own farthest ones. With the default settings and n = 4:
 * 133,120 positions, 34 MB per sender at most; batches of 128: 33,280 positions, 8.5 MB.
 */
public final class ScAbc extends ProtocolInstance<DecryptMessage> implements TotalOrder {

    /**
     * Bytes per position of a sender's quota for early shares: a TDH2 share (139 bytes) and the
     * {@link EarlyShares#ENTRY_BYTES} holding it, with room.
     */
    static final int SHARE_ALLOWANCE = 256;

    /** Where the revealed cleartexts go, on the protocol thread. */
    public interface Output {
        /**
         * The next cleartext in the order, with the ordered ciphertext's entry and this party's
         * broadcasts of that ciphertext, whichever entry carried it ({@link Abc.Output#deliver});
         * false to stall until resumed.
         */
        boolean reveal(StreamEntry.Data ordered, List<StreamEntry.Data> mine, byte[] cleartext);

        /** This party broadcast a ciphertext that is not revealed for it: ordered already (still in A's d), or not one of this stream's. */
        void dropped(StreamEntry.Data mine);

        /** The stream terminated and every ordered ciphertext was revealed. */
        void terminated();
    }

    /** One ordered position of A's order: the ciphertext, this party's broadcasts of it, the shares, the cleartext. */
    private static final class Slot {
        final StreamEntry.Data ordered;
        final List<StreamEntry.Data> mine;
        /** The parties whose share was looked at: one each. */
        final BitSet heard = new BitSet();
        final List<Share> valid = new ArrayList<>();
        byte[] cleartext;

        Slot(StreamEntry.Data ordered, List<StreamEntry.Data> mine) {
            this.ordered = ordered;
            this.mine = mine;
        }
    }

    private final GroupKeys keys;
    private final ThresholdCryptosystem e;
    private final Output output;
    private final int window;
    private final Abc.Settings settings;
    private final Abc a;
    /** The positions ordered and not revealed yet. */
    private final Map<Long, Slot> slots = new HashMap<>();
    private EarlyShares early;
    /** How far past {@link #ordered} shares are kept: what catch-up can bring this party back over. */
    private long horizon;
    /**
     * The ciphertexts ordered and not yet revealed, by position, for the verification stage: a
     * position's ciphertext never changes once ordered, so the stage may read it on its pool.
     */
    private final Map<Long, byte[]> orderedForStage = new ConcurrentHashMap<>();
    private long ordered;
    private long revealed;
    private boolean aPaused;
    private boolean stalled;
    private boolean aTerminated;
    private boolean terminated;
    private long skipped;
    private long refusedShares;

    /** {@code window}: ordered but unrevealed ciphertexts before A pauses. */
    public ScAbc(String protocolId, GroupKeys keys, Abc.Settings settings, int window, Output output) {
        super(protocolId);
        this.keys = keys;
        this.e = keys.scAbcKey();
        this.output = output;
        this.window = window;
        this.settings = settings;
        this.a = new Abc(Envelope.tagged(protocolId, "scabc"), keys, settings, new Abc.Output() {
            @Override
            public boolean deliver(StreamEntry.Data entry, List<StreamEntry.Data> mine) {
                return onOrdered(entry, mine);
            }

            @Override
            public void dropped(StreamEntry.Data mine) {
                output.dropped(mine);
            }

            @Override
            public void terminated() {
                aTerminated = true;
                maybeTerminate();
            }
        });
    }

    /** The label every ciphertext of this stream carries (convention 6). */
    public static byte[] label(String protocolId, String groupId) {
        return Tag.of("scabc", protocolId, groupId);
    }

    /** Ciphertexts ordered by A so far (lines 1-2 ran for them). */
    public long ordered() {
        return ordered;
    }

    /** Cleartexts delivered so far. */
    public long revealed() {
        return revealed;
    }

    /** Ordered entries skipped because they were not valid ciphertexts for this stream. */
    public long skipped() {
        return skipped;
    }

    /** Decryption shares refused as invalid. */
    public long refusedShares() {
        return refusedShares;
    }

    /** Bytes of P_{@code sender}'s decryption shares held for positions not ordered here yet, as its quota counts them; once attached. */
    public long earlyShareBytes(int sender) {
        return early.bytes(sender);
    }

    /** P_{@code sender}'s shares for positions not ordered here yet that its quota left out. */
    public long earlySharesDropped(int sender) {
        return early.dropped(sender);
    }

    /** The atomic broadcast stream A, for monitoring. */
    public Abc atomicBroadcast() {
        return a;
    }

    @Override
    protected void onStart() {
        horizon = (settings.decisionsKept() + 1L) * ctx.n() * settings.maxBatch();
        early = new EarlyShares(ctx.n(), horizon * SHARE_ALLOWANCE);
        ctx.start(a);
    }

    /** Upon (broadcast, c): broadcast c on A. */
    @Override
    public void broadcast(StreamEntry entry) {
        whenAttached(() -> a.broadcast(entry));
    }

    /** This party's close on A. */
    @Override
    public StreamEntry.Close closeEntry(int self, String groupId) {
        return a.closeEntry(self, groupId);
    }

    /** The application acknowledged (line 9): reveal on. */
    @Override
    public void resume() {
        if (stalled) {
            stalled = false;
            revealInOrder();
        }
    }

    /** A ended with it (its sub-protocol); the positions and shares it held go too. */
    @Override
    protected void onEnd() {
        slots.clear();
        if (early != null) {
            early.clear();
        }
        orderedForStage.clear();
    }

    /** Lines 1-4: c is ordered; release this party's share of it. */
    private boolean onOrdered(StreamEntry.Data entry, List<StreamEntry.Data> mine) {
        byte[] c = entry.payload();
        if (!validFor(c)) {
            skipped++;
            mine.forEach(output::dropped);
            return true;
        }
        long k = ordered++;
        Slot slot = new Slot(entry, mine);
        slots.put(k, slot);
        orderedForStage.put(k, c);
        Share delta = keys.scAbc().decryptShare(c);
        ctx.sendAll(new DecryptMessage(k, delta.encoded()));
        early.take(k).forEach((from, share) -> accept(slot, from, share));
        combine(slot);
        revealInOrder();
        aPaused = ordered - revealed >= window;
        return !aPaused;
    }

    private boolean validFor(byte[] c) {
        try {
            return e.isValidCiphertext(c) && Arrays.equals(e.labelOf(c), label(protocolId(), ctx.groupId()));
        } catch (RuntimeException malformed) {
            return false;
        }
    }

    @Override
    protected DecryptMessage decode(int type, byte[] body) throws MalformedMessageException {
        return DecryptMessage.decode(type, body);
    }

    /**
     * The verification stage's part (docs/architecture.md): a decryption share for a position already
     * ordered here is checked ahead against its ciphertext (line 6); shares that overtake the
     * order are checked by the handler when their ciphertext is ordered.
     */
    @Override
    protected void check(int from, DecryptMessage m) {
        byte[] c = orderedForStage.get(m.position());
        if (c != null) {
            e.verifyShare(c, new Share(from, m.share()));
        }
    }

    /** Line 6: P_from's decryption share for the ciphertext at position k, counted if valid. */
    @Override
    protected void onMessage(int from, DecryptMessage m) throws MalformedMessageException {
        long k = m.position();
        if (k < revealed) {
            return;
        }
        if (k >= ordered) {
            if (k - ordered >= horizon) {
                throw new MalformedMessageException("share for position " + k + ", more than " + horizon + " past " + ordered
                        + ", farther than catch-up reaches");
            }
            early.keep(from, k, m.share()); // lines 5-6 wait for c's place in the order
            return;
        }
        Slot slot = slots.get(k);
        if (slot.cleartext != null || slot.heard.get(from)) {
            return;
        }
        if (!accept(slot, from, m.share())) {
            throw new MalformedMessageException("invalid decryption share from P" + from + " for position " + k);
        }
        combine(slot);
        revealInOrder();
    }

    /** Line 6: a share counts when it is a valid decryption share of the ordered c by its sender. */
    private boolean accept(Slot slot, int from, byte[] encoded) {
        slot.heard.set(from);
        Share share = new Share(from, encoded);
        boolean ok;
        try {
            ok = e.verifyShare(slot.ordered.payload(), share).isValid();
        } catch (RuntimeException malformed) {
            ok = false;
        }
        if (ok) {
            slot.valid.add(share);
        } else {
            refusedShares++;
        }
        return ok;
    }

    /** Line 7: t+1 valid shares give the cleartext. */
    private void combine(Slot slot) {
        if (slot.cleartext == null && slot.valid.size() > ctx.t()) {
            slot.cleartext = e.combine(slot.ordered.payload(), slot.valid, true);
            slot.valid.clear();
        }
    }

    /** Lines 8-10, in A's order, pausing while the application does not acknowledge. */
    private void revealInOrder() {
        while (!stalled) {
            Slot slot = slots.get(revealed);
            if (slot == null || slot.cleartext == null) {
                break;
            }
            slots.remove(revealed);
            orderedForStage.remove(revealed);
            revealed++;
            if (!output.reveal(slot.ordered, slot.mine, slot.cleartext)) {
                stalled = true;
            }
        }
        if (aPaused && !stalled && ordered - revealed < window) {
            aPaused = false;
            a.resume();
        }
        maybeTerminate();
    }

    private void maybeTerminate() {
        if (aTerminated && !terminated && revealed == ordered) {
            terminated = true;
            output.terminated();
        }
    }
}
