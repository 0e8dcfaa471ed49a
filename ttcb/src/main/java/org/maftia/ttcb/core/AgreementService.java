package org.maftia.ttcb.core;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import org.maftia.ttcb.DecisionFunction;
import org.maftia.ttcb.Eid;
import org.maftia.ttcb.Tag;
import org.maftia.ttcb.Ttcb.DecideResult;
import org.maftia.ttcb.Ttcb.ProposeResult;
import org.maftia.ttcb.TtcbError;
import org.maftia.ttcb.core.ControlRecord.Proposal;

/**
 * The agreement service of a local TTCB: Protocol 1 (spec 4.1.1) with the substitutions of 4.1.2
 * for crashed local TTCBs. {@code dataTable} holds one {@link Agreement} per (elist, tstart,
 * decision); the sendTable is the {@link Outbox} the broadcast routine drains every Ts.
 */
final class AgreementService {

    /** A record R of dataTable: (tag, elist, tstart, decision, vtable). */
    private static final class Agreement {
        final Tag tag;
        final AgreementKey key;
        final Map<Eid, Proposal> vtable = new LinkedHashMap<>();
        final Set<Eid> proposedHere = new HashSet<>();
        /** The entities here the record is charged to: those that proposed, or that made it by proposing late. */
        final Set<Eid> holders = new HashSet<>();

        Agreement(Tag tag, AgreementKey key) {
            this.tag = tag;
            this.key = key;
        }
    }

    private final int self;
    private final TimingParameters timing;
    private final int maxValueBytes;
    /** How many live agreements this local TTCB's entities may have proposed in: its share of every dataTable. */
    private final int ownLimit;
    /** How many of those one entity may hold, so that one entity cannot take its local TTCB's whole share. */
    private final int entityLimit;
    private final long retention;
    private final Outbox outbox;
    private final Counters counters;
    private final SecureRandom random;
    private final Map<AgreementKey, Agreement> dataTable = new HashMap<>();
    private final Map<Long, Agreement> byTag = new HashMap<>();
    /** Live agreements with a proposal made here, and per entity here how many it proposed in. */
    private int ownAgreements;
    private final Map<Eid, Integer> byEntity = new HashMap<>();
    private final TagSource tags;

    /**
     * Every record of a dataTable has a proposal made at some local TTCB, and each local TTCB lets
     * its entities propose in at most {@code maxAgreements / n} live agreements, so every dataTable
     * stays within about {@code maxAgreements} (expiry times differ by the clocks' precision)
     * without any local TTCB ever dropping another's proposal.
     */
    AgreementService(int self, int n, TimingParameters timing, int maxValueBytes, int maxAgreements, long retention,
                     Outbox outbox, Counters counters, SecureRandom random, TagSource tags) {
        this.self = self;
        this.tags = tags;
        this.timing = timing;
        this.maxValueBytes = maxValueBytes;
        this.ownLimit = Math.max(1, maxAgreements / n);
        this.entityLimit = Math.max(1, ownLimit / 4);
        this.retention = retention;
        this.outbox = outbox;
        this.counters = counters;
        this.random = random;
    }

    /** The propose routine, Protocol 1 lines 1-8. */
    ProposeResult propose(Eid eid, List<Eid> elist, long tstart, DecisionFunction decision, byte[] value, long now) {
        TtcbError invalid = validate(elist, value);
        if (invalid != TtcbError.OK) {
            return new ProposeResult(invalid, null);
        }
        AgreementKey key = new AgreementKey(elist, tstart, decision);
        Agreement r = dataTable.get(key);
        // Line 2: already proposed, not in elist, tstart expired.
        if (!elist.contains(eid)) {
            return new ProposeResult(TtcbError.NOT_IN_ELIST, null);
        }
        if (r != null && (r.proposedHere.contains(eid) || r.vtable.containsKey(eid))) {
            return new ProposeResult(TtcbError.ALREADY_PROPOSED, r.tag);
        }
        if (now > tstart) {
            return late(eid, key, r, now);
        }
        if (!admits(eid, r)) {
            return new ProposeResult(TtcbError.RESOURCES, null);
        }
        // Line 4: insert in sendTable, if this round's message still holds it (else try next Ts).
        // A TBA_KEY proposal carries a fresh contribution of this TTCB.
        byte[] contribution = new byte[decision == DecisionFunction.TBA_KEY ? 32 : 0];
        random.nextBytes(contribution);
        if (!outbox.offer(new Proposal(key, eid, value.clone(), contribution))) {
            return new ProposeResult(TtcbError.RESOURCES, null);
        }
        // Lines 5-8.
        if (r == null) {
            r = insert(key);
        }
        r.proposedHere.add(eid);
        charge(r, eid);
        return new ProposeResult(TtcbError.OK, r.tag);
    }

    /**
     * Line 2's tstart error, with the agreement's tag so that the late entity can still decide and
     * read the value and masks (a BRM-M recipient that reads M after tstart, Protocol 9 of spec 5.2.2). A record
     * missing here is made empty: every proposal R-delivered here makes the record, which lives
     * until tstart + Tagreement + retention, so none was; past that the result is gone.
     */
    private ProposeResult late(Eid eid, AgreementKey key, Agreement r, long now) {
        if (r == null) {
            if (now > key.tstart() + timing.tagreement() + retention || !admits(eid, null)) {
                return new ProposeResult(TtcbError.TSTART_EXPIRED, null);
            }
            r = insert(key);
            charge(r, eid);
        }
        return new ProposeResult(TtcbError.TSTART_EXPIRED, r.tag);
    }

    /** Whether charging r (null: a new record) to eid keeps this TTCB and eid within their shares. */
    private boolean admits(Eid eid, Agreement r) {
        boolean newHere = r == null || r.holders.isEmpty();
        return !(newHere && ownAgreements >= ownLimit) && byEntity.getOrDefault(eid, 0) < entityLimit;
    }

    private void charge(Agreement r, Eid eid) {
        if (r.holders.isEmpty()) {
            ownAgreements++;
        }
        if (r.holders.add(eid)) {
            byEntity.merge(eid, 1, Integer::sum);
        }
    }

    private TtcbError validate(List<Eid> elist, byte[] value) {
        if (!ControlRecord.carries(elist)) {
            return TtcbError.BAD_ELIST;
        }
        return value.length > maxValueBytes ? TtcbError.VALUE_TOO_LARGE : TtcbError.OK;
    }

    private Agreement insert(AgreementKey key) {
        Agreement r = new Agreement(tags.agreement(), key);
        dataTable.put(key, r);
        byTag.put(r.tag.number(), r);
        return r;
    }

    /**
     * The receive routine's body for one R-delivered proposal, Protocol 1 lines 16-20. Only the
     * entity's own local TTCB may broadcast its proposal; a proposal R-delivered after
     * tstart + Tagreement breaks AS5 and is counted as a timing failure, not inserted. A timely
     * one is always inserted: its local TTCB kept within its share of the table (see the
     * constructor), and dropping it here alone would make this TTCB decide differently.
     */
    void onDelivered(int from, Proposal p, long now) {
        if (p.eid().ttcb() != from || p.key().indexOf(p.eid()) < 0 || p.value().length > maxValueBytes) {
            counters.foreignProposals.incrementAndGet();
            return;
        }
        if (now > p.key().tstart() + timing.tagreement()) {
            counters.lateProposals.incrementAndGet();
            return;
        }
        Agreement r = dataTable.get(p.key());
        if (r == null) {
            r = insert(p.key());
        }
        r.vtable.putIfAbsent(p.eid(), p);
    }

    /**
     * The decide routine, Protocol 1 lines 22-27, with line 24's second condition as substituted
     * in 4.1.2: "all entities in non-crashed local TTCBs proposed a value".
     */
    DecideResult decide(Eid eid, Tag tag, long now, IntPredicate settledCrash, boolean confidential) {
        if (tag == null || tag.ttcb() != self) {
            return DecideResult.error(TtcbError.UNKNOWN_TAG);
        }
        Agreement r = byTag.get(tag.number());
        if (r == null) {
            return DecideResult.error(tags.isIssuedAgreement(tag) ? TtcbError.DISCARDED : TtcbError.UNKNOWN_TAG);
        }
        int me = r.key.indexOf(eid);
        if (me < 0) {
            return DecideResult.error(TtcbError.NOT_IN_ELIST);
        }
        if (!ended(r, now, settledCrash)) {
            return DecideResult.error(TtcbError.NOT_ENDED);
        }
        return Decisions.result(r.key, r.vtable, me, confidential);
    }

    private boolean ended(Agreement r, long now, IntPredicate settledCrash) {
        if (now > r.key.tstart() + timing.tagreement()) {
            return true;
        }
        for (Eid e : r.key.elist()) {
            if (!r.vtable.containsKey(e) && !settledCrash.test(e.ttcb())) {
                return false;
            }
        }
        return true;
    }

    /** Drops agreements past tstart + Tagreement + retention; their tags then answer DISCARDED. */
    void expire(long now) {
        Iterator<Agreement> it = dataTable.values().iterator();
        while (it.hasNext()) {
            Agreement r = it.next();
            if (now > r.key.tstart() + timing.tagreement() + retention) {
                it.remove();
                byTag.remove(r.tag.number());
                release(r);
            }
        }
    }

    private void release(Agreement r) {
        if (!r.holders.isEmpty()) {
            ownAgreements--;
        }
        for (Eid e : r.holders) {
            byEntity.computeIfPresent(e, (k, v) -> v == 1 ? null : v - 1);
        }
    }

    boolean holds(Eid eid) {
        return byEntity.containsKey(eid);
    }

    int size() {
        return dataTable.size();
    }

    /** The decision functions of spec 2.2.3.3 over a vtable, deterministic in elist order. */
    static final class Decisions {

        private static final byte[] KEY_INFO = "maftia ttcb TBA_KEY v1".getBytes(StandardCharsets.US_ASCII);

        private Decisions() {
        }

        static DecideResult result(AgreementKey key, Map<Eid, Proposal> vtable, int caller, boolean confidential) {
            List<Eid> elist = key.elist();
            long any = 0;
            for (int i = 0; i < elist.size(); i++) {
                if (vtable.containsKey(elist.get(i))) {
                    any |= 1L << i;
                }
            }
            return switch (key.decision()) {
                case TBA_RMULTICAST -> {
                    // Without the first entity's proposal the agreement still ended: the empty
                    // value with proposed-ok 0 and proposed-any is how the others learn it did not
                    // propose (the crash failure detector, Protocol 32 of spec 5.4.2, reads proposed-any).
                    Proposal first = vtable.get(elist.getFirst());
                    yield first == null ? new DecideResult(TtcbError.OK, new byte[0], 0, any)
                            : new DecideResult(TtcbError.OK, first.value().clone(), sameMask(elist, vtable, first.value()), any);
                }
                case TBA_MAJORITY, TBA_TEQUALITY -> {
                    byte[] most = mostProposed(elist, vtable);
                    long ok = sameMask(elist, vtable, most);
                    boolean callerAgrees = (ok & (1L << caller)) != 0;
                    TtcbError error = key.decision() == DecisionFunction.TBA_TEQUALITY && !callerAgrees
                            ? TtcbError.VALUE_DIFFERS : TtcbError.OK;
                    yield new DecideResult(error, most.clone(), ok, any);
                }
                case TBA_KEY -> !confidential ? DecideResult.error(TtcbError.CONFIDENTIALITY_REQUIRED)
                        // A key is shared by exactly elist: one handed out without every entity's
                        // proposal would be held by fewer entities than the others believe.
                        : any != allOf(elist) ? new DecideResult(TtcbError.NOT_ALL_PROPOSED, new byte[0], 0, any)
                        : new DecideResult(TtcbError.OK, sharedKey(key, vtable), any, any);
            };
        }

        private static long allOf(List<Eid> elist) {
            return elist.size() == Long.SIZE ? -1L : (1L << elist.size()) - 1;
        }

        /** The most proposed value; a tie goes to the value whose first proposer comes first in elist. */
        private static byte[] mostProposed(List<Eid> elist, Map<Eid, Proposal> vtable) {
            byte[] best = new byte[0];
            int bestCount = 0;
            for (Eid e : elist) {
                Proposal p = vtable.get(e);
                if (p == null) {
                    continue;
                }
                int count = Long.bitCount(sameMask(elist, vtable, p.value()));
                if (count > bestCount) {
                    best = p.value();
                    bestCount = count;
                }
            }
            return best;
        }

        private static long sameMask(List<Eid> elist, Map<Eid, Proposal> vtable, byte[] value) {
            long mask = 0;
            for (int i = 0; i < elist.size(); i++) {
                Proposal p = vtable.get(elist.get(i));
                if (p != null && Arrays.equals(p.value(), value)) {
                    mask |= 1L << i;
                }
            }
            return mask;
        }

        /** HKDF over the contributions of the proposers' local TTCBs, in elist order, salted with the agreement id. */
        private static byte[] sharedKey(AgreementKey key, Map<Eid, Proposal> vtable) {
            ByteArrayOutputStream ikm = new ByteArrayOutputStream();
            for (Eid e : key.elist()) {
                Proposal p = vtable.get(e);
                if (p != null) {
                    ikm.writeBytes(p.keyContribution());
                }
            }
            return ControlCodec.hkdf(ikm.toByteArray(), key.encoded(), KEY_INFO, 32);
        }
    }
}
