package org.maftia.net.udp;

import org.maftia.appia.Event;
import org.maftia.net.AppiaMulticast;

/** Tells the UdpComplete session to leave an IP multicast group (the LeaveHostGroup of spec 3.1.2). */
public class AppiaMulticastLeaveEvent extends Event {

    private final AppiaMulticast group;

    public AppiaMulticastLeaveEvent(AppiaMulticast group) {
        this.group = group;
    }

    public AppiaMulticast group() {
        return group;
    }
}
