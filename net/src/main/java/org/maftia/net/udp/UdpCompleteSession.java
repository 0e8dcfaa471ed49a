package org.maftia.net.udp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.channels.MembershipKey;
import java.util.HashMap;
import java.util.Map;
import org.maftia.appia.ChannelClose;
import org.maftia.appia.Event;
import org.maftia.appia.SendableEvent;
import org.maftia.net.AppiaMulticast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session of {@link UdpCompleteLayer}: one socket per joined group, bound to the group's port
 * and joined on the chosen interface, with its own reader thread; sends to a group go out of the
 * unicast socket on that interface.
 */
public class UdpCompleteSession extends UdpSimpleSession {

    private static final Logger LOG = LoggerFactory.getLogger(UdpCompleteSession.class);

    private record Membership(DatagramChannel socket, MembershipKey key, boolean deliverLocal) {
    }

    private final Map<AppiaMulticast, Membership> groups = new HashMap<>();

    protected UdpCompleteSession(UdpCompleteLayer layer) {
        super(layer);
    }

    @Override
    public void handle(Event event) {
        switch (event) {
            case AppiaMulticastInitEvent join when join.getDirection().isDown() -> onJoin(join);
            case AppiaMulticastLeaveEvent leave -> onLeave(leave);
            default -> super.handle(event);
        }
    }

    private void onJoin(AppiaMulticastInitEvent join) {
        AppiaMulticast group = join.group();
        if (socket == null) {
            join.answer(false, "register the unicast socket before joining a multicast group");
        } else if (groups.containsKey(group)) {
            join.answer(true, null);
        } else {
            DatagramChannel member = null;
            try {
                NetworkInterface nif = join.networkInterface() != null ? join.networkInterface() : interfaceOfLocalAddress();
                member = DatagramChannel.open(StandardProtocolFamily.INET)
                        .setOption(StandardSocketOptions.SO_REUSEADDR, true)
                        .setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true)
                        .bind(new InetSocketAddress(group.group().port()));
                MembershipKey key = member.join(group.group().host(), nif);
                socket.setOption(StandardSocketOptions.IP_MULTICAST_IF, nif);
                socket.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
                groups.put(group, new Membership(member, key, join.deliverLocal()));
                startReader(member, "udp-multicast-" + group.group());
                join.answer(true, null);
            } catch (IOException | RuntimeException e) {
                closeQuietly(member);
                join.answer(false, "cannot join " + group + ": " + e.getMessage()
                        + " (is multicast enabled on the interface? e.g. ip link set lo multicast on)");
            }
        }
        reply(join);
    }

    private void onLeave(AppiaMulticastLeaveEvent leave) {
        Membership m = groups.remove(leave.group());
        if (m != null) {
            m.key().drop();
            closeQuietly(m.socket());
        }
        leave.go();
    }

    /** Drops this site's own multicasts unless the group was joined with local delivery. */
    @Override
    protected boolean accept(SendableEvent received) {
        if (received.dest instanceof AppiaMulticast group && local != null && local.equals(received.source)) {
            Membership m = groups.get(group);
            return m != null && m.deliverLocal();
        }
        return true;
    }

    @Override
    protected void onClose(ChannelClose close) {
        groups.values().forEach(m -> closeQuietly(m.socket()));
        groups.clear();
        super.onClose(close);
    }

    private NetworkInterface interfaceOfLocalAddress() throws SocketException {
        NetworkInterface nif = NetworkInterface.getByInetAddress(local.host());
        if (nif == null) {
            nif = local.host().isLoopbackAddress() ? NetworkInterface.getByName("lo") : null;
        }
        if (nif == null) {
            throw new SocketException("no network interface has the address " + local.host()
                    + "; name the interface in the AppiaMulticastInitEvent");
        }
        return nif;
    }

    private static void closeQuietly(DatagramChannel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                LOG.debug("closing a multicast socket: {}", e.toString());
            }
        }
    }
}
