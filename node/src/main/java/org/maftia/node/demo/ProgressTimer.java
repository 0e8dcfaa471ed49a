package org.maftia.node.demo;

import org.maftia.appia.Channel;
import org.maftia.appia.Direction;
import org.maftia.appia.EventQualifier;
import org.maftia.appia.PeriodicTimer;
import org.maftia.appia.Session;

/** The load generator's periodic progress report. */
public final class ProgressTimer extends PeriodicTimer {

    static final String ID = "demo-progress";

    ProgressTimer(long periodMillis, Channel channel, Session source, EventQualifier qualifier) {
        super(ID, periodMillis, channel, Direction.down(), source, qualifier);
    }
}
