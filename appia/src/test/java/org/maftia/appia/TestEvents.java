package org.maftia.appia;

/** Event classes the kernel tests route. */
final class TestEvents {

    private TestEvents() {
    }

    static class Ping extends Event {
        int id;

        Ping() {
        }

        Ping(int id) {
            this.id = id;
        }
    }

    /** A subclass no layer declares: routed as a Ping. */
    static final class LoudPing extends Ping {
    }

    static final class Pong extends Event {
    }

    static final class Data extends SendableEvent {
    }

    static final class Retry extends Timer {
        Retry(String id, long when, Channel channel, Session source, EventQualifier q) {
            super(id, when, channel, Direction.down(), source, q);
        }
    }

    static final class Tick extends PeriodicTimer {
        int copies;

        Tick(String id, long period, Channel channel, Direction dir, Session source, EventQualifier q) {
            super(id, period, channel, dir, source, q);
        }

        @Override
        public Event cloneEvent() throws CloneNotSupportedException {
            Tick copy = (Tick) super.cloneEvent();
            copy.copies = copies + 1;
            return copy;
        }
    }
}
