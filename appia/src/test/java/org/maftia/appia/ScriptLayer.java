package org.maftia.appia;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * A layer for kernel tests: declares what a test says, logs every event its sessions handle as
 * {@code name:EventClass:DIRECTION} into a shared log, then runs the test's behaviour (by default
 * forwarding the event).
 */
class ScriptLayer extends Layer {

    final String name;
    final List<String> log;
    BiConsumer<ScriptSession, Event> behaviour = (s, e) -> e.go();
    final List<String> disposals = new ArrayList<>();
    private Supplier<Session> factory;

    ScriptLayer(String name, List<String> log) {
        this.name = name;
        this.log = log;
    }

    @SafeVarargs
    final ScriptLayer provides(Class<? extends Event>... classes) {
        evProvide = classes;
        return this;
    }

    @SafeVarargs
    final ScriptLayer accepts(Class<? extends Event>... classes) {
        evAccept = classes;
        return this;
    }

    @SafeVarargs
    final ScriptLayer requires(Class<? extends Event>... classes) {
        evRequire = classes;
        return this;
    }

    ScriptLayer onEvent(BiConsumer<ScriptSession, Event> behaviour) {
        this.behaviour = behaviour;
        return this;
    }

    ScriptLayer sessions(Supplier<Session> factory) {
        this.factory = factory;
        return this;
    }

    @Override
    public Session createSession() {
        return factory != null ? factory.get() : new ScriptSession(this);
    }

    @Override
    public void channelDispose(Session session, Channel channel) {
        disposals.add(channel.getChannelID());
    }

    @Override
    public String toString() {
        return name;
    }

    static class ScriptSession extends Session {

        final List<Event> seen = new ArrayList<>();

        ScriptSession(ScriptLayer layer) {
            super(layer);
        }

        ScriptLayer script() {
            return (ScriptLayer) layer;
        }

        /** Creates, initialises and sends {@code event} from this session. */
        <E extends Event> E send(E event, Channel channel, Direction direction) {
            event.setChannel(channel);
            event.setDirection(direction);
            event.setSource(this);
            event.init();
            event.go();
            return event;
        }

        @Override
        public void handle(Event event) {
            seen.add(event);
            script().log.add(script().name + ":" + event.getClass().getSimpleName() + ":" + event.getDirection());
            script().behaviour.accept(this, event);
        }

        @Override
        public String toString() {
            return script().name + "-session";
        }
    }
}
