package org.maftia.ttcb.client;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.maftia.ttcb.DecisionFunction;
import org.maftia.ttcb.Eid;
import org.maftia.ttcb.Protection;
import org.maftia.ttcb.Tag;
import org.maftia.ttcb.Ttcb;
import org.maftia.ttcb.TtcbException;
import org.maftia.ttcb.channel.CallCodec;
import org.maftia.ttcb.channel.ChannelCrypto;
import org.maftia.ttcb.channel.ChannelCrypto.SessionKeys;
import org.maftia.ttcb.channel.Frames;
import org.maftia.ttcb.channel.Op;
import org.maftia.ttcb.wire.MalformedFrameException;
import org.maftia.ttcb.wire.WireReader;
import org.maftia.ttcb.wire.WireWriter;

/**
 * The TTCB API of spec 2.2 for one entity, over any {@link TtcbTransport}: the in-JVM channel of
 * the simulation or the Unix domain socket of {@code maftia ttcbd}.
 *
 * <p>The entity holds a correct copy of its local TTCB's public key (spec 2.2.3.1 assumes it can
 * get one). {@link #localAuthentication} runs Figure 2.7 and checks the TTCB's signature of the
 * challenge (SK3); every later call carries the next sequence number and is protected with keys
 * from Ket, and every reply must be protected with the matching key and answer exactly that call.
 */
public final class TtcbClient implements Ttcb, AutoCloseable {

    private final TtcbTransport transport;
    private final LocalPublicKey trustedKey;
    private final SecureRandom random;
    private final Object sendLock = new Object();
    private volatile Eid eid;
    private volatile SessionKeys keys;
    private long seq;

    public TtcbClient(TtcbTransport transport, LocalPublicKey trustedKey, SecureRandom random) {
        this.transport = transport;
        this.trustedKey = trustedKey;
        this.random = random;
    }

    /** A client already authenticated with a fresh Ket and challenge from {@code random}. */
    public static TtcbClient authenticated(TtcbTransport transport, LocalPublicKey trustedKey, Protection protection,
                                           SecureRandom random) {
        TtcbClient c = new TtcbClient(transport, trustedKey, random);
        byte[] ket = new byte[ChannelCrypto.KEY_BYTES];
        byte[] challenge = new byte[ChannelCrypto.CHALLENGE_BYTES];
        random.nextBytes(ket);
        random.nextBytes(challenge);
        c.localAuthentication(ket, protection, challenge);
        return c;
    }

    /** Connects to {@code maftia ttcbd} on this host and authenticates, trusting the key in {@code publicKeyFile}. */
    public static TtcbClient connect(java.nio.file.Path socket, java.nio.file.Path publicKeyFile, Protection protection) {
        LocalPublicKey key = PublicKeyFile.read(publicKeyFile);
        return authenticated(new UnixSocketTransport(socket), key, protection, new SecureRandom());
    }

    /** Asks a local TTCB for its public key without trusting the answer (spec 2.2.5: the caller must check it). */
    public static LocalPublicKey fetchPublicKey(TtcbTransport transport) {
        byte[] reply = join(transport.call(new byte[] {(byte) Frames.PUBLIC_KEY}));
        WireReader r = new WireReader(reply);
        if (r.u8("kind") != Frames.PUBLIC_KEY_REPLY) {
            throw new TtcbException("the local TTCB did not send its public key");
        }
        r.i32("id");
        LocalPublicKey pk = new LocalPublicKey(r.raw(32, "x25519"), r.raw(32, "ed25519"));
        r.end();
        return pk;
    }

    public Eid eid() {
        return eid;
    }

    // ---- 2.2.3.1 Local authentication, Figure 2.7 ----

    @Override
    public Authentication localAuthentication(byte[] key, Protection protection, byte[] challenge) {
        if (key.length != ChannelCrypto.KEY_BYTES || challenge.length != ChannelCrypto.CHALLENGE_BYTES) {
            throw new IllegalArgumentException("Ket and the challenge are " + ChannelCrypto.KEY_BYTES + " bytes each");
        }
        byte[] request = ChannelCrypto.sealAuthRequest(trustedKey.encryptionKey(), protection, key, challenge, random);
        byte[] reply = join(transport.call(request));
        try {
            WireReader r = new WireReader(reply);
            int kind = r.u8("kind");
            if (kind == Frames.REFUSED) {
                throw new TtcbException("local authentication refused: " + r.string("reason", 256));
            }
            if (kind != Frames.AUTH_REPLY) {
                throw new TtcbException("not an authentication reply");
            }
            Eid assigned = CallCodec.eid(r);
            byte[] bootNonce = r.raw(ChannelCrypto.BOOT_NONCE_BYTES, "boot nonce");
            byte[] signature = r.raw(64, "signature");
            r.end();
            // SK3: only the TTCB holding Kr can sign; only the one holding the private Ku could read Xe.
            if (!verify(ChannelCrypto.authSignedBytes(challenge, assigned, protection, bootNonce, request), signature)) {
                throw new TtcbException("the challenge signature does not verify: this is not our local TTCB");
            }
            synchronized (sendLock) {
                this.keys = SessionKeys.derive(key, protection, bootNonce, assigned);
                this.eid = assigned;
                this.seq = 0;
            }
            return new Authentication(assigned, signature);
        } catch (MalformedFrameException e) {
            throw new TtcbException("malformed authentication reply: " + e.getMessage());
        }
    }

    private boolean verify(byte[] message, byte[] signature) {
        Ed25519Signer v = new Ed25519Signer();
        v.init(false, new Ed25519PublicKeyParameters(trustedKey.signatureKey(), 0));
        v.update(message, 0, message.length);
        return v.verifySignature(signature);
    }

    // ---- Protected calls ----

    private <T> CompletableFuture<T> call(byte[] body, Function<WireReader, T> decode) {
        Eid me = eid;
        SessionKeys k = keys;
        if (me == null) {
            throw new TtcbException("call localAuthentication first: every call is protected with its key");
        }
        long mySeq;
        CompletableFuture<byte[]> pending;
        synchronized (sendLock) {
            mySeq = ++seq;
            byte[] head = header(Frames.CALL, me, mySeq);
            pending = transport.call(ChannelCrypto.concat2(head, ChannelCrypto.seal(k.protection(), k.toTtcb(), mySeq, head, body)));
        }
        return pending.thenApply(reply -> {
            try {
                return decode.apply(openReply(reply, me, k, mySeq));
            } catch (MalformedFrameException e) {
                throw new TtcbException("malformed reply: " + e.getMessage());
            }
        });
    }

    private static byte[] header(int kind, Eid e, long seq) {
        return new WireWriter().u8(kind).i32(e.ttcb()).i32(e.local()).i64(seq).toByteArray();
    }

    private static WireReader openReply(byte[] reply, Eid me, SessionKeys k, long mySeq) {
        if (reply.length > 0 && (reply[0] & 0xFF) == Frames.REFUSED) {
            throw new TtcbException("call refused by the local channel: " + new WireReader(reply, 1).string("reason", 256));
        }
        byte[] head = header(Frames.CALL_REPLY, me, mySeq);
        if (reply.length < head.length || !MessageDigest.isEqual(Arrays.copyOf(reply, head.length), head)) {
            throw new TtcbException("a reply that answers another call");
        }
        byte[] body = ChannelCrypto.open(k.protection(), k.toEntity(), mySeq, head, Arrays.copyOfRange(reply, head.length, reply.length));
        return new WireReader(body);
    }

    private <T> T sync(byte[] body, Function<WireReader, T> decode) {
        return join(call(body, decode));
    }

    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof TtcbException t) {
                throw new TtcbException(t.getMessage(), t);
            }
            throw new TtcbException("the local TTCB did not answer: " + e.getCause(), e.getCause());
        }
    }

    private static <T> Function<WireReader, T> ending(Function<WireReader, T> decode) {
        return r -> {
            T t = decode.apply(r);
            r.end();
            return t;
        };
    }

    private static WireWriter op(Op op) {
        return new WireWriter().u8(op.code);
    }

    @Override
    public long getRandom() {
        return sync(op(Op.RANDOM).toByteArray(), ending(r -> r.i64("random")));
    }

    @Override
    public ProposeResult propose(Eid eid, List<Eid> elist, long tstart, DecisionFunction decision, byte[] value) {
        WireWriter w = op(Op.PROPOSE);
        CallCodec.eid(w, eid);
        CallCodec.elist(w, elist);
        w.i64(tstart).u8(decision.code()).bytes(value);
        return sync(w.toByteArray(), ending(CallCodec::proposeResult));
    }

    @Override
    public DecideResult decide(Eid eid, Tag tag) {
        WireWriter w = op(Op.DECIDE);
        CallCodec.eid(w, eid);
        CallCodec.tag(w, tag);
        return sync(w.toByteArray(), ending(CallCodec::decideResult));
    }

    @Override
    public long getTimestamp() {
        return sync(op(Op.TIMESTAMP).toByteArray(), ending(r -> r.i64("timestamp")));
    }

    @Override
    public TagResult startMeasurement(long startEv) {
        return sync(op(Op.START_MEASUREMENT).i64(startEv).toByteArray(), ending(CallCodec::tagResult));
    }

    @Override
    public Measurement stopMeasurement(Tag tag, long endEv) {
        WireWriter w = op(Op.STOP_MEASUREMENT);
        CallCodec.tag(w, tag);
        return sync(w.i64(endEv).toByteArray(), ending(CallCodec::measurement));
    }

    @Override
    public CompletableFuture<ExecResult> exec(long startEv, long delay, long tExec, String function, byte[] argument) {
        return call(op(Op.EXEC).i64(startEv).i64(delay).i64(tExec).string(function).bytes(argument).toByteArray(),
                ending(CallCodec::execResult));
    }

    @Override
    public TagResult startLocal(long startEv, long spec, Handler handler) {
        WireWriter w = op(Op.START_LOCAL).i64(startEv).i64(spec);
        CallCodec.handler(w, handler);
        return sync(w.toByteArray(), ending(CallCodec::tagResult));
    }

    @Override
    public EndLocalResult endLocal(Tag tag) {
        WireWriter w = op(Op.END_LOCAL);
        CallCodec.tag(w, tag);
        return sync(w.toByteArray(), ending(CallCodec::endLocalResult));
    }

    @Override
    public TagResult startDistributed(long startEv, long spec, long mid, List<Eid> elist, Handler handler) {
        WireWriter w = op(Op.START_DISTRIBUTED).i64(startEv).i64(spec).i64(mid);
        CallCodec.elist(w, elist);
        CallCodec.handler(w, handler);
        return sync(w.toByteArray(), ending(CallCodec::tagResult));
    }

    @Override
    public DelivResult delivDistributed(long mid, Tag tag) {
        WireWriter w = op(Op.DELIV_DISTRIBUTED).i64(mid);
        CallCodec.tag(w, tag);
        return sync(w.toByteArray(), ending(CallCodec::delivResult));
    }

    @Override
    public CompletableFuture<DistributedInfo> waitInfo(Tag tag) {
        WireWriter w = op(Op.WAIT_INFO);
        CallCodec.tag(w, tag);
        return call(w.toByteArray(), ending(CallCodec::distributedInfo));
    }

    /** The key given by the local TTCB when this client was built; the TTCB is not asked again. */
    @Override
    public LocalPublicKey getLocalPublicKey() {
        return trustedKey;
    }

    @Override
    public int getLocalTTCBid() {
        return sync(op(Op.LOCAL_ID).toByteArray(), ending(r -> r.i32("id")));
    }

    @Override
    public TimingConstants getTimingConstants() {
        return sync(op(Op.TIMING).toByteArray(), ending(r -> new TimingConstants(r.i64("tbroadcast"), r.i64("tagreement"))));
    }

    @Override
    public CrashResult crashedLocalTTCBid(int id) {
        return sync(op(Op.CRASHED_ID).i32(id).toByteArray(), ending(CallCodec::crashResult));
    }

    @Override
    public CrashResult crashedEid(Eid eid) {
        WireWriter w = op(Op.CRASHED_EID);
        CallCodec.eid(w, eid);
        return sync(w.toByteArray(), ending(CallCodec::crashResult));
    }

    @Override
    public void close() {
        transport.close();
    }
}
