package org.maftia.ttcb.core;

import java.util.ArrayList;
import java.util.List;
import org.maftia.ttcb.wire.MalformedFrameException;
import org.maftia.ttcb.wire.WireReader;
import org.maftia.ttcb.wire.WireWriter;

/**
 * M = (sender, seq, higherseqVector, data) of Protocol 2 line 3, plus the sender's synchronised
 * clock at the broadcast instant (read by clock synchronisation and by the timeliness checks).
 */
public record ControlMessage(int sender, long seq, long sendTime, long[] higherseqVector, List<ControlRecord> data) {

    /** At most this many records in one message; a local TTCB refuses proposals beyond it. */
    public static final int MAX_RECORDS = 256;

    public ControlMessage {
        data = List.copyOf(data);
        higherseqVector = higherseqVector.clone();
    }

    byte[] encode() {
        WireWriter w = new WireWriter();
        w.u16(sender).i64(seq).i64(sendTime).u16(higherseqVector.length);
        for (long h : higherseqVector) {
            w.i64(h);
        }
        w.u16(data.size());
        for (ControlRecord r : data) {
            ControlRecord.encode(r, w);
        }
        return w.toByteArray();
    }

    /** Decodes a message of a control network with {@code n} local TTCBs; anything off is malformed. */
    static ControlMessage decode(byte[] body, int n) {
        WireReader r = new WireReader(body);
        int sender = r.u16("sender");
        long seq = r.i64("seq");
        long sendTime = r.i64("send time");
        int len = r.u16("higherseqVector length");
        if (sender >= n || len != n || seq < 0) {
            throw new MalformedFrameException("sender " + sender + ", vector " + len + ", seq " + seq + " in a network of " + n);
        }
        long[] h = new long[n];
        for (int i = 0; i < n; i++) {
            h[i] = r.i64("higherseqVector");
        }
        int count = r.u16("record count");
        if (count > MAX_RECORDS) {
            throw new MalformedFrameException(count + " records");
        }
        List<ControlRecord> data = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            data.add(ControlRecord.decode(r));
        }
        r.end();
        return new ControlMessage(sender, seq, sendTime, h, data);
    }
}
