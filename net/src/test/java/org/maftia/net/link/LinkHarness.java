package org.maftia.net.link;

import java.util.ArrayList;
import java.util.List;
import org.maftia.appia.Appia;
import org.maftia.appia.Channel;
import org.maftia.appia.ChannelCursor;
import org.maftia.appia.Direction;
import org.maftia.appia.Event;
import org.maftia.appia.Layer;
import org.maftia.appia.QoS;
import org.maftia.appia.SendableEvent;
import org.maftia.appia.Session;
import org.maftia.appia.time.VirtualClock;
import org.maftia.net.TestGroups;
import org.maftia.net.transport.SiteAddress;

/**
 * Sites of one group, each a channel [capture, authenticated link, app] in one Appia on virtual
 * time: what a site's link sends down is captured as frame bytes; the test hands bytes to any
 * site's link as if they came from the network, and sees what its app receives.
 */
final class LinkHarness {

    static final class Ping extends SendableEvent {
    }

    final TestGroups groups;
    final Appia appia = new Appia(new VirtualClock(1_000_000));
    final List<Site> sites = new ArrayList<>();

    LinkHarness(int n, LinkMode mode) {
        groups = TestGroups.of("harness", n);
        for (int i = 0; i < n; i++) {
            sites.add(new Site(i, mode));
        }
        appia.runUntilIdle(1000);
    }

    final class Site {
        final int id;
        final Channel channel;
        final List<byte[]> sent = new ArrayList<>();
        final List<Object> sentTo = new ArrayList<>();
        final List<SendableEvent> received = new ArrayList<>();
        Session bottom;
        Session app;

        Site(int id, LinkMode mode) {
            this.id = id;
            Layer capture = new Layer() {
                {
                    evProvide = events(Ping.class);
                    evAccept = events(SendableEvent.class);
                }

                @Override
                public Session createSession() {
                    bottom = new Session(this) {
                        @Override
                        public void handle(Event event) {
                            SendableEvent e = (SendableEvent) event;
                            sent.add(e.getMessage().toByteArray());
                            sentTo.add(e.dest);
                        }
                    };
                    return bottom;
                }
            };
            Layer application = new Layer() {
                {
                    evProvide = events(Ping.class);
                    evAccept = events(SendableEvent.class);
                }

                @Override
                public Session createSession() {
                    app = new Session(this) {
                        @Override
                        public void handle(Event event) {
                            received.add((SendableEvent) event);
                        }
                    };
                    return app;
                }
            };
            LinkSettings settings = new LinkSettings(groups.group, id, groups.keys.get(id), mode, 256);
            channel = new QoS("link", new Layer[] {capture, new AuthLinkLayer(settings), application})
                    .createUnboundChannel("site-" + id, appia.getEventScheduler());
            channel.start();
        }

        AuthLinkSession link() {
            ChannelCursor c = channel.getCursor();
            c.jumpTo(1);
            return (AuthLinkSession) c.getSession();
        }

        /** The app sends a Ping with {@code payload} to {@code to}; returns how many frames went down. */
        int send(SiteAddress to, byte[] payload) {
            int before = sent.size();
            Ping p = new Ping();
            p.getMessage().setByteArray(payload, 0, payload.length);
            p.dest = to;
            p.setChannel(channel);
            p.setDirection(Direction.down());
            p.setSource(app);
            p.init();
            p.go();
            appia.runUntilIdle(1000);
            return sent.size() - before;
        }

        /** Hands {@code frame} to this site's link as received from the network. */
        void receive(byte[] frame) {
            Ping p = new Ping();
            p.getMessage().setByteArray(frame, 0, frame.length);
            p.setChannel(channel);
            p.setDirection(Direction.up());
            p.setSource(bottom);
            p.init();
            p.go();
            appia.runUntilIdle(1000);
        }
    }
}
