package org.maftia.group.stream;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * This party's stream entries not yet delivered back, by sequence number. Atomic broadcast does
 * not authenticate an entry's origin (Protocol 7's payloads carry no sender: a Byzantine party can
 * order an entry in this party's name), so an entry is this party's only if it is the payload this
 * party sent under that number. Protocol thread only.
 */
public final class OwnEntries {

    private final int self;
    private final Map<Long, byte[]> outstanding = new HashMap<>();
    private long nextSeq;

    public OwnEntries(int self) {
        this.self = self;
    }

    /** Numbers {@code payload} as this party's next entry. */
    public StreamEntry.Data next(byte[] payload) {
        long seq = nextSeq++;
        outstanding.put(seq, payload);
        return new StreamEntry.Data(self, seq, payload);
    }

    /** True, once, when {@code entry} is one this party sent. */
    public boolean delivered(StreamEntry.Data entry) {
        if (entry.origin() != self) {
            return false;
        }
        byte[] sent = outstanding.get(entry.seq());
        if (sent == null || !Arrays.equals(sent, entry.payload())) {
            return false;
        }
        outstanding.remove(entry.seq());
        return true;
    }
}
