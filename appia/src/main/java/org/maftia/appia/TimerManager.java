package org.maftia.appia;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The channel's timer service (spec 2.1.3, Table 2.2) for all channels of one Appia: pending
 * timers ordered by deadline, then by request order, so runs on virtual time are deterministic.
 * Cancelled timers are marked and skipped when they come up.
 */
final class TimerManager {

    private record Key(Channel channel, String timerID) {
    }

    private static final class Pending implements Comparable<Pending> {
        final ChannelEvent request;
        final Key key;
        final long seq;
        final long period;
        long deadline;
        boolean cancelled;

        Pending(ChannelEvent request, Key key, long seq, long deadline, long period) {
            this.request = request;
            this.key = key;
            this.seq = seq;
            this.deadline = deadline;
            this.period = period;
        }

        @Override
        public int compareTo(Pending o) {
            int c = Long.compare(deadline, o.deadline);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final Appia appia;
    private final PriorityQueue<Pending> queue = new PriorityQueue<>();
    private final Map<Key, List<Pending>> byKey = new HashMap<>();
    private long seq;

    TimerManager(Appia appia) {
        this.appia = appia;
    }

    /** A Timer or PeriodicTimer reached an end with qualifier ON (schedule) or OFF (cancel). */
    void request(ChannelEvent timer) {
        Key key = new Key(timer.getChannel(), timerId(timer));
        if (timer.getQualifier().isCancel()) {
            cancel(key);
            return;
        }
        long now = appia.clock().currentTimeMillis();
        Pending p = switch (timer) {
            case Timer t -> new Pending(t, key, seq++, t.getTimeout(), 0);
            case PeriodicTimer t -> new Pending(t, key, seq++, now + t.getPeriod(), t.getPeriod());
            default -> throw new IllegalArgumentException("not a timer: " + timer);
        };
        queue.add(p);
        byKey.computeIfAbsent(key, k -> new ArrayList<>(1)).add(p);
    }

    void cancelAll(Channel channel) {
        byKey.entrySet().removeIf(e -> {
            if (e.getKey().channel() != channel) {
                return false;
            }
            e.getValue().forEach(p -> p.cancelled = true);
            return true;
        });
    }

    /** Deadline of the earliest live timer on the millisecond scale, or {@code Long.MAX_VALUE}. */
    long nextDeadline() {
        dropCancelledHead();
        Pending head = queue.peek();
        return head == null ? Long.MAX_VALUE : head.deadline;
    }

    /** Sends the notifications of every timer due at {@code now}; returns how many fired. */
    int fireDue(long now) {
        int fired = 0;
        while (true) {
            dropCancelledHead();
            Pending p = queue.peek();
            if (p == null || p.deadline > now) {
                return fired;
            }
            queue.poll();
            fired++;
            if (p.period > 0) {
                // Skip missed periods: never more notifications than periods expired.
                long missed = (now - p.deadline) / p.period;
                p.deadline += (missed + 1) * p.period;
                queue.add(p);
                notifyCopy((PeriodicTimer) p.request);
            } else {
                forget(p);
                notify(p.request);
            }
        }
    }

    private void notifyCopy(PeriodicTimer timer) {
        try {
            notify((ChannelEvent) timer.cloneEvent());
        } catch (CloneNotSupportedException | RuntimeException e) {
            appia.reportDropped(timer, "cloneEvent() of periodic timer '" + timer.getTimerID() + "' failed: " + e);
        }
    }

    private void notify(ChannelEvent timer) {
        Direction inverse = new Direction(timer.getDirection().direction);
        inverse.invert();
        timer.setDirection(inverse);
        timer.setQualifier(EventQualifier.notification());
        timer.getChannel().insertFromEnd(timer);
    }

    private void cancel(Key key) {
        List<Pending> pending = byKey.remove(key);
        if (pending != null) {
            pending.forEach(p -> p.cancelled = true);
        }
    }

    private void forget(Pending p) {
        List<Pending> same = byKey.get(p.key);
        if (same != null) {
            same.remove(p);
            if (same.isEmpty()) {
                byKey.remove(p.key);
            }
        }
    }

    private void dropCancelledHead() {
        while (!queue.isEmpty() && queue.peek().cancelled) {
            queue.poll();
        }
    }

    private static String timerId(ChannelEvent timer) {
        return switch (timer) {
            case Timer t -> t.getTimerID();
            case PeriodicTimer t -> t.getTimerID();
            default -> throw new IllegalArgumentException("not a timer: " + timer);
        };
    }
}
