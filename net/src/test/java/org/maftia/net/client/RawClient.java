package org.maftia.net.client;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import javax.crypto.AEADBadTagException;
import org.maftia.net.link.LinkKeyPair;

/** A client written byte by byte, to play the attacker: it records and replays handshake messages. */
final class RawClient implements AutoCloseable {

    final Socket socket;
    final DataInputStream in;
    final OutputStream out;
    byte[] hello;
    byte[] reply;
    byte[] confirmation;
    FrameCipher sealer;
    FrameCipher opener;

    RawClient(InetSocketAddress site) throws IOException {
        this(site, null);
    }

    RawClient(InetSocketAddress site, InetSocketAddress local) throws IOException {
        socket = new Socket();
        if (local != null) {
            socket.bind(local);
        }
        socket.connect(site, 10_000);
        socket.setSoTimeout(20_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** The whole handshake, recording each message. */
    RawClient handshake(byte[] sitePublic, LinkKeyPair keys) throws IOException {
        ClientHandshake hs = new ClientHandshake(sitePublic, keys);
        hello = hs.hello();
        out.write(hello);
        reply = in.readNBytes(Handshake.REPLY_BYTES);
        SymmetricState.SessionKeys k = hs.reply(reply);
        sealer = new FrameCipher(k.clientToSite());
        opener = new FrameCipher(k.siteToClient());
        confirmation = seal(new byte[0]);
        out.write(confirmation);
        return this;
    }

    byte[] seal(byte[] payload) {
        try {
            return sealer.seal(payload);
        } catch (FrameCipher.ExhaustedException e) {
            throw new AssertionError(e);
        }
    }

    byte[] readFrame() throws IOException, AEADBadTagException, FrameCipher.ExhaustedException {
        int length = in.readInt();
        return opener.open(length, in.readNBytes(length));
    }

    static byte[] prefix(int length) {
        return ByteBuffer.allocate(4).putInt(length).array();
    }

    /** True once the site has closed this connection (end of stream or reset), false if it stays open. */
    boolean closedBySite() throws IOException {
        try {
            while (in.read() >= 0) {
                // the site may still have written something before closing; skip it
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
