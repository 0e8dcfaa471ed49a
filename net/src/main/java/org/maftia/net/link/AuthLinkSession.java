package org.maftia.net.link;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.maftia.appia.ChannelInit;
import org.maftia.appia.Direction;
import org.maftia.appia.Event;
import org.maftia.appia.SendableEvent;
import org.maftia.appia.Session;
import org.maftia.appia.message.Message;
import org.maftia.appia.message.MessageException;
import org.maftia.appia.message.MsgBuffer;
import org.maftia.appia.message.MsgWalk;
import org.maftia.net.group.GroupConfig;
import org.maftia.net.transport.AllSites;
import org.maftia.net.transport.SiteId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The session of {@link AuthLinkLayer}. */
public class AuthLinkSession extends Session {

    static final int VERSION = 1;
    static final int HEADER_BYTES = 1 + 1 + 4 + 4 + 8 + 8;
    static final int MAC_BYTES = 16;
    static final int GCM_TAG_BITS = 128;

    private static final Logger LOG = LoggerFactory.getLogger(AuthLinkSession.class);

    private final LinkSettings settings;
    private final GroupConfig group;
    private final int self;
    private final LinkKeys keys;
    private final long[] nextSeq;
    private final ReplayWindow[] windows;
    /** Per peer: the key of our frames to it in our epoch, and of its frames in its current epoch. */
    private final SecretKeySpec[] sendKeys;
    private final SecretKeySpec[] receiveKeys;
    private final long[] receiveKeyEpochs;
    private final Map<LinkDrop, LongAdder> drops = new EnumMap<>(LinkDrop.class);
    private final LongAdder delivered = new LongAdder();
    private final byte[] header = new byte[HEADER_BYTES];
    private final MsgBuffer chunk = new MsgBuffer();
    private final Mac mac;
    private final Cipher gcm;
    private long epoch;

    AuthLinkSession(AuthLinkLayer layer, LinkSettings settings) {
        super(layer);
        this.settings = settings;
        this.group = settings.group();
        this.self = settings.self();
        this.keys = new LinkKeys(group, self, settings.keys().privateKey());
        int n = group.n();
        this.nextSeq = new long[n];
        this.windows = new ReplayWindow[n];
        this.sendKeys = new SecretKeySpec[n];
        this.receiveKeys = new SecretKeySpec[n];
        this.receiveKeyEpochs = new long[n];
        for (int j = 0; j < n; j++) {
            windows[j] = new ReplayWindow(settings.replayWindow());
        }
        for (LinkDrop d : LinkDrop.values()) {
            drops.put(d, new LongAdder());
        }
        try {
            mac = Mac.getInstance("HmacSHA256");
            gcm = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 and AES/GCM are required of every JDK", e);
        }
    }

    /** Frames refused for {@code reason}. */
    public long dropped(LinkDrop reason) {
        return drops.get(reason).sum();
    }

    public long droppedTotal() {
        return drops.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long delivered() {
        return delivered.sum();
    }

    @Override
    public void handle(Event event) {
        switch (event) {
            case ChannelInit init -> onInit(init);
            case SendableEvent down when down.getDirection().isDown() -> send(down);
            case SendableEvent up -> receive(up);
            default -> event.go();
        }
    }

    private void onInit(ChannelInit init) {
        // A sender epoch that grows across restarts (clock milliseconds) with random low bits.
        epoch = (init.getChannel().getClock().currentTimeMillis() << 16) | (new SecureRandom().nextInt() & 0xFFFF);
        for (int j = 0; j < group.n(); j++) {
            if (j != self) {
                sendKeys[j] = new SecretKeySpec(keys.directionKey(self, j, epoch), "AES");
            }
        }
        init.go();
    }

    private void send(SendableEvent event) {
        switch (event.dest) {
            case SiteId to when to.id() == self -> deliverLocally(event);
            case SiteId to when to.id() < group.n() -> seal(event, to.id());
            case AllSites all -> {
                for (int j = 0; j < group.n(); j++) {
                    if (j != self) {
                        seal(copy(event), j);
                    }
                }
                deliverLocally(event);
            }
            case null, default -> LOG.warn("link: dropped a {} addressed to {}: not a site of group '{}'",
                    event.getClass().getSimpleName(), event.dest, group.groupId());
        }
    }

    private void seal(SendableEvent event, int to) {
        long seq = nextSeq[to]++;
        writeHeader(to, seq);
        Message m = event.getMessage();
        try {
            if (settings.mode() == LinkMode.MAC) {
                byte[] tag = tag(sendKeys[to], m);
                m.pushBytes(tag);
            } else {
                gcm.init(Cipher.ENCRYPT_MODE, sendKeys[to], new GCMParameterSpec(GCM_TAG_BITS, nonce(seq)));
                gcm.updateAAD(header);
                byte[] sealed = gcm.doFinal(m.toByteArray());
                m = new Message();
                m.setByteArray(sealed, 0, sealed.length);
                event.setMessage(m);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing a frame failed", e);
        }
        m.pushBytes(header);
        event.source = group.address(self);
        event.dest = group.address(to);
        // Copies made for "all sites" are not initialised; every frame leaves from this session.
        event.setSource(this);
        event.init();
        event.go();
    }

    private void receive(SendableEvent event) {
        Message m = event.getMessage();
        try {
            MsgBuffer h = new MsgBuffer(null, 0, HEADER_BYTES);
            m.pop(h);
            System.arraycopy(h.data, h.off, header, 0, HEADER_BYTES);
        } catch (MessageException e) {
            drop(LinkDrop.MALFORMED, "frame shorter than the link header");
            return;
        }
        ByteBuffer hb = ByteBuffer.wrap(header);
        int version = hb.get() & 0xFF;
        int mode = hb.get() & 0xFF;
        int from = hb.getInt();
        int to = hb.getInt();
        long frameEpoch = hb.getLong();
        long seq = hb.getLong();
        if (version != VERSION || mode != settings.mode().ordinal()) {
            drop(LinkDrop.MALFORMED, "link version " + version + " mode " + mode);
            return;
        }
        if (to != self) {
            drop(LinkDrop.WRONG_RECIPIENT, "frame for site " + to);
            return;
        }
        if (from < 0 || from >= group.n() || from == self) {
            drop(LinkDrop.UNKNOWN_SENDER, "frame claims to come from site " + from);
            return;
        }
        switch (windows[from].check(frameEpoch, seq)) {
            case REPLAYED -> {
                drop(LinkDrop.REPLAYED, "sequence " + seq + " from site " + from);
                return;
            }
            case STALE_EPOCH -> {
                drop(LinkDrop.STALE_EPOCH, "old epoch from site " + from);
                return;
            }
            case FRESH -> { }
        }
        SecretKeySpec key = receiveKey(from, frameEpoch);
        Message payload = open(m, key, seq);
        if (payload == null) {
            drop(LinkDrop.BAD_TAG, "frame from site " + from + " does not authenticate");
            return;
        }
        windows[from].record(frameEpoch, seq);
        delivered.increment();
        event.setMessage(payload);
        event.source = SiteId.of(from);
        event.dest = SiteId.of(self);
        event.setSource(this);
        event.init();
        event.go();
    }

    /** The authenticated payload, or null when the tag does not verify. */
    private Message open(Message m, SecretKeySpec key, long seq) {
        try {
            if (settings.mode() == LinkMode.MAC) {
                byte[] claimed = m.popBytes(MAC_BYTES);
                return MessageDigest.isEqual(claimed, tag(key, m)) ? m : null;
            }
            gcm.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(GCM_TAG_BITS, nonce(seq)));
            gcm.updateAAD(header);
            byte[] plain = gcm.doFinal(m.toByteArray());
            Message out = new Message();
            out.setByteArray(plain, 0, plain.length);
            return out;
        } catch (AEADBadTagException | MessageException e) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("opening a frame failed", e);
        }
    }

    private byte[] tag(SecretKeySpec key, Message payload) throws GeneralSecurityException {
        mac.init(key);
        mac.update(header);
        MsgWalk walk = payload.getMsgWalk();
        for (walk.next(chunk); chunk.data != null; walk.next(chunk)) {
            mac.update(chunk.data, chunk.off, chunk.len);
        }
        byte[] full = mac.doFinal();
        return java.util.Arrays.copyOf(full, MAC_BYTES);
    }

    private SecretKeySpec receiveKey(int from, long frameEpoch) {
        if (receiveKeys[from] != null && receiveKeyEpochs[from] == frameEpoch) {
            return receiveKeys[from];
        }
        SecretKeySpec key = new SecretKeySpec(keys.directionKey(from, self, frameEpoch), "AES");
        if (frameEpoch == windows[from].epoch() || receiveKeys[from] == null) {
            receiveKeys[from] = key;
            receiveKeyEpochs[from] = frameEpoch;
        }
        return key;
    }

    private void writeHeader(int to, long seq) {
        ByteBuffer.wrap(header).put((byte) VERSION).put((byte) settings.mode().ordinal())
                .putInt(self).putInt(to).putLong(epoch).putLong(seq);
    }

    private static byte[] nonce(long seq) {
        return ByteBuffer.allocate(12).putLong(4, seq).array();
    }

    private void deliverLocally(SendableEvent event) {
        event.source = SiteId.of(self);
        event.dest = SiteId.of(self);
        event.getDirection().invert();
        event.setSource(this);
        event.init();
        event.go();
    }

    private SendableEvent copy(SendableEvent event) {
        try {
            return (SendableEvent) event.cloneEvent();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(event.getClass() + " cannot be copied", e);
        }
    }

    private void drop(LinkDrop reason, String detail) {
        drops.get(reason).increment();
        LOG.debug("link {}: dropped a frame ({}): {}", self, reason, detail);
    }
}
