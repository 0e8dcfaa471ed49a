package org.maftia.testkit.adversary;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.maftia.appia.Channel;
import org.maftia.appia.Event;
import org.maftia.appia.Layer;
import org.maftia.appia.QoS;
import org.maftia.appia.SendableEvent;
import org.maftia.appia.Session;
import org.maftia.net.transport.SiteAddress;
import org.maftia.net.transport.SiteId;
import org.maftia.net.transport.Transport;
import org.maftia.testkit.net.SimulatedNetwork;
import org.maftia.testkit.sim.SimSite;
import org.maftia.testkit.sim.Simulation;

/** A few sites on a simulated network whose applications send byte messages and record what arrives. */
final class Wire {

    static final class Note extends SendableEvent {
    }

    /** One message as the receiving application saw it. */
    record Received(long atNanos, int from, int to, byte[] bytes) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    final Simulation sim;
    final SimulatedNetwork net;
    final List<Received> received = new ArrayList<>();
    private final List<Channel> channels = new ArrayList<>();
    private final List<Session> apps = new ArrayList<>();

    Wire(long seed, int n, int... corrupted) {
        sim = new Simulation(seed);
        net = new SimulatedNetwork(sim, n).corrupt(corrupted);
        for (int i = 0; i < n; i++) {
            SimSite site = sim.addSite("site-" + i);
            int me = i;
            Layer app = new Layer() {
                {
                    evProvide = events(Note.class);
                    evAccept = events(Note.class);
                }

                @Override
                public Session createSession() {
                    Session s = new Session(this) {
                        @Override
                        public void handle(Event event) {
                            SendableEvent e = (SendableEvent) event;
                            received.add(new Received(sim.nowNanos(), Transport.sender(e), me, e.getMessage().toByteArray()));
                        }
                    };
                    apps.add(s);
                    return s;
                }
            };
            Channel c = new QoS("wire", new Layer[] {net.layerFor(me), app}).createUnboundChannel("wire", site.appia().getEventScheduler());
            channels.add(c);
            c.start();
        }
        sim.runUntilQuiet(10_000);
    }

    void send(int from, SiteAddress to, String text) {
        send(from, to, text.getBytes(StandardCharsets.UTF_8));
    }

    void send(int from, SiteAddress to, byte[] bytes) {
        Note note = new Note();
        note.getMessage().setByteArray(bytes, 0, bytes.length);
        sim.sites().get(from).appia().execute(() -> Transport.send(apps.get(from), channels.get(from), note, to));
    }

    void broadcast(int from, String text) {
        send(from, SiteAddress.ALL, text);
    }

    void send(int from, int to, String text) {
        send(from, SiteId.of(to), text);
    }

    void run() {
        sim.runUntilQuiet(1_000_000);
    }

    List<Received> to(int site) {
        return received.stream().filter(r -> r.to() == site).toList();
    }

    List<String> textsFrom(int from) {
        return received.stream().filter(r -> r.from() == from).map(Received::text).toList();
    }
}
