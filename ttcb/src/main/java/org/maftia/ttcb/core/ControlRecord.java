package org.maftia.ttcb.core;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.maftia.ttcb.DecisionFunction;
import org.maftia.ttcb.Eid;
import org.maftia.ttcb.Tag;
import org.maftia.ttcb.wire.MalformedFrameException;
import org.maftia.ttcb.wire.WireReader;
import org.maftia.ttcb.wire.WireWriter;

/** One record of the data a local TTCB broadcasts every Ts (its sendTable, Protocol 1 line 4). */
public sealed interface ControlRecord {

    /** The largest elist: the decide masks have one bit per entity in a {@code long}. */
    int MAX_ELIST = 64;
    /** The largest value any record may carry on the wire (configurations may set less). */
    int MAX_VALUE = 1024;
    /** The largest local TTCB id an eid or a tag may name on the wire (two bytes, as a frame's sender). */
    int MAX_TTCB_ID = 0xFFFF;

    /**
     * Whether the control network carries this elist: what the decoder below accepts, and no
     * entity twice. An entity call whose records the other local TTCBs would drop as malformed is
     * refused with this, before anything enters the sendTable.
     */
    static boolean carries(List<Eid> elist) {
        if (elist.isEmpty() || elist.size() > MAX_ELIST || new HashSet<>(elist).size() != elist.size()) {
            return false;
        }
        for (Eid e : elist) {
            if (e.ttcb() > MAX_TTCB_ID) {
                return false;
            }
        }
        return true;
    }

    /**
     * A proposal (elist, tstart, decision, eid, value) of Protocol 1 line 4; for TBA_KEY the
     * proposer's local TTCB adds a fresh random key contribution.
     */
    record Proposal(AgreementKey key, Eid eid, byte[] value, byte[] keyContribution) implements ControlRecord {
    }

    /** TTCB_startDistributed at the sender's local TTCB (spec 2.2.4.4). */
    record DistStart(Tag tag, long mid, long startEv, long spec, List<Eid> elist) implements ControlRecord {
        public DistStart {
            elist = List.copyOf(elist);
        }
    }

    /** TTCB_delivDistributed at a receiver's local TTCB. */
    record DistDeliv(Tag tag, long mid, Eid eid, long delivEv) implements ControlRecord {
    }

    static void encode(ControlRecord r, WireWriter w) {
        switch (r) {
            case Proposal p -> {
                w.u8(1);
                p.key().encode(w);
                eid(w, p.eid());
                w.bytes(p.value()).bytes(p.keyContribution());
            }
            case DistStart s -> {
                w.u8(2);
                tag(w, s.tag());
                w.i64(s.mid()).i64(s.startEv()).i64(s.spec()).u8(s.elist().size());
                for (Eid e : s.elist()) {
                    eid(w, e);
                }
            }
            case DistDeliv d -> {
                w.u8(3);
                tag(w, d.tag());
                w.i64(d.mid());
                eid(w, d.eid());
                w.i64(d.delivEv());
            }
        }
    }

    static ControlRecord decode(WireReader r) {
        int kind = r.u8("record kind");
        return switch (kind) {
            case 1 -> {
                AgreementKey key = agreementKey(r);
                Eid eid = eid(r);
                yield new Proposal(key, eid, r.bytes("value", MAX_VALUE), r.bytes("key contribution", 32));
            }
            case 2 -> {
                Tag tag = tag(r);
                long mid = r.i64("mid");
                long startEv = r.i64("start_ev");
                long spec = r.i64("spec");
                if (spec < 0) {
                    throw new MalformedFrameException("negative spec");
                }
                yield new DistStart(tag, mid, startEv, spec, elist(r));
            }
            case 3 -> new DistDeliv(tag(r), r.i64("mid"), eid(r), r.i64("deliv_ev"));
            default -> throw new MalformedFrameException("unknown record kind " + kind);
        };
    }

    private static AgreementKey agreementKey(WireReader r) {
        List<Eid> elist = elist(r);
        long tstart = r.i64("tstart");
        int code = r.u8("decision");
        if (code >= DecisionFunction.values().length) {
            throw new MalformedFrameException("unknown decision function " + code);
        }
        return new AgreementKey(elist, tstart, DecisionFunction.ofCode(code));
    }

    private static List<Eid> elist(WireReader r) {
        int n = r.u8("elist size");
        if (n == 0 || n > MAX_ELIST) {
            throw new MalformedFrameException("elist size " + n);
        }
        List<Eid> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(eid(r));
        }
        return out;
    }

    private static void eid(WireWriter w, Eid e) {
        w.i32(e.ttcb()).i32(e.local());
    }

    private static Eid eid(WireReader r) {
        return new Eid(r.i32("eid.ttcb", 0, MAX_TTCB_ID), r.i32("eid.local", 0, Integer.MAX_VALUE));
    }

    private static void tag(WireWriter w, Tag t) {
        w.i32(t.ttcb()).i64(t.number());
    }

    private static Tag tag(WireReader r) {
        int ttcb = r.i32("tag.ttcb", 0, MAX_TTCB_ID);
        long number = r.i64("tag.number");
        if (number < 0) {
            throw new MalformedFrameException("negative tag number");
        }
        return new Tag(ttcb, number);
    }
}
