package org.maftia.net.tcp;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Mutual challenge-response that admits a TCP connection, before any frame is read from it:
 * <pre>
 *   acceptor  -> connector : CHALLENGE = magic | acceptor id | nA             (40 bytes)
 *   connector -> acceptor  : PROOF     = connector id | nC | MAC(CONNECT)     (68 bytes)
 *   acceptor  -> connector : ACCEPTED  = MAC(ACCEPT)                          (32 bytes)
 *   MAC(d) = HMAC-SHA256 under the pair key of the two sites of
 *            magic | d | acceptor id | connector id | nA | nC
 * </pre>
 * The acceptor reads exactly one PROOF into a fixed buffer and verifies it before it reads
 * anything else, so a stranger costs it 108 bytes, never a frame buffer. nA is fresh on every
 * connection, so a recorded PROOF does not verify again; nC is fresh too, so a recorded ACCEPTED
 * does not convince a connector that a stranger holding the port is the site it dialled. The
 * direction label keeps either MAC from standing for the other. After the handshake frames flow
 * unauthenticated by TCP (the authenticated link above checks each one): an attacker on the path
 * could still inject bytes, bounded as everyone's by the reader's growing buffer.
 *
 * <p>Either side gives the other end {@code timeout} for the whole handshake, not per read, so a
 * stranger trickling a byte at a time is closed as surely as a silent one.
 */
final class Handshake implements AutoCloseable {

    static final int MAGIC = 0x4d465431;
    static final int NONCE_BYTES = 32;
    static final int MAC_BYTES = 32;
    static final int CHALLENGE_BYTES = 4 + 4 + NONCE_BYTES;
    static final int PROOF_BYTES = 4 + NONCE_BYTES + MAC_BYTES;
    static final int ACCEPTED_BYTES = MAC_BYTES;
    static final byte CONNECT = 1;
    static final byte ACCEPT = 2;

    private final ConnectionAuthenticator authenticator;
    private final Duration timeout;
    private final SecureRandom random = new SecureRandom();
    private final ScheduledThreadPoolExecutor timer;

    Handshake(ConnectionAuthenticator authenticator, Duration timeout) {
        this.authenticator = authenticator;
        this.timeout = timeout;
        this.timer = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon().name("tcp-handshake-timer").factory());
        // Nearly every handshake finishes in time: cancelled deadlines must not wait out the timeout in the queue.
        timer.setRemoveOnCancelPolicy(true);
    }

    /** Runs {@code onExpiry} (which closes the connection) unless the returned deadline is cancelled in time. */
    Future<?> deadline(Runnable onExpiry) {
        try {
            return timer.schedule(onExpiry, timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            onExpiry.run();
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** The site of the group listening at {@code address}, or -1. */
    int siteAt(org.maftia.net.InetWithPort address) {
        return authenticator.siteAt(address);
    }

    /** The acceptor's side: the id of the site that proved itself, or {@link Failed}. */
    int accept(DataInputStream in, WritableByteChannel out) throws IOException {
        int self = authenticator.self();
        byte[] nA = nonce();
        writeFully(out, ByteBuffer.allocate(CHALLENGE_BYTES).putInt(MAGIC).putInt(self).put(nA).flip());
        byte[] proof = new byte[PROOF_BYTES];
        in.readFully(proof);
        ByteBuffer p = ByteBuffer.wrap(proof);
        int connector = p.getInt();
        if (!authenticator.isPeer(connector)) {
            throw new Failed("claims to be site " + connector + ", not a peer");
        }
        byte[] nC = new byte[NONCE_BYTES];
        byte[] claimed = new byte[MAC_BYTES];
        p.get(nC).get(claimed);
        if (!MessageDigest.isEqual(claimed, mac(CONNECT, connector, self, connector, nA, nC))) {
            throw new Failed("site " + connector + "'s proof does not verify");
        }
        writeFully(out, ByteBuffer.wrap(mac(ACCEPT, connector, self, connector, nA, nC)));
        return connector;
    }

    /** The connector's side: proves this site to {@code acceptor}, and checks the listener is it. */
    void connect(int acceptor, DataInputStream in, WritableByteChannel out) throws IOException {
        byte[] challenge = new byte[CHALLENGE_BYTES];
        in.readFully(challenge);
        ByteBuffer c = ByteBuffer.wrap(challenge);
        int magic = c.getInt();
        int claimed = c.getInt();
        if (magic != MAGIC || claimed != acceptor) {
            throw new Failed("the listener is not site " + acceptor + " (magic " + Integer.toHexString(magic)
                    + ", claims site " + claimed + ")");
        }
        byte[] nA = new byte[NONCE_BYTES];
        c.get(nA);
        byte[] nC = nonce();
        writeFully(out, ByteBuffer.wrap(proof(acceptor, nA, nC)));
        byte[] accepted = new byte[ACCEPTED_BYTES];
        in.readFully(accepted);
        if (!MessageDigest.isEqual(accepted, mac(ACCEPT, acceptor, acceptor, authenticator.self(), nA, nC))) {
            throw new Failed("the listener does not prove it is site " + acceptor);
        }
    }

    /** This site's PROOF for {@code acceptor}'s challenge {@code nA}. */
    byte[] proof(int acceptor, byte[] nA, byte[] nC) {
        int self = authenticator.self();
        return ByteBuffer.allocate(PROOF_BYTES).putInt(self).put(nC)
                .put(mac(CONNECT, acceptor, acceptor, self, nA, nC)).array();
    }

    private byte[] mac(byte direction, int peer, int acceptor, int connector, byte[] nA, byte[] nC) {
        byte[] transcript = ByteBuffer.allocate(4 + 1 + 4 + 4 + 2 * NONCE_BYTES).putInt(MAGIC).put(direction)
                .putInt(acceptor).putInt(connector).put(nA).put(nC).array();
        return authenticator.mac(peer, transcript);
    }

    private byte[] nonce() {
        byte[] n = new byte[NONCE_BYTES];
        random.nextBytes(n);
        return n;
    }

    private static void writeFully(WritableByteChannel out, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            out.write(b);
        }
    }

    /** The other end did not prove what it had to. */
    static final class Failed extends IOException {
        Failed(String message) {
            super(message);
        }
    }
}
