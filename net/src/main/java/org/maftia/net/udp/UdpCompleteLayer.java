package org.maftia.net.udp;

import org.maftia.appia.ChannelClose;
import org.maftia.appia.ChannelInit;
import org.maftia.appia.SendableEvent;
import org.maftia.appia.Session;
import org.maftia.net.RegisterSocketEvent;

/**
 * UdpComplete (spec 3.1.6): UdpSimple plus IP multicast. An {@link AppiaMulticastInitEvent} joins
 * a host group (spec 3.1.2 JoinHostGroup) and says whether this site's own multicasts come back
 * to it; events whose {@code dest} is an {@link org.maftia.net.AppiaMulticast} go to the group.
 */
public class UdpCompleteLayer extends UdpSimpleLayer {

    public UdpCompleteLayer() {
        evProvide = events(SendableEvent.class, UdpAsyncEvent.class, RegisterSocketEvent.class,
                AppiaMulticastInitEvent.class);
        evAccept = events(SendableEvent.class, UdpAsyncEvent.class, RegisterSocketEvent.class,
                AppiaMulticastInitEvent.class, AppiaMulticastLeaveEvent.class, ChannelInit.class, ChannelClose.class);
    }

    @Override
    public Session createSession() {
        return new UdpCompleteSession(this);
    }
}
