package org.maftia.testkit.sim;

import java.util.ArrayList;
import java.util.List;
import org.maftia.appia.Channel;
import org.maftia.appia.ChannelInit;
import org.maftia.appia.Direction;
import org.maftia.appia.Event;
import org.maftia.appia.EventQualifier;
import org.maftia.appia.Layer;
import org.maftia.appia.PeriodicTimer;
import org.maftia.appia.QoS;
import org.maftia.appia.SendableEvent;
import org.maftia.appia.Session;

/**
 * A workload for the simulation tests: each site runs [wire, gossip]. The wire hands every message
 * to every other site after a delay drawn from the simulation's generator; gossip re-sends what it
 * hears up to a hop limit and starts a round on each of a few periodic heartbeats.
 */
final class GossipWorkload {

    static final int HOPS = 2;
    static final int HEARTBEATS = 3;

    static final class Rumour extends SendableEvent {
    }

    static final class Heartbeat extends PeriodicTimer {
        Heartbeat(long period, Channel channel, Session source, EventQualifier q) {
            super("heartbeat", period, channel, Direction.down(), source, q);
        }
    }

    final Simulation sim;
    final List<Channel> channels = new ArrayList<>();
    final long[] heard;

    GossipWorkload(Simulation sim, int sites) {
        this.sim = sim;
        this.heard = new long[sites];
        for (int i = 0; i < sites; i++) {
            SimSite site = sim.addSite("site-" + i);
            QoS qos = new QoS("gossip", new Layer[] {new WireLayer(i), new GossipLayer(i)});
            channels.add(qos.createUnboundChannel("gossip", site.appia().getEventScheduler()));
        }
        channels.forEach(Channel::start);
    }

    long totalHeard() {
        long sum = 0;
        for (long h : heard) {
            sum += h;
        }
        return sum;
    }

    final class WireLayer extends Layer {
        final int site;

        WireLayer(int site) {
            this.site = site;
            evAccept = events(Rumour.class);
        }

        @Override
        public Session createSession() {
            return new Session(this) {
                @Override
                public void handle(Event event) {
                    if (event instanceof Rumour r && r.getDirection().isDown()) {
                        for (int to = 0; to < channels.size(); to++) {
                            if (to != site) {
                                deliverLater(r, to);
                            }
                        }
                    } else {
                        event.go();
                    }
                }
            };
        }

        private void deliverLater(Rumour sent, int to) {
            try {
                Rumour copy = (Rumour) sent.cloneEvent();
                copy.source = site;
                long delay = 1_000_000L + sim.random().nextLong(5_000_000L);
                sim.schedule(delay, () -> copy.asyncGo(channels.get(to), Direction.up()));
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }
    }

    final class GossipLayer extends Layer {
        final int site;

        GossipLayer(int site) {
            this.site = site;
            evProvide = events(Rumour.class, Heartbeat.class);
            evAccept = events(Rumour.class, Heartbeat.class, ChannelInit.class);
        }

        @Override
        public Session createSession() {
            return new Session(this) {
                int beats;

                @Override
                public void handle(Event event) {
                    switch (event) {
                        case ChannelInit init -> {
                            init.go();
                            new Heartbeat(7 + site, init.getChannel(), this, EventQualifier.on()).go();
                        }
                        case Heartbeat beat -> {
                            if (++beats == HEARTBEATS) {
                                new Heartbeat(7 + site, beat.getChannel(), this, EventQualifier.off()).go();
                            }
                            rumour(beat.getChannel(), 0);
                        }
                        case Rumour r -> {
                            heard[site]++;
                            int hop = r.getMessage().popInt();
                            if (hop < HOPS) {
                                rumour(r.getChannel(), hop + 1);
                            }
                        }
                        default -> event.go();
                    }
                }

                private void rumour(Channel channel, int hop) {
                    Rumour r = new Rumour();
                    r.getMessage().pushInt(hop);
                    r.setChannel(channel);
                    r.setDirection(Direction.down());
                    r.setSource(this);
                    r.init();
                    r.go();
                }
            };
        }
    }
}
