package org.maftia.testkit.adversary;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.maftia.testkit.net.Envelope;

/**
 * What the driven sites sent or received, kept as material for replays and garbage: a corrupted
 * site may resend, in its own name, anything it ever saw. Bounded: once full, a new message
 * replaces a random old one, so old messages stay likely to be picked; very large messages are
 * left out.
 */
final class Traffic {

    /** A message one driven site can send again in its own name. */
    record Seen(int site, Envelope message) {
    }

    static final int CAPACITY = 256;
    /** Larger messages are not kept, so the material stays a few megabytes at most. */
    static final int MAX_BYTES = 16 * 1024;

    private final Driven driven;
    private final List<Seen> seen = new ArrayList<>();

    Traffic(Driven driven) {
        this.driven = driven;
    }

    /** Keeps {@code message} for its sender if driven, and for its receiver if driven (a reflection). */
    void remember(Envelope message, SplittableRandom random) {
        if (message.event().getMessage().length() > MAX_BYTES) {
            return;
        }
        if (driven.contains(message.from())) {
            keep(new Seen(message.from(), message), random);
        }
        if (message.to() != message.from() && driven.contains(message.to())) {
            keep(new Seen(message.to(), message), random);
        }
    }

    boolean isEmpty() {
        return seen.isEmpty();
    }

    Seen pick(SplittableRandom random) {
        return seen.get(random.nextInt(seen.size()));
    }

    private void keep(Seen s, SplittableRandom random) {
        if (seen.size() < CAPACITY) {
            seen.add(s);
        } else {
            seen.set(random.nextInt(CAPACITY), s);
        }
    }
}
