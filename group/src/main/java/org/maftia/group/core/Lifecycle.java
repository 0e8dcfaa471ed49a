package org.maftia.group.core;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a protocol instance is in its life at one site, and the moves it may make:
 * <pre>
 *   NEW ──attach──▶ RUNNING ──finish──▶ FINISHED
 *    │                 └──────abort───▶ ABORTED
 *    └──finish/abort (before it ran)──▶ FINISHED / ABORTED
 * </pre>
 * {@code finish} is the protocol's verb (it is done, spec 5.2.1: "terminate"), {@code abort} the
 * application's (it gives up, spec 3.2). Both end the instance's sub-protocols with it and free its
 * state at the site; later messages for it are ignored and counted. Ending is idempotent.
 */
public enum Lifecycle {
    NEW, RUNNING, FINISHED, ABORTED;

    private static final Map<Lifecycle, Set<Lifecycle>> LEGAL = Map.of(
            NEW, EnumSet.of(RUNNING, FINISHED, ABORTED),
            RUNNING, EnumSet.of(FINISHED, ABORTED),
            FINISHED, EnumSet.noneOf(Lifecycle.class),
            ABORTED, EnumSet.noneOf(Lifecycle.class));

    /** True iff an instance in this state may move to {@code next}. */
    public boolean canBecome(Lifecycle next) {
        return LEGAL.get(this).contains(next);
    }

    /** True once the instance ended, finished or aborted. */
    public boolean ended() {
        return this == FINISHED || this == ABORTED;
    }
}
