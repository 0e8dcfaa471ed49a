package org.maftia.net.client;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.maftia.net.link.LinkKeyPair;

/** The client's side of the handshake: it writes the hello and checks the site's reply. */
final class ClientHandshake {

    private final SymmetricState state;
    private final X25519PrivateKeyParameters c;
    private final byte[] cPublic;
    private final byte[] sitePublic;
    private final X25519PrivateKeyParameters e = new X25519PrivateKeyParameters(new SecureRandom());

    ClientHandshake(byte[] sitePublic, LinkKeyPair clientKeys) {
        this.sitePublic = sitePublic.clone();
        this.state = new SymmetricState(this.sitePublic);
        this.c = new X25519PrivateKeyParameters(clientKeys.privateKey(), 0);
        this.cPublic = clientKeys.publicKey();
    }

    /** {@code MAGIC | e | seal_es(c) | seal_ss()}: only S can read c; only c (or a replay) can make the last tag. */
    byte[] hello() throws SiteNotAuthenticatedException {
        byte[] ePublic = e.generatePublicKey().getEncoded();
        state.mixHash(ePublic);
        state.mixKey(require(SymmetricState.dh(e, sitePublic)));
        byte[] sealedStatic = state.seal(cPublic);
        state.mixKey(require(SymmetricState.dh(c, sitePublic)));
        byte[] tag = state.seal(new byte[0]);
        byte[] hello = new byte[Handshake.HELLO_BYTES];
        int at = copy(Handshake.MAGIC, hello, 0);
        at = copy(ePublic, hello, at);
        at = copy(sealedStatic, hello, at);
        copy(tag, hello, at);
        return hello;
    }

    /**
     * Checks {@code status | f | seal_ee,se()}: the tag verifies only if the replier knew es,
     * that is S's private key. Returns the transport keys when the site accepted.
     */
    SymmetricState.SessionKeys reply(byte[] reply) throws SiteNotAuthenticatedException, ClientRefusedException {
        byte status = reply[0];
        byte[] f = Arrays.copyOfRange(reply, 1, 1 + Handshake.KEY_BYTES);
        byte[] tag = Arrays.copyOfRange(reply, 1 + Handshake.KEY_BYTES, Handshake.REPLY_BYTES);
        state.mixHash(new byte[] {status});
        state.mixHash(f);
        state.mixKey(require(SymmetricState.dh(e, f)));
        state.mixKey(require(SymmetricState.dh(c, f)));
        if (state.open(tag) == null) {
            throw new SiteNotAuthenticatedException("the site's reply does not prove the link key the client expected");
        }
        return switch (status) {
            case Handshake.ACCEPTED -> state.split();
            case Handshake.NOT_ADMITTED -> throw new ClientRefusedException(ClientRefusedException.Reason.NOT_ADMITTED);
            case Handshake.SITE_FULL -> throw new ClientRefusedException(ClientRefusedException.Reason.SITE_FULL);
            default -> throw new SiteNotAuthenticatedException("the site answered an unknown status " + status);
        };
    }

    private static byte[] require(byte[] dh) throws SiteNotAuthenticatedException {
        if (dh == null) {
            throw new SiteNotAuthenticatedException("the site presented a low-order key");
        }
        return dh;
    }

    private static int copy(byte[] from, byte[] to, int at) {
        System.arraycopy(from, 0, to, at, from.length);
        return at + from.length;
    }
}
