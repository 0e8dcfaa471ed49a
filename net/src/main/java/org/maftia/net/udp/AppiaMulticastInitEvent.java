package org.maftia.net.udp;

import java.net.NetworkInterface;
import org.maftia.appia.Event;
import org.maftia.net.AppiaMulticast;

/**
 * Tells the UdpComplete session to join an IP multicast group (spec 3.1.6: the multicast address
 * and whether local multicast messages are delivered). The session turns it around with the
 * outcome. {@link AppiaMulticastLeaveEvent} leaves the group.
 */
public class AppiaMulticastInitEvent extends Event {

    private final AppiaMulticast group;
    private final boolean deliverLocal;
    private final NetworkInterface networkInterface;
    private String error;
    private boolean joined;

    /**
     * @param deliverLocal whether this site receives its own multicast messages
     * @param networkInterface the interface to join on; null for the one of the bound address
     */
    public AppiaMulticastInitEvent(AppiaMulticast group, boolean deliverLocal, NetworkInterface networkInterface) {
        if (group == null) {
            throw new IllegalArgumentException("a multicast group, not null");
        }
        this.group = group;
        this.deliverLocal = deliverLocal;
        this.networkInterface = networkInterface;
    }

    public AppiaMulticast group() {
        return group;
    }

    public boolean deliverLocal() {
        return deliverLocal;
    }

    public NetworkInterface networkInterface() {
        return networkInterface;
    }

    public boolean joined() {
        return joined;
    }

    public String error() {
        return error;
    }

    void answer(boolean joined, String error) {
        this.joined = joined;
        this.error = error;
    }
}
