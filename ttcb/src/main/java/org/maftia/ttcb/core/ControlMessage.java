package org.maftia.ttcb.core;

import java.util.ArrayList;
import java.util.List;
import org.maftia.ttcb.wire.MalformedFrameException;
import org.maftia.ttcb.wire.WireReader;
import org.maftia.ttcb.wire.WireWriter;

/**
 * M = (sender, seq, higherseqVector, data) of Protocol 2 line 3, plus what clock synchronisation
 * reads: the sender's synchronised clock at the broadcast instant, and for every other local TTCB
 * j the send time of the last message read from j and how long the sender held it since (-1 when
 * none), so that j can measure the round trip as NTP does.
 */
public record ControlMessage(int sender, long seq, long sendTime, long[] higherseqVector, long[] echoSendTime,
                             long[] echoHold, List<ControlRecord> data) {

    /** At most this many records in one message; a local TTCB refuses proposals beyond it. */
    public static final int MAX_RECORDS = 256;

    public ControlMessage {
        data = List.copyOf(data);
        higherseqVector = higherseqVector.clone();
        echoSendTime = echoSendTime.clone();
        echoHold = echoHold.clone();
        if (echoSendTime.length != higherseqVector.length || echoHold.length != higherseqVector.length) {
            throw new IllegalArgumentException("vectors of one message have one entry per local TTCB");
        }
    }

    /** A message without records for a control network of {@code n} local TTCBs: what every round costs. */
    static ControlMessage empty(int n) {
        return new ControlMessage(0, 0, 0, new long[n], new long[n], new long[n], List.of());
    }

    byte[] encode() {
        WireWriter w = new WireWriter();
        w.u16(sender).i64(seq).i64(sendTime).u16(higherseqVector.length);
        for (int i = 0; i < higherseqVector.length; i++) {
            w.i64(higherseqVector[i]).i64(echoSendTime[i]).i64(echoHold[i]);
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
        long[] echo = new long[n];
        long[] hold = new long[n];
        for (int i = 0; i < n; i++) {
            h[i] = r.i64("higherseqVector");
            echo[i] = r.i64("echo send time");
            hold[i] = r.i64("echo hold");
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
        return new ControlMessage(sender, seq, sendTime, h, echo, hold, data);
    }
}
