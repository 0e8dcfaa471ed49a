package org.maftia.ttcb.core;

import java.util.ArrayList;
import java.util.List;

/** The sendTable of Protocol 1: records waiting for the next broadcast round, bounded by what one message carries. */
final class Outbox {

    private final List<ControlRecord> records = new ArrayList<>();

    boolean full() {
        return records.size() >= ControlMessage.MAX_RECORDS;
    }

    void add(ControlRecord r) {
        records.add(r);
    }

    /** Line 13 of Protocol 1: the broadcast takes the table and leaves it empty. */
    List<ControlRecord> drain() {
        List<ControlRecord> out = List.copyOf(records);
        records.clear();
        return out;
    }
}
