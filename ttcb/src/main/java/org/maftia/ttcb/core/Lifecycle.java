package org.maftia.ttcb.core;

/**
 * The life of a local TTCB, with its legal transitions: it is created, runs, and may halt (the
 * only failure the model allows it, spec 2.2.5). It never comes back: a restarted process is a new
 * local TTCB to the others, who already count the old one as crashed.
 */
public enum Lifecycle {
    NEW, RUNNING, HALTED;

    boolean canMoveTo(Lifecycle next) {
        return switch (this) {
            case NEW -> next == RUNNING || next == HALTED;
            case RUNNING -> next == HALTED;
            case HALTED -> false;
        };
    }
}
