package org.maftia.ttcb.channel;

import java.util.ArrayList;
import java.util.List;
import org.maftia.ttcb.Eid;
import org.maftia.ttcb.Tag;
import org.maftia.ttcb.Ttcb.CrashResult;
import org.maftia.ttcb.Ttcb.DecideResult;
import org.maftia.ttcb.Ttcb.DelivResult;
import org.maftia.ttcb.Ttcb.DeliveryInfo;
import org.maftia.ttcb.Ttcb.DistributedInfo;
import org.maftia.ttcb.Ttcb.EndLocalResult;
import org.maftia.ttcb.Ttcb.ExecResult;
import org.maftia.ttcb.Ttcb.Handler;
import org.maftia.ttcb.Ttcb.Measurement;
import org.maftia.ttcb.Ttcb.ProposeResult;
import org.maftia.ttcb.Ttcb.TagResult;
import org.maftia.ttcb.Ttcb.Timeliness;
import org.maftia.ttcb.TtcbError;
import org.maftia.ttcb.wire.MalformedFrameException;
import org.maftia.ttcb.wire.WireReader;
import org.maftia.ttcb.wire.WireWriter;

/** Encodings of the arguments and results of the calls, shared by {@code TtcbClient} and the gateway. */
public final class CallCodec {

    public static final int MAX_ELIST = 64;
    public static final int MAX_BYTES = 4096;

    private CallCodec() {
    }

    public static void eid(WireWriter w, Eid e) {
        w.i32(e.ttcb()).i32(e.local());
    }

    public static Eid eid(WireReader r) {
        return new Eid(r.i32("eid.ttcb", 0, Integer.MAX_VALUE), r.i32("eid.local", 0, Integer.MAX_VALUE));
    }

    public static void tag(WireWriter w, Tag t) {
        w.bool(t != null);
        if (t != null) {
            w.i32(t.ttcb()).i64(t.number());
        }
    }

    public static Tag tag(WireReader r) {
        if (!r.bool("tag present")) {
            return null;
        }
        int ttcb = r.i32("tag.ttcb", 0, Integer.MAX_VALUE);
        long number = r.i64("tag.number");
        if (number < 0) {
            throw new MalformedFrameException("negative tag");
        }
        return new Tag(ttcb, number);
    }

    public static void elist(WireWriter w, List<Eid> elist) {
        w.u8(elist.size());
        elist.forEach(e -> eid(w, e));
    }

    public static List<Eid> elist(WireReader r) {
        int n = r.u8("elist size");
        if (n > MAX_ELIST) {
            throw new MalformedFrameException("elist of " + n);
        }
        List<Eid> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(eid(r));
        }
        return out;
    }

    public static void handler(WireWriter w, Handler h) {
        w.string(h.function()).bytes(h.argument());
    }

    public static Handler handler(WireReader r) {
        return new Handler(r.string("handler", 64), r.bytes("handler argument", MAX_BYTES));
    }

    static TtcbError error(WireReader r) {
        int code = r.u8("error");
        if (code >= TtcbError.values().length) {
            throw new MalformedFrameException("unknown error code " + code);
        }
        return TtcbError.ofCode(code);
    }

    public static byte[] encode(ProposeResult x) {
        WireWriter w = new WireWriter().u8(x.error().ordinal());
        tag(w, x.tag());
        return w.toByteArray();
    }

    public static ProposeResult proposeResult(WireReader r) {
        return new ProposeResult(error(r), tag(r));
    }

    public static byte[] encode(DecideResult x) {
        return new WireWriter().u8(x.error().ordinal()).bytes(x.value()).i64(x.proposedOk()).i64(x.proposedAny()).toByteArray();
    }

    public static DecideResult decideResult(WireReader r) {
        return new DecideResult(error(r), r.bytes("value", MAX_BYTES), r.i64("proposed-ok"), r.i64("proposed-any"));
    }

    public static byte[] encode(TagResult x) {
        WireWriter w = new WireWriter().u8(x.error().ordinal());
        tag(w, x.tag());
        return w.toByteArray();
    }

    public static TagResult tagResult(WireReader r) {
        return new TagResult(error(r), tag(r));
    }

    public static byte[] encode(Measurement x) {
        return new WireWriter().u8(x.error().ordinal()).i64(x.durationNanos()).i64(x.errorBoundNanos()).toByteArray();
    }

    public static Measurement measurement(WireReader r) {
        return new Measurement(error(r), r.i64("duration"), r.i64("error bound"));
    }

    public static byte[] encode(ExecResult x) {
        return new WireWriter().u8(x.error().ordinal()).i64(x.endEv()).bytes(x.output()).toByteArray();
    }

    public static ExecResult execResult(WireReader r) {
        return new ExecResult(error(r), r.i64("end_ev"), r.bytes("output", MAX_BYTES));
    }

    public static byte[] encode(EndLocalResult x) {
        return new WireWriter().u8(x.error().ordinal()).i64(x.endEv()).i64(x.durationNanos()).bool(x.faulty()).toByteArray();
    }

    public static EndLocalResult endLocalResult(WireReader r) {
        return new EndLocalResult(error(r), r.i64("end_ev"), r.i64("duration"), r.bool("faulty"));
    }

    public static byte[] encode(DelivResult x) {
        return new WireWriter().u8(x.error().ordinal()).i64(x.delivEv()).u8(x.timeliness().ordinal()).toByteArray();
    }

    public static DelivResult delivResult(WireReader r) {
        TtcbError e = error(r);
        long at = r.i64("deliv_ev");
        int t = r.u8("timeliness");
        if (t >= Timeliness.values().length) {
            throw new MalformedFrameException("timeliness " + t);
        }
        return new DelivResult(e, at, Timeliness.values()[t]);
    }

    public static byte[] encode(DistributedInfo x) {
        WireWriter w = new WireWriter().u8(x.error().ordinal());
        tag(w, x.tag());
        w.u8(x.receivers().size());
        for (DeliveryInfo d : x.receivers()) {
            eid(w, d.receiver());
            w.bool(d.delivered()).i64(d.delayNanos()).bool(d.faulty());
        }
        return w.toByteArray();
    }

    public static DistributedInfo distributedInfo(WireReader r) {
        TtcbError e = error(r);
        Tag t = tag(r);
        int n = r.u8("receivers");
        if (n > MAX_ELIST) {
            throw new MalformedFrameException(n + " receivers");
        }
        List<DeliveryInfo> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(new DeliveryInfo(eid(r), r.bool("delivered"), r.i64("delay"), r.bool("faulty")));
        }
        return new DistributedInfo(e, t, List.copyOf(list));
    }

    public static byte[] encode(CrashResult x) {
        return new WireWriter().u8(x.error().ordinal()).bool(x.crashed()).toByteArray();
    }

    public static CrashResult crashResult(WireReader r) {
        return new CrashResult(error(r), r.bool("crashed"));
    }
}
