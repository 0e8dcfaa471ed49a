package org.maftia.testkit.adversary;

import java.util.List;
import java.util.function.Consumer;
import org.maftia.testkit.net.Adversary;
import org.maftia.testkit.net.Envelope;

/** Building one network adversary out of several. */
public final class Adversaries {

    private Adversaries() {
    }

    /**
     * All of {@code parts} at once, each seeing every message in the order given: a message is
     * dropped if any part drops it (a part that drops a message may inject its own version), and
     * delayed by the sum of the parts' extra delays otherwise.
     */
    public static Adversary all(Adversary... parts) {
        return all(List.of(parts));
    }

    /** {@link #all(Adversary...)} over a list. */
    public static Adversary all(List<? extends Adversary> parts) {
        List<Adversary> fixed = List.copyOf(parts);
        return (message, network) -> {
            boolean drop = false;
            long extra = 0;
            for (Adversary a : fixed) {
                switch (a.onMessage(message, network)) {
                    case Adversary.Drop d -> drop = true;
                    case Adversary.Deliver d -> extra = Math.addExact(extra, d.extraDelayNanos());
                }
            }
            return drop ? Adversary.DROP : new Adversary.Deliver(extra);
        };
    }

    /** Sees every message and changes nothing: for checks of what the adversary learns. */
    public static Adversary observer(Consumer<Envelope> seen) {
        return (message, network) -> {
            seen.accept(message);
            return Adversary.DELIVER;
        };
    }
}
