package org.maftia.testkit.net;

/**
 * The network adversary of the asynchronous model (docs/architecture.md): it sees every message,
 * decides when each is delivered, and controls the corrupted sites, whose messages it may drop
 * and in whose name it may inject messages. It cannot forge or drop the messages of honest sites,
 * only delay them; {@link SimulatedNetwork} enforces this.
 */
public interface Adversary {

    /** What happens to one message. */
    sealed interface Decision permits Deliver, Drop {
    }

    /** Deliver after the network's delay plus {@code extraDelayNanos}. */
    record Deliver(long extraDelayNanos) implements Decision {
        public Deliver {
            if (extraDelayNanos < 0) {
                throw new IllegalArgumentException("the adversary delays; it cannot make messages travel back in time");
            }
        }
    }

    /** Drop; allowed only for messages whose sender is corrupted. */
    record Drop() implements Decision {
    }

    Decision DELIVER = new Deliver(0);
    Decision DROP = new Drop();

    /** Decides the fate of {@code message}; {@code network} lets it inject messages of corrupted sites. */
    Decision onMessage(Envelope message, SimulatedNetwork network);

    /** The adversary that changes nothing. */
    Adversary NONE = (message, network) -> DELIVER;
}
