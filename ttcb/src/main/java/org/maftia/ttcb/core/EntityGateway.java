package org.maftia.ttcb.core;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.maftia.ttcb.DecisionFunction;
import org.maftia.ttcb.Eid;
import org.maftia.ttcb.Tag;
import org.maftia.ttcb.Ttcb.DecideResult;
import org.maftia.ttcb.Ttcb.DistributedInfo;
import org.maftia.ttcb.Ttcb.EndLocalResult;
import org.maftia.ttcb.Ttcb.Handler;
import org.maftia.ttcb.Ttcb.LocalPublicKey;
import org.maftia.ttcb.Ttcb.Measurement;
import org.maftia.ttcb.Ttcb.ProposeResult;
import org.maftia.ttcb.Ttcb.TagResult;
import org.maftia.ttcb.TtcbError;
import org.maftia.ttcb.channel.CallCodec;
import org.maftia.ttcb.channel.ChannelCrypto;
import org.maftia.ttcb.channel.ChannelCrypto.AuthRequest;
import org.maftia.ttcb.channel.ChannelCrypto.SessionKeys;
import org.maftia.ttcb.channel.Frames;
import org.maftia.ttcb.channel.Op;
import org.maftia.ttcb.core.SessionTable.Session;
import org.maftia.ttcb.wire.MalformedFrameException;
import org.maftia.ttcb.wire.WireReader;
import org.maftia.ttcb.wire.WireWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TTCB interface of a local TTCB (spec 2.2.1): frames from entities in, frames out, on the
 * TTCB's thread. The path to the entity is untrusted (spec 2.2.3.1: requests and replies can be
 * read, modified, reordered, deleted and replayed), so apart from the public key and local
 * authentication every call must come from a session: a MAC (or AEAD) under keys from Ket and a
 * sequence number higher than any accepted before. Tampered, replayed and re-ordered calls are
 * refused and counted; nothing an entity sends can throw into the TTCB. The session names the
 * caller, so time-service tags are held to the entity that started them ({@link HandleOwners}).
 */
public final class EntityGateway {

    private static final Logger log = LoggerFactory.getLogger(EntityGateway.class);
    private static final int CALL_HEADER = 17;
    private static final int SEEN_AUTH = 4096;
    private static final TagResult RESOURCES = new TagResult(TtcbError.RESOURCES, null);

    private final LocalTtcb ttcb;
    private final LocalKeys keys;
    private final HandleOwners handles = new HandleOwners();
    private final SessionTable sessions;
    private final Map<ByteBuffer, Boolean> seenAuth = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Boolean> eldest) {
            return size() > SEEN_AUTH;
        }
    };
    private int nextLocal;
    /**
     * Drawn when this gateway starts: eids restart from 0 with every boot, and a boot forgets the
     * requests it saw, so session keys salted with it (and the eid) differ from any earlier boot's.
     */
    private final byte[] bootNonce = new byte[ChannelCrypto.BOOT_NONCE_BYTES];

    public EntityGateway(LocalTtcb ttcb, LocalKeys keys, int maxSessions, SecureRandom random) {
        this.ttcb = ttcb;
        this.keys = keys;
        this.sessions = new SessionTable(maxSessions, ttcb::holdsAgreement);
        random.nextBytes(bootNonce);
    }

    public LocalPublicKey publicKey() {
        return keys.publicKey();
    }

    /** Handles one request frame of an entity of the host's one user (the simulation's entities). */
    public CompletableFuture<byte[]> handle(byte[] frame) {
        return handle("", frame);
    }

    /**
     * Handles one request frame of an entity run by {@code user} (as the host's kernel names the
     * connection's peer); the reply completes now, or later for exec and waitInfo.
     */
    public CompletableFuture<byte[]> handle(String user, byte[] frame) {
        if (ttcb.isHalted()) {
            return refuse("the local TTCB has halted");
        }
        if (frame == null || frame.length == 0 || frame.length > Frames.MAX_FRAME) {
            return refuse("empty or oversized frame");
        }
        return switch (frame[0] & 0xFF) {
            case Frames.PUBLIC_KEY -> done(publicKeyReply());
            case Frames.AUTH -> authenticate(user, frame);
            case Frames.CALL -> call(frame);
            default -> refuse("unknown frame kind " + (frame[0] & 0xFF));
        };
    }

    private byte[] publicKeyReply() {
        LocalPublicKey pk = keys.publicKey();
        return new WireWriter().u8(Frames.PUBLIC_KEY_REPLY).i32(ttcb.id()).raw(pk.encryptionKey()).raw(pk.signatureKey()).toByteArray();
    }

    /** Figure 2.7: opens Eu(Ket, Xe), opens a session for a new eid, answers the boot nonce and Sr(Xe). */
    private CompletableFuture<byte[]> authenticate(String user, byte[] frame) {
        AuthRequest request;
        try {
            request = ChannelCrypto.openAuthRequest(frame, keys.encryptionKey());
        } catch (MalformedFrameException e) {
            return refuse("authentication request does not open: " + e.getMessage());
        }
        ByteBuffer fingerprint = ByteBuffer.wrap(ChannelCrypto.sha256(frame));
        if (seenAuth.putIfAbsent(fingerprint, Boolean.TRUE) != null) {
            return refuse("replayed authentication request");
        }
        Eid eid = new Eid(ttcb.id(), nextLocal++);
        Session evicted = sessions.add(new Session(eid, user, SessionKeys.derive(request.ket(), request.protection(), bootNonce, eid)));
        if (evicted != null) {
            // Nobody can end the dropped entity's measurements and local actions any more.
            handles.release(evicted.eid).forEach(ttcb::forgetAction);
            log.debug("local TTCB {}: sessions full, dropped {} of user {}", ttcb.id(), evicted.eid, evicted.user);
        }
        byte[] signature = keys.sign(ChannelCrypto.authSignedBytes(request.challenge(), eid, request.protection(), bootNonce, frame));
        log.debug("local TTCB {}: entity {} authenticated ({})", ttcb.id(), eid, request.protection());
        WireWriter w = new WireWriter().u8(Frames.AUTH_REPLY);
        CallCodec.eid(w, eid);
        return done(w.raw(bootNonce).raw(signature).toByteArray());
    }

    private CompletableFuture<byte[]> call(byte[] frame) {
        if (frame.length < CALL_HEADER) {
            return refuse("truncated call");
        }
        WireReader header = new WireReader(frame, 1);
        int ttcbId = header.i32("eid.ttcb");
        int local = header.i32("eid.local");
        long seq = header.i64("seq");
        Session s = sessions.get(local);
        if (ttcbId != ttcb.id() || s == null) {
            return refuse("no session for that eid");
        }
        byte[] head = java.util.Arrays.copyOf(frame, CALL_HEADER);
        byte[] body;
        try {
            body = ChannelCrypto.open(s.keys.protection(), s.keys.toTtcb(), seq, head,
                    java.util.Arrays.copyOfRange(frame, CALL_HEADER, frame.length));
        } catch (MalformedFrameException e) {
            return refuse("call does not authenticate: " + e.getMessage());
        }
        if (seq <= s.lastSeq) {
            return refuse("replayed or re-ordered call (seq " + seq + " after " + s.lastSeq + ")");
        }
        s.lastSeq = seq;
        CompletableFuture<byte[]> result;
        try {
            result = dispatch(s, new WireReader(body));
        } catch (MalformedFrameException | IllegalArgumentException e) {
            return refuse("malformed call: " + e.getMessage());
        }
        return result.thenApply(replyBody -> {
            byte[] replyHead = new WireWriter().u8(Frames.CALL_REPLY).i32(s.eid.ttcb()).i32(s.eid.local()).i64(seq).toByteArray();
            return ChannelCrypto.concat2(replyHead, ChannelCrypto.seal(s.keys.protection(), s.keys.toEntity(), seq, replyHead, replyBody));
        });
    }

    /** Decodes the arguments of one call of spec 2.2 and runs it. */
    private CompletableFuture<byte[]> dispatch(Session s, WireReader r) {
        Op op = Op.of(r.u8("op"));
        if (op == null) {
            throw new MalformedFrameException("unknown op");
        }
        return switch (op) {
            case RANDOM -> {
                r.end();
                yield done(new WireWriter().i64(ttcb.getRandom()).toByteArray());
            }
            case PROPOSE -> {
                Eid eid = CallCodec.eid(r);
                var elist = CallCodec.elist(r);
                long tstart = r.i64("tstart");
                int decision = r.u8("decision");
                byte[] value = r.bytes("value", CallCodec.MAX_BYTES);
                r.end();
                if (decision >= DecisionFunction.values().length) {
                    throw new MalformedFrameException("decision " + decision);
                }
                yield done(CallCodec.encode(eid.equals(s.eid)
                        ? ttcb.propose(eid, elist, tstart, DecisionFunction.ofCode(decision), value)
                        : new ProposeResult(TtcbError.BAD_REQUEST, null)));
            }
            case DECIDE -> {
                Eid eid = CallCodec.eid(r);
                Tag tag = CallCodec.tag(r);
                r.end();
                yield done(CallCodec.encode(eid.equals(s.eid)
                        ? ttcb.decide(eid, tag, s.keys.protection() == org.maftia.ttcb.Protection.AEAD)
                        : DecideResult.error(TtcbError.BAD_REQUEST)));
            }
            case TIMESTAMP -> {
                r.end();
                yield done(new WireWriter().i64(ttcb.getTimestamp()).toByteArray());
            }
            case START_MEASUREMENT -> {
                long startEv = r.i64("start_ev");
                r.end();
                yield done(CallCodec.encode(handles.mayOpen(s.eid) ? opened(s, ttcb.startMeasurement(startEv)) : RESOURCES));
            }
            case STOP_MEASUREMENT -> {
                Tag tag = CallCodec.tag(r);
                long endEv = r.i64("end_ev");
                r.end();
                yield done(CallCodec.encode(stopMeasurement(s, tag, endEv)));
            }
            case EXEC -> {
                long startEv = r.i64("start_ev");
                long delay = r.i64("delay");
                long tExec = r.i64("t_exec");
                String f = r.string("function", 64);
                byte[] arg = r.bytes("argument", CallCodec.MAX_BYTES);
                r.end();
                yield ttcb.exec(startEv, delay, tExec, f, arg).thenApply(CallCodec::encode);
            }
            case START_LOCAL -> {
                long startEv = r.i64("start_ev");
                long spec = r.i64("spec");
                Handler h = CallCodec.handler(r);
                r.end();
                yield done(CallCodec.encode(handles.mayOpen(s.eid) ? opened(s, ttcb.startLocal(startEv, spec, h)) : RESOURCES));
            }
            case END_LOCAL -> {
                Tag tag = CallCodec.tag(r);
                r.end();
                yield done(CallCodec.encode(endLocal(s, tag)));
            }
            case START_DISTRIBUTED -> {
                long startEv = r.i64("start_ev");
                long spec = r.i64("spec");
                long mid = r.i64("mid");
                var elist = CallCodec.elist(r);
                Handler h = CallCodec.handler(r);
                r.end();
                yield done(CallCodec.encode(elist.isEmpty() ? new TagResult(TtcbError.BAD_ELIST, null)
                        : started(s, ttcb.startDistributed(s.eid, startEv, spec, mid, elist, h))));
            }
            case DELIV_DISTRIBUTED -> {
                long mid = r.i64("mid");
                Tag tag = CallCodec.tag(r);
                r.end();
                if (tag == null) {
                    throw new MalformedFrameException("no tag");
                }
                yield done(CallCodec.encode(ttcb.delivDistributed(s.eid, mid, tag)));
            }
            case WAIT_INFO -> {
                Tag tag = CallCodec.tag(r);
                r.end();
                if (tag == null) {
                    throw new MalformedFrameException("no tag");
                }
                if (!handles.mayWait(s.eid)) {
                    yield done(CallCodec.encode(new DistributedInfo(TtcbError.RESOURCES, tag, List.of())));
                }
                handles.waiting(s.eid);
                yield ttcb.waitInfo(tag).whenComplete((info, e) -> handles.waited(s.eid))
                        .thenApply(info -> CallCodec.encode(handles.shown(s.eid, tag, info)));
            }
            case LOCAL_ID -> {
                r.end();
                yield done(new WireWriter().i32(ttcb.getLocalTTCBid()).toByteArray());
            }
            case CRASHED_ID -> {
                int id = r.i32("id");
                r.end();
                yield done(CallCodec.encode(ttcb.crashedLocalTTCBid(id)));
            }
            case CRASHED_EID -> {
                Eid eid = CallCodec.eid(r);
                r.end();
                yield done(CallCodec.encode(ttcb.crashedEid(eid)));
            }
            case TIMING -> {
                r.end();
                yield done(new WireWriter().i64(ttcb.timing().tbroadcast()).i64(ttcb.timing().tagreement()).toByteArray());
            }
        };
    }

    /** A measurement or local action now open is a handle of the entity that started it (spec 2.2.4). */
    private TagResult opened(Session s, TagResult r) {
        if (r.error() == TtcbError.OK) {
            handles.opened(r.tag(), s.eid);
        }
        return r;
    }

    private Measurement stopMeasurement(Session s, Tag tag, long endEv) {
        if (!handles.holds(s.eid, tag)) {
            return new Measurement(TtcbError.UNKNOWN_TAG, 0, 0);
        }
        Measurement m = ttcb.stopMeasurement(tag, endEv);
        if (m.error() == TtcbError.OK) {
            handles.closed(tag);
        }
        return m;
    }

    private EndLocalResult endLocal(Session s, Tag tag) {
        if (!handles.holds(s.eid, tag)) {
            return new EndLocalResult(TtcbError.UNKNOWN_TAG, 0, 0, false);
        }
        handles.closed(tag);
        return ttcb.endLocal(tag);
    }

    private TagResult started(Session s, TagResult r) {
        if (r.error() == TtcbError.OK) {
            handles.started(r.tag(), s.eid);
        }
        return r;
    }

    private CompletableFuture<byte[]> refuse(String why) {
        ttcb.counters().callsRefused.incrementAndGet();
        log.debug("local TTCB {}: refused a call: {}", ttcb.id(), why);
        return done(new WireWriter().u8(Frames.REFUSED).string(why.length() > 200 ? why.substring(0, 200) : why).toByteArray());
    }

    private static CompletableFuture<byte[]> done(byte[] b) {
        return CompletableFuture.completedFuture(b);
    }
}
