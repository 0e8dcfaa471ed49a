package org.maftia.ttcb.core;

import java.util.List;
import org.maftia.ttcb.DecisionFunction;
import org.maftia.ttcb.Eid;
import org.maftia.ttcb.wire.WireWriter;

/** An agreement is identified by (elist, tstart, decision) (spec 2.2.3.3; Protocol 1, line 5). */
public record AgreementKey(List<Eid> elist, long tstart, DecisionFunction decision) {

    public AgreementKey {
        elist = List.copyOf(elist);
    }

    /** Index of {@code eid} in elist, or -1. */
    public int indexOf(Eid eid) {
        return elist.indexOf(eid);
    }

    void encode(WireWriter w) {
        w.u8(elist.size());
        for (Eid e : elist) {
            w.i32(e.ttcb()).i32(e.local());
        }
        w.i64(tstart).u8(decision.code());
    }

    byte[] encoded() {
        WireWriter w = new WireWriter();
        encode(w);
        return w.toByteArray();
    }
}
