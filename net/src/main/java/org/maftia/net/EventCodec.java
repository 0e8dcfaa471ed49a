package org.maftia.net;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import org.maftia.appia.Channel;
import org.maftia.appia.Event;
import org.maftia.appia.Layer;
import org.maftia.appia.SendableEvent;
import org.maftia.appia.message.Message;
import org.maftia.appia.message.MessageException;
import org.maftia.net.MalformedFrameException.Reason;

/**
 * Turns a sendable event into the bytes of one network frame and back, keeping what spec 2.1.3
 * asks of the receiving side: the same event class, source, dest and message bytes.
 *
 * <p>Frame: {@code version(1) | class name (int length, UTF-8) | source | dest | message}, an
 * address being {@code kind(1) [ip length(1) ip port(2)]}. Received frames may only name the
 * concrete sendable classes some layer of the channel's QoS declares in {@code evProvide}; no
 * other class is ever loaded or instantiated on behalf of the network.
 */
public final class EventCodec {

    public static final int VERSION = 1;
    private static final int MAX_TYPE_NAME = 512;
    private static final int NO_ADDRESS = 0;
    private static final int UNICAST = 1;
    private static final int MULTICAST = 2;

    private final Map<String, Constructor<? extends SendableEvent>> types;

    private EventCodec(Map<String, Constructor<? extends SendableEvent>> types) {
        this.types = types;
    }

    /** A codec for the sendable event classes the channel's layers provide. */
    public static EventCodec forChannel(Channel channel) {
        Map<String, Constructor<? extends SendableEvent>> types = new HashMap<>();
        for (Layer layer : channel.getQoS().getLayers()) {
            for (Class<? extends Event> c : layer.getProvidedEvents()) {
                if (SendableEvent.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers())) {
                    noArgConstructor(c.asSubclass(SendableEvent.class)).ifPresent(k -> types.put(c.getName(), k));
                }
            }
        }
        return new EventCodec(Map.copyOf(types));
    }

    /** Whether frames naming this class are accepted. */
    public boolean knows(Class<? extends SendableEvent> type) {
        return types.containsKey(type.getName());
    }

    /**
     * The frame for {@code event}. Pushes the header onto the event's message, which the caller
     * hands to the network and no longer uses.
     *
     * @throws IllegalArgumentException for an address these layers cannot carry
     */
    public byte[] encode(SendableEvent event) {
        Message m = event.getMessage();
        pushAddress(m, event.dest, "dest");
        pushAddress(m, event.source, "source");
        m.pushString(event.getClass().getName());
        m.pushByte(VERSION);
        return m.toByteArray();
    }

    /** The event a frame carries: not initialised, with source, dest and message set. */
    public SendableEvent decode(byte[] frame, int offset, int length) throws MalformedFrameException {
        Message m = new Message();
        m.setByteArray(frame, offset, length);
        try {
            int version = m.popByte() & 0xFF;
            if (version != VERSION) {
                throw new MalformedFrameException(Reason.BAD_VERSION, "frame version " + version + ", expected " + VERSION);
            }
            if (m.length() >= 4 && (m.peekInt() < 0 || m.peekInt() > MAX_TYPE_NAME)) {
                throw new MalformedFrameException(Reason.MALFORMED, "event class name of " + m.peekInt() + " bytes");
            }
            String type = m.popString();
            Constructor<? extends SendableEvent> constructor = types.get(type);
            if (constructor == null) {
                throw new MalformedFrameException(Reason.UNKNOWN_TYPE, "event class '" + abbreviate(type)
                        + "' is not provided by any layer of this channel");
            }
            Object source = popAddress(m);
            Object dest = popAddress(m);
            SendableEvent event = instantiate(constructor);
            event.source = source;
            event.dest = dest;
            event.setMessage(m);
            return event;
        } catch (MessageException e) {
            throw new MalformedFrameException(Reason.MALFORMED, "truncated frame: " + e.getMessage());
        }
    }

    private static void pushAddress(Message m, Object address, String which) {
        switch (address) {
            case null -> m.pushByte(NO_ADDRESS);
            case InetWithPort a -> {
                pushInet(m, a);
                m.pushByte(UNICAST);
            }
            case AppiaMulticast a -> {
                pushInet(m, a.group());
                m.pushByte(MULTICAST);
            }
            default -> throw new IllegalArgumentException("the " + which + " of a frame must be an InetWithPort or an"
                    + " AppiaMulticast, not " + address.getClass().getSimpleName()
                    + " (site ids are translated by the authenticated link layer, which goes above the network layer)");
        }
    }

    private static void pushInet(Message m, InetWithPort a) {
        m.pushShort(a.port());
        byte[] ip = a.host().getAddress();
        m.pushBytes(ip);
        m.pushByte(ip.length);
    }

    private static Object popAddress(Message m) throws MalformedFrameException {
        int kind = m.popByte();
        if (kind == NO_ADDRESS) {
            return null;
        }
        if (kind != UNICAST && kind != MULTICAST) {
            throw new MalformedFrameException(Reason.MALFORMED, "address kind " + kind);
        }
        int len = m.popByte();
        if (len != 4 && len != 16) {
            throw new MalformedFrameException(Reason.MALFORMED, "IP address of " + len + " bytes");
        }
        InetAddress ip;
        try {
            ip = InetAddress.getByAddress(m.popBytes(len));
        } catch (UnknownHostException e) {
            throw new MalformedFrameException(Reason.MALFORMED, "bad IP address");
        }
        InetWithPort address = new InetWithPort(ip, m.popShort() & 0xFFFF);
        if (kind == UNICAST) {
            return address;
        }
        if (!ip.isMulticastAddress()) {
            throw new MalformedFrameException(Reason.MALFORMED, "multicast dest " + address + " is not a multicast address");
        }
        return new AppiaMulticast(address);
    }

    private static java.util.Optional<Constructor<? extends SendableEvent>> noArgConstructor(Class<? extends SendableEvent> c) {
        try {
            Constructor<? extends SendableEvent> k = c.getDeclaredConstructor();
            k.setAccessible(true);
            return java.util.Optional.of(k);
        } catch (NoSuchMethodException | SecurityException e) {
            return java.util.Optional.empty();
        }
    }

    private static SendableEvent instantiate(Constructor<? extends SendableEvent> constructor) throws MalformedFrameException {
        try {
            return constructor.newInstance();
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new MalformedFrameException(Reason.UNKNOWN_TYPE, "cannot create " + constructor.getDeclaringClass().getName() + ": " + e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
