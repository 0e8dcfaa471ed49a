package org.maftia.appia;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A Quality of Service: an ordered set of layers, bottom first (spec 2.1.3, class QoS).
 *
 * <p>At definition the QoS validates the composition (every required event is provided by some
 * layer or by the channel) and builds, for every event class, the route of the layers that
 * accept it. Routes of classes not declared by any layer (subclasses) are resolved on first use
 * and cached; a session is never handed an event its layer did not accept.
 */
public final class QoS {

    /** Events the channel itself generates (spec 2.1.3, class Channel: Start and Stop). */
    private static final List<Class<? extends Event>> CHANNEL_PROVIDED =
            List.of(ChannelInit.class, ChannelClose.class);

    private final String qosID;
    private final Layer[] layers;
    private final Class<? extends Event>[][] provides;
    private final Class<? extends Event>[][] accepts;
    private final ClassValue<EventRoute> routes = new ClassValue<>() {
        @Override
        protected EventRoute computeValue(Class<?> eventClass) {
            return computeRoute(eventClass);
        }
    };

    @SuppressWarnings("unchecked")
    public QoS(String qosID, Layer[] layers) throws AppiaInvalidQoS {
        if (qosID == null || qosID.isBlank()) {
            throw new AppiaInvalidQoS("a QoS needs a non-empty id");
        }
        if (layers == null || layers.length == 0) {
            throw new AppiaInvalidQoS("QoS '" + qosID + "' has no layers; give at least one, bottom first");
        }
        this.qosID = qosID;
        this.layers = layers.clone();
        this.provides = new Class[layers.length][];
        this.accepts = new Class[layers.length][];
        Set<Layer> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < layers.length; i++) {
            Layer layer = layers[i];
            if (layer == null) {
                throw new AppiaInvalidQoS("QoS '" + qosID + "': layer at position " + i + " is null");
            }
            if (!seen.add(layer)) {
                throw new AppiaInvalidQoS("QoS '" + qosID + "': the same " + layer
                        + " instance is at two positions; create one layer object per position");
            }
            provides[i] = checked(layer.evProvide, "evProvide", i);
            accepts[i] = checked(layer.evAccept, "evAccept", i);
        }
        for (int i = 0; i < layers.length; i++) {
            for (Class<? extends Event> required : checked(layers[i].evRequire, "evRequire", i)) {
                if (!isProvided(required)) {
                    throw new AppiaInvalidQoS("QoS '" + qosID + "': " + layers[i] + " (position " + i
                            + ") requires " + required.getSimpleName()
                            + ", which no layer of the QoS provides; add a layer that provides it");
                }
            }
        }
        for (Class<? extends Event> declared : declaredEventClasses()) {
            routes.get(declared);
        }
    }

    public String getQoSID() {
        return qosID;
    }

    /** The layers, bottom first (a copy). */
    public Layer[] getLayers() {
        return layers.clone();
    }

    /** Number of layers. */
    public int size() {
        return layers.length;
    }

    Layer layerAt(int position) {
        return layers[position];
    }

    /** Creates a channel of this QoS whose events run on {@code eventScheduler}. */
    public Channel createUnboundChannel(String channelID, EventScheduler eventScheduler) {
        if (eventScheduler == null) {
            throw new IllegalArgumentException("channel '" + channelID + "' needs an event scheduler, not null");
        }
        return new Channel(channelID, this, eventScheduler);
    }

    /**
     * Creates a channel on the default scheduler of the Appia instance whose thread is running
     * this call (a session creating channels, or code run by {@link Appia#execute}). From any
     * other thread use {@link #createUnboundChannel(String, EventScheduler)}.
     */
    public Channel createUnboundChannel(String channelID) {
        return createUnboundChannel(channelID, Appia.current().getEventScheduler());
    }

    EventRoute route(Class<? extends Event> eventClass) {
        return routes.get(eventClass);
    }

    private EventRoute computeRoute(Class<?> eventClass) {
        List<Integer> accepting = new ArrayList<>();
        boolean[] providerAt = new boolean[layers.length];
        for (int i = 0; i < layers.length; i++) {
            if (coversAny(accepts[i], eventClass)) {
                accepting.add(i);
            }
            providerAt[i] = coversAny(provides[i], eventClass);
        }
        return new EventRoute(accepting.stream().mapToInt(Integer::intValue).toArray(), providerAt);
    }

    private boolean isProvided(Class<? extends Event> required) {
        for (Class<? extends Event> kernel : CHANNEL_PROVIDED) {
            if (required.isAssignableFrom(kernel)) {
                return true;
            }
        }
        for (Class<? extends Event>[] provided : provides) {
            for (Class<? extends Event> p : provided) {
                if (required.isAssignableFrom(p) || p.isAssignableFrom(required)) {
                    return true;
                }
            }
        }
        return false;
    }

    private Set<Class<? extends Event>> declaredEventClasses() {
        Set<Class<? extends Event>> all = new LinkedHashSet<>(CHANNEL_PROVIDED);
        for (int i = 0; i < layers.length; i++) {
            all.addAll(List.of(provides[i]));
            all.addAll(List.of(accepts[i]));
        }
        return all;
    }

    private Class<? extends Event>[] checked(Class<? extends Event>[] declared, String field, int position) {
        if (declared == null) {
            return Layer.events();
        }
        for (Class<? extends Event> c : declared) {
            if (c == null || !Event.class.isAssignableFrom(c)) {
                throw new AppiaInvalidQoS("QoS '" + qosID + "': " + layers[position] + "." + field
                        + " contains " + c + ", which is not an Event class");
            }
        }
        return declared.clone();
    }

    private static boolean coversAny(Class<? extends Event>[] declared, Class<?> eventClass) {
        for (Class<? extends Event> c : declared) {
            if (c.isAssignableFrom(eventClass)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "QoS[" + qosID + ": " + List.of(layers) + "]";
    }
}
