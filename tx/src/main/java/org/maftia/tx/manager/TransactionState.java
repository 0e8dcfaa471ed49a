package org.maftia.tx.manager;

import java.util.EnumSet;
import java.util.Set;

/**
 * A transaction's state in the log (spec 5.3.4, the {@code state} of Protocols 14-23), with its
 * legal transitions:
 * <pre>
 *   BEGIN ──commit vote──▶ VOTING ──all voted commit──▶ PREPARING ──all resources ok──▶ COMMITTED
 *     │  └──all voted commit (one client)──┐  │                     │
 *     │                                    ▼  │                     └──a resource no──▶ ABORTED
 *     └─────────────── client abort ───────────┴──────────────────────────────────────▶ ABORTED
 * </pre>
 * (with no resource registered, the last commit vote goes straight to COMMITTED). Joining and
 * registering are allowed in BEGIN only (Protocols 15 and 17), voting commit in BEGIN and VOTING
 * (Protocol 18 records VOTING so that nobody joins while clients vote; it then asks for state
 * begin, which would refuse every vote after the first, so a vote is taken in VOTING too).
 */
public enum TransactionState {
    BEGIN,
    VOTING,
    PREPARING,
    COMMITTED,
    ABORTED;

    /** The states this one may move to. */
    public Set<TransactionState> successors() {
        return switch (this) {
            case BEGIN -> EnumSet.of(VOTING, PREPARING, COMMITTED, ABORTED);
            case VOTING -> EnumSet.of(PREPARING, COMMITTED, ABORTED);
            case PREPARING -> EnumSet.of(COMMITTED, ABORTED);
            case COMMITTED, ABORTED -> EnumSet.noneOf(TransactionState.class);
        };
    }

    /** Whether the outcome is decided: nothing in the transaction may change any more. */
    public boolean decided() {
        return this == COMMITTED || this == ABORTED;
    }

    /** Lower-case, as the spec's pseudo-code names states and replies report them. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
