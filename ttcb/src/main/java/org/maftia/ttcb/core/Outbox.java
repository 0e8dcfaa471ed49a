package org.maftia.ttcb.core;

import java.util.ArrayList;
import java.util.List;
import org.maftia.ttcb.wire.WireWriter;

/**
 * The sendTable of Protocol 1: records waiting for the next broadcast round, bounded by what one
 * message carries, in records and in bytes. A record that does not fit is refused to its caller,
 * never sent in a frame the other local TTCBs would drop (they would all lose the round, AS1-AS3).
 */
final class Outbox {

    private final int budget;
    private final List<ControlRecord> records = new ArrayList<>();
    private int bytes;

    /** A sendTable for a control network of {@code n} local TTCBs. */
    Outbox(int n) {
        this.budget = ControlCodec.MAX_FRAME - ControlCodec.sealedSize(ControlMessage.empty(n));
    }

    /** Adds {@code r} to this round if it fits; false leaves the table as it was. */
    boolean offer(ControlRecord r) {
        WireWriter w = new WireWriter();
        ControlRecord.encode(r, w);
        int size = w.toByteArray().length;
        if (records.size() >= ControlMessage.MAX_RECORDS || bytes + size > budget) {
            return false;
        }
        records.add(r);
        bytes += size;
        return true;
    }

    /** Line 13 of Protocol 1: the broadcast takes the table and leaves it empty. */
    List<ControlRecord> drain() {
        List<ControlRecord> out = List.copyOf(records);
        records.clear();
        bytes = 0;
        return out;
    }
}
