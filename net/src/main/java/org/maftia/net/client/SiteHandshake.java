package org.maftia.net.client;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.maftia.net.link.LinkKeyPair;

/** The site's side of the handshake: it checks the hello and writes the reply. */
final class SiteHandshake {

    /** Why a hello was refused. */
    enum Failure { MALFORMED, NOT_AUTHENTIC }

    /** The outcome of reading a hello: the client's proven static key, or why not. */
    record Hello(byte[] clientPublic, Failure failure) { }

    private final SymmetricState state;
    private final X25519PrivateKeyParameters s;
    private final X25519PrivateKeyParameters f;
    private byte[] e;
    private byte[] c;

    SiteHandshake(LinkKeyPair siteKeys, SecureRandom random) {
        this.state = new SymmetricState(siteKeys.publicKey());
        this.s = new X25519PrivateKeyParameters(siteKeys.privateKey(), 0);
        this.f = new X25519PrivateKeyParameters(random);
    }

    /** Reads {@code MAGIC | e | seal_es(c) | seal_ss()}; the second tag proves the sender used c's private key. */
    Hello hello(byte[] hello) {
        if (!Arrays.equals(hello, 0, Handshake.MAGIC.length, Handshake.MAGIC, 0, Handshake.MAGIC.length)) {
            return new Hello(null, Failure.MALFORMED);
        }
        int at = Handshake.MAGIC.length;
        e = Arrays.copyOfRange(hello, at, at += Handshake.KEY_BYTES);
        byte[] sealedStatic = Arrays.copyOfRange(hello, at, at += Handshake.KEY_BYTES + SymmetricState.TAG_BYTES);
        byte[] tag = Arrays.copyOfRange(hello, at, Handshake.HELLO_BYTES);
        state.mixHash(e);
        byte[] es = SymmetricState.dh(s, e);
        if (es == null) {
            return new Hello(null, Failure.NOT_AUTHENTIC);
        }
        state.mixKey(es);
        c = state.open(sealedStatic);
        byte[] ss = c == null ? null : SymmetricState.dh(s, c);
        if (ss == null) {
            return new Hello(null, Failure.NOT_AUTHENTIC);
        }
        state.mixKey(ss);
        if (state.open(tag) == null) {
            return new Hello(null, Failure.NOT_AUTHENTIC);
        }
        return new Hello(c.clone(), null);
    }

    /** {@code status | f | seal_ee,se()}, sealed whatever the status so the client knows the refusal is genuine. */
    byte[] reply(byte status) {
        byte[] fPublic = f.generatePublicKey().getEncoded();
        state.mixHash(new byte[] {status});
        state.mixHash(fPublic);
        state.mixKey(SymmetricState.dh(f, e));
        state.mixKey(SymmetricState.dh(f, c));
        byte[] tag = state.seal(new byte[0]);
        byte[] reply = new byte[Handshake.REPLY_BYTES];
        reply[0] = status;
        System.arraycopy(fPublic, 0, reply, 1, Handshake.KEY_BYTES);
        System.arraycopy(tag, 0, reply, 1 + Handshake.KEY_BYTES, SymmetricState.TAG_BYTES);
        return reply;
    }

    SymmetricState.SessionKeys keys() {
        return state.split();
    }
}
