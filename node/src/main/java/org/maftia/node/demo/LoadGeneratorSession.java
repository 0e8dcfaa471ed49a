package org.maftia.node.demo;

import java.util.function.LongConsumer;
import org.maftia.appia.Channel;
import org.maftia.appia.ChannelInit;
import org.maftia.appia.Direction;
import org.maftia.appia.Event;
import org.maftia.appia.EventQualifier;
import org.maftia.appia.Session;
import org.maftia.appia.message.Message;
import org.maftia.appia.message.MessageException;
import org.maftia.appia.message.MsgBuffer;

/** Sends, verifies and paces the demo's messages; see {@link LoadGeneratorLayer}. */
final class LoadGeneratorSession extends Session {

    private final LoadSettings settings;
    private final LongConsumer progress;
    private final byte[] payload;
    private final MsgBuffer head = new MsgBuffer();
    private long sent;
    private long delivered;
    private long badPayloads;
    private long startNanos;
    private long elapsedNanos;

    LoadGeneratorSession(LoadGeneratorLayer layer, LoadSettings settings, LongConsumer progress) {
        super(layer);
        this.settings = settings;
        this.progress = progress;
        this.payload = new byte[settings.payloadBytes()];
        for (int i = Long.BYTES; i < payload.length; i++) {
            payload[i] = (byte) (i * 31);
        }
    }

    @Override
    public void handle(Event event) {
        switch (event) {
            case ChannelInit init -> onStart(init);
            case DemoMessage message when message.getDirection().isUp() -> onDelivered(message);
            case ProgressTimer tick -> progress.accept(delivered);
            default -> event.go();
        }
    }

    LoadResult result() {
        return new LoadResult(sent, delivered, badPayloads, elapsedNanos);
    }

    private void onStart(ChannelInit init) {
        init.go();
        Channel channel = init.getChannel();
        startNanos = channel.getClock().nanoTime();
        new ProgressTimer(settings.progressMillis(), channel, this, EventQualifier.on()).go();
        while (sent < settings.messages() && sent < settings.window()) {
            send(channel);
        }
    }

    private void onDelivered(DemoMessage message) {
        if (hasExpectedPayload(message)) {
            delivered++;
        } else {
            badPayloads++;
        }
        Channel channel = message.getChannel();
        if (sent < settings.messages()) {
            send(channel);
        } else if (delivered + badPayloads == settings.messages()) {
            elapsedNanos = channel.getClock().nanoTime() - startNanos;
            new ProgressTimer(settings.progressMillis(), channel, this, EventQualifier.off()).go();
            channel.end();
        }
    }

    private void send(Channel channel) {
        DemoMessage m = new DemoMessage();
        m.index = sent++;
        writeLong(payload, m.index);
        m.getMessage().setByteArray(payload, 0, payload.length);
        m.setChannel(channel);
        m.setDirection(Direction.down());
        m.setSource(this);
        m.init();
        m.go();
    }

    /** The payload is as sent: right length, its index in front, the fill pattern at the end. */
    private boolean hasExpectedPayload(DemoMessage m) {
        Message msg = m.getMessage();
        if (msg.length() != payload.length) {
            return false;
        }
        try {
            head.len = payload.length;
            msg.peek(head);
            return readLong(head.data, head.off) == m.index
                    && (payload.length == Long.BYTES
                        || head.data[head.off + payload.length - 1] == payload[payload.length - 1]);
        } catch (MessageException e) {
            return false;
        }
    }

    private static long readLong(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            v = (v << 8) | (b[off + i] & 0xFF);
        }
        return v;
    }

    private static void writeLong(byte[] b, long v) {
        for (int i = 7; i >= 0; i--) {
            b[i] = (byte) v;
            v >>>= 8;
        }
    }
}
