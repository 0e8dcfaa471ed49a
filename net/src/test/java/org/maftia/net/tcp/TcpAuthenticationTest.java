package org.maftia.net.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.maftia.appia.message.Message;
import org.maftia.net.InetWithPort;
import org.maftia.net.LoopbackSite;
import org.maftia.net.NetworkCounters;
import org.maftia.net.TestGroups;
import org.maftia.net.link.AuthLinkLayer;
import org.maftia.net.link.LinkMode;
import org.maftia.net.link.LinkSettings;
import org.maftia.net.transport.SiteId;
import org.junit.jupiter.api.Test;

/**
 * Connections to a site's TCP listener on loopback: strangers, replayed and silent handshakes,
 * connection floods and impostors against sites whose TCP layer authenticates connections with
 * the group's link keys.
 */
class TcpAuthenticationTest {

    private static final int SIXTEEN_MIB = 16 << 20;

    @Test
    void strangersAnnouncingHugeFramesMakeTheSiteBufferNothing() throws Exception {
        int[] ports = freePorts(2);
        TestGroups g = TestGroups.of("tcp-auth", 2, ports);
        List<Socket> strangers = new ArrayList<>();
        try (LoopbackSite a = site(g, 0, ports, TcpSettings.DEFAULTS)) {
            TcpCompleteSession session = tcp(a);
            for (int k = 0; k < 120; k++) {
                // From 15 loopback addresses, so the cap in all is met, not only the one per address.
                Socket s = stranger(ports[0], "127.0.0." + (10 + k % 15));
                strangers.add(s);
                new DataOutputStream(s.getOutputStream()).writeInt(SIXTEEN_MIB);
                s.shutdownOutput();
            }
            ConnectionCounters c = session.connections();
            awaitTrue(() -> c.refusedTotal() == 120 || c.peakBufferedBytes() >= SIXTEEN_MIB,
                    () -> "every stranger refused: " + c);
            assertThat(c.peakBufferedBytes()).as("bytes buffered for strangers' frames; %s", c).isZero();
            assertThat(c.refusedTotal()).as("%s", c).isEqualTo(120);
            assertThat(session.counters().framesReceived()).isZero();

            try (LoopbackSite b = site(g, 1, ports, TcpSettings.DEFAULTS)) {
                b.send(SiteId.of(0), new byte[] {7});
                assertThat(a.take().getMessage().toByteArray()).containsExactly(7);
            }
        } finally {
            for (Socket s : strangers) {
                s.close();
            }
        }
    }

    @Test
    void aStrangerWithoutTheKeyGetsNoFrameRead() throws Exception {
        int[] ports = freePorts(2);
        TestGroups g = TestGroups.of("tcp-auth", 2, ports);
        try (LoopbackSite a = site(g, 0, ports, TcpSettings.DEFAULTS);
             Socket framing = stranger(ports[0], "127.0.0.1");
             Socket claiming = stranger(ports[0], "127.0.0.1")) {
            TcpCompleteSession session = tcp(a);
            NetworkCounters frames = session.counters();
            ConnectionCounters c = session.connections();
            // One speaks only the TCP framing.
            writeFrame(framing, pingFrame());
            awaitTrue(() -> c.refused(ConnectionRefusal.HANDSHAKE_FAILED) == 1 || frames.framesReceived() > 0,
                    () -> "the framing stranger refused: " + c + "; " + frames);
            assertThat(frames.framesReceived()).as("frames read from a stranger").isZero();

            // The other answers the challenge as site 1, with a MAC it had to guess.
            readChallenge(claiming);
            byte[] proof = new byte[Handshake.PROOF_BYTES];
            new SecureRandom().nextBytes(proof);
            proof[0] = proof[1] = proof[2] = 0;
            proof[3] = 1;
            claiming.getOutputStream().write(proof);
            writeFrameIfOpen(claiming, pingFrame());
            awaitTrue(() -> c.refused(ConnectionRefusal.HANDSHAKE_FAILED) == 2, () -> "the claiming stranger refused: " + c);
            assertThat(bytesUntilClosed(claiming)).as("nothing after the challenge").isEmpty();
            assertThat(frames.framesReceived()).as("frames read from a stranger").isZero();

            try (LoopbackSite b = site(g, 1, ports, TcpSettings.DEFAULTS)) {
                b.send(SiteId.of(0), new byte[] {7});
                assertThat(a.take().getMessage().toByteArray()).containsExactly(7);
            }
        }
    }

    @Test
    void aReplayedProofIsRefused() throws Exception {
        int[] ports = freePorts(2);
        TestGroups g = TestGroups.of("tcp-auth", 2, ports);
        try (Handshake asSite1 = new Handshake(linkSettings(g, 1).connectionAuthenticator(), Duration.ofSeconds(5));
             LoopbackSite a = site(g, 0, ports, TcpSettings.DEFAULTS);
             Socket honest = stranger(ports[0], "127.0.0.1");
             Socket replaying = stranger(ports[0], "127.0.0.1")) {
            TcpCompleteSession session = tcp(a);
            byte[] nC = new byte[Handshake.NONCE_BYTES];
            byte[] recorded = asSite1.proof(0, readChallenge(honest), nC);
            honest.getOutputStream().write(recorded);
            assertThat(new DataInputStream(honest.getInputStream()).readNBytes(Handshake.ACCEPTED_BYTES))
                    .hasSize(Handshake.ACCEPTED_BYTES);
            writeFrame(honest, pingFrame());
            awaitTrue(() -> session.counters().framesReceived() == 1, () -> "the honest frame read: " + session.counters());

            readChallenge(replaying);
            replaying.getOutputStream().write(recorded);
            writeFrameIfOpen(replaying, pingFrame());
            ConnectionCounters c = session.connections();
            awaitTrue(() -> c.refused(ConnectionRefusal.HANDSHAKE_FAILED) == 1, () -> "the replay refused: " + c);
            assertThat(bytesUntilClosed(replaying)).as("nothing after the challenge").isEmpty();
            assertThat(session.counters().framesReceived()).as("frames read").isEqualTo(1);
        }
    }

    @Test
    void aSiteAnnouncingAHugeFrameMakesTheReaderHoldOnlyWhatItSent() throws Exception {
        int[] ports = freePorts(2);
        TestGroups g = TestGroups.of("tcp-auth", 2, ports);
        try (Handshake asSite1 = new Handshake(linkSettings(g, 1).connectionAuthenticator(), Duration.ofSeconds(5));
             LoopbackSite a = site(g, 0, ports, TcpSettings.DEFAULTS);
             Socket member = stranger(ports[0], "127.0.0.1")) {
            member.getOutputStream().write(asSite1.proof(0, readChallenge(member), new byte[Handshake.NONCE_BYTES]));
            assertThat(member.getInputStream().readNBytes(Handshake.ACCEPTED_BYTES)).hasSize(Handshake.ACCEPTED_BYTES);
            ConnectionCounters c = tcp(a).connections();
            DataOutputStream out = new DataOutputStream(member.getOutputStream());
            out.writeInt(SIXTEEN_MIB);
            out.write(new byte[1000]);
            out.flush();
            awaitTrue(() -> c.bufferedBytes() > 0, () -> "the frame begun: " + c);
            assertThat(c.bufferedBytes()).as("held for 1000 bytes of a 16 MiB frame").isEqualTo(TcpCompleteSession.FIRST_CHUNK_BYTES);

            // 300,000 bytes in all: the buffer doubled to 256 KiB, then to 512 KiB, and no further.
            out.write(new byte[299_000]);
            out.flush();
            awaitTrue(() -> c.bufferedBytes() == 4 * TcpCompleteSession.FIRST_CHUNK_BYTES, () -> "grown to 512 KiB: " + c);
            member.close();
            awaitTrue(() -> c.bufferedBytes() == 0, () -> "released when the connection ends: " + c);
            assertThat(c.peakBufferedBytes()).isEqualTo(4 * TcpCompleteSession.FIRST_CHUNK_BYTES);
        }
    }

    @Test
    void aSilentConnectionIsClosedAfterTheHandshakeTimeout() throws Exception {
        int[] ports = freePorts(2);
        TestGroups g = TestGroups.of("tcp-auth", 2, ports);
        TcpSettings quick = TcpSettings.DEFAULTS.withHandshake(Duration.ofMillis(300), 64, 8);
        try (LoopbackSite a = site(g, 0, ports, quick);
             Socket silent = stranger(ports[0], "127.0.0.1")) {
            assertThat(bytesUntilClosed(silent)).as("the challenge, then the end of the stream")
                    .hasSize(Handshake.CHALLENGE_BYTES);
            assertThat(tcp(a).connections().refused(ConnectionRefusal.HANDSHAKE_TIMEOUT)).isEqualTo(1);
        }
    }

    @Test
    void thePendingCapsHoldWhileAnHonestSiteConnects() throws Exception {
        int[] ports = freePorts(2);
        TestGroups g = TestGroups.of("tcp-auth", 2, ports);
        TcpSettings capped = TcpSettings.DEFAULTS.withHandshake(Duration.ofSeconds(60), 16, 4);
        List<Socket> silent = new ArrayList<>();
        try (LoopbackSite a = site(g, 0, ports, capped)) {
            TcpCompleteSession session = tcp(a);
            for (int k = 0; k < 20; k++) {
                silent.add(stranger(ports[0], "127.0.0.2"));
            }
            for (int host = 3; host <= 6; host++) {
                for (int k = 0; k < 4; k++) {
                    silent.add(stranger(ports[0], "127.0.0." + host));
                }
            }
            ConnectionCounters c = session.connections();
            awaitTrue(() -> c.accepted() == 36 && c.refusedTotal() == 20, () -> "36 accepted, 20 refused: " + c);
            assertThat(c.refused(ConnectionRefusal.ADDRESS_CAP)).as("%s", c).isEqualTo(16);
            assertThat(c.refused(ConnectionRefusal.PENDING_CAP)).as("%s", c).isEqualTo(4);
            assertThat(session.pendingConnections()).isEqualTo(16);

            try (LoopbackSite b = site(g, 1, ports, capped)) {
                b.send(SiteId.of(0), new byte[] {7});
                assertThat(a.take().getMessage().toByteArray()).containsExactly(7);
            }
            assertThat(session.pendingConnections()).isLessThanOrEqualTo(16);
        } finally {
            for (Socket s : silent) {
                s.close();
            }
        }
    }

    @Test
    void aSiteThatConnectsAgainReplacesItsOldConnectionAndARestartedSiteIsHeard() throws Exception {
        int[] ports = freePorts(2);
        TestGroups g = TestGroups.of("tcp-auth", 2, ports);
        try (Handshake asSite1 = new Handshake(linkSettings(g, 1).connectionAuthenticator(), Duration.ofSeconds(5));
             LoopbackSite a = site(g, 0, ports, TcpSettings.DEFAULTS);
             Socket old = stranger(ports[0], "127.0.0.1")) {
            old.getOutputStream().write(asSite1.proof(0, readChallenge(old), new byte[Handshake.NONCE_BYTES]));
            assertThat(old.getInputStream().readNBytes(Handshake.ACCEPTED_BYTES)).hasSize(Handshake.ACCEPTED_BYTES);

            LoopbackSite b = site(g, 1, ports, TcpSettings.DEFAULTS);
            b.send(SiteId.of(0), new byte[] {7});
            assertThat(a.take().getMessage().toByteArray()).containsExactly(7);
            assertThat(bytesUntilClosed(old)).as("the old connection closed").isEmpty();
            assertThat(tcp(a).connections().replaced()).isEqualTo(1);
            b.close();

            try (LoopbackSite restarted = site(g, 1, ports, TcpSettings.DEFAULTS)) {
                restarted.send(SiteId.of(0), new byte[] {8});
                assertThat(a.take().getMessage().toByteArray()).containsExactly(8);
            }
        }
    }

    @Test
    void aSiteSendsNothingToAnImpostorHoldingItsPeersPort() throws Exception {
        int[] ports = freePorts(2);
        TestGroups g = TestGroups.of("tcp-auth", 2, ports);
        try (ServerSocket impostor = new ServerSocket(ports[0], 50, g.group.address(0).host());
             LoopbackSite b = site(g, 1, ports, TcpSettings.DEFAULTS)) {
            b.send(SiteId.of(0), new byte[] {7});
            try (Socket dialled = impostor.accept()) {
                dialled.setSoTimeout(10_000);
                byte[] challenge = new byte[Handshake.CHALLENGE_BYTES];
                new SecureRandom().nextBytes(challenge);
                java.nio.ByteBuffer.wrap(challenge).putInt(Handshake.MAGIC).putInt(0);
                dialled.getOutputStream().write(challenge);
                assertThat(dialled.getInputStream().readNBytes(Handshake.PROOF_BYTES)).hasSize(Handshake.PROOF_BYTES);
                byte[] guessed = new byte[Handshake.ACCEPTED_BYTES];
                new SecureRandom().nextBytes(guessed);
                dialled.getOutputStream().write(guessed);
                assertThat(bytesUntilClosed(dialled)).as("bytes sent to the impostor after the proof").isEmpty();
            }
            ConnectionCounters c = tcp(b).connections();
            awaitTrue(() -> c.refused(ConnectionRefusal.PEER_NOT_AUTHENTICATED) >= 1, () -> "the impostor refused: " + c);
            assertThat(tcp(b).counters().framesSent()).isZero();
        }
    }

    private static LoopbackSite site(TestGroups g, int id, int[] ports, TcpSettings settings) {
        LinkSettings link = linkSettings(g, id);
        return new LoopbackSite(new TcpCompleteLayer(settings, link.connectionAuthenticator()), ports[id], new AuthLinkLayer(link));
    }

    private static LinkSettings linkSettings(TestGroups g, int id) {
        return new LinkSettings(g.group, id, g.keys.get(id), LinkMode.MAC);
    }

    private static TcpCompleteSession tcp(LoopbackSite site) {
        return (TcpCompleteSession) site.networkSession();
    }

    /** A connection to the site at {@code port} on loopback, from {@code localHost}. */
    private static Socket stranger(int port, String localHost) throws IOException {
        Socket s = new Socket();
        s.setSoTimeout(10_000);
        s.bind(new InetSocketAddress(localHost, 0));
        s.connect(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), 10_000);
        return s;
    }

    /** Reads the site's challenge; returns its nonce. */
    private static byte[] readChallenge(Socket s) throws IOException {
        DataInputStream in = new DataInputStream(s.getInputStream());
        byte[] challenge = new byte[Handshake.CHALLENGE_BYTES];
        in.readFully(challenge);
        return java.util.Arrays.copyOfRange(challenge, 8, Handshake.CHALLENGE_BYTES);
    }

    private static void writeFrame(Socket s, byte[] frame) throws IOException {
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        out.writeInt(frame.length);
        out.write(frame);
        out.flush();
    }

    /**
     * What the site writes on {@code s} until it closes the connection; a reset counts as closing
     * (the site closed with the test's unread bytes in its buffer).
     */
    private static byte[] bytesUntilClosed(Socket s) throws IOException {
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[256];
        try {
            for (int n = s.getInputStream().read(buffer); n >= 0; n = s.getInputStream().read(buffer)) {
                got.write(buffer, 0, n);
            }
        } catch (java.net.SocketException reset) {
            assertThat(reset.getMessage()).contains("reset");
        }
        return got.toByteArray();
    }

    /** Writes {@code frame} unless the site already closed the connection (it may, after a bad proof). */
    private static void writeFrameIfOpen(Socket s, byte[] frame) {
        try {
            writeFrame(s, frame);
        } catch (IOException closedBySite) {
            // The test then checks the site read no frame, whichever came first.
        }
    }

    /** A Ping frame as TcpComplete writes it, without its length prefix and addresses. */
    private static byte[] pingFrame() {
        Message m = new Message();
        m.pushBytes(new byte[60]);
        m.pushByte(0);
        m.pushByte(0);
        m.pushString(LoopbackSite.Ping.class.getName());
        m.pushByte(1);
        return m.toByteArray();
    }

    private static int[] freePorts(int n) throws IOException {
        int[] ports = new int[n];
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0);
                held.add(s);
                ports[i] = s.getLocalPort();
            }
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
        return ports;
    }

    /** Polls {@code condition}, bounded by a 10 s deadline so a broken site fails instead of hanging. */
    private static void awaitTrue(BooleanSupplier condition, java.util.function.Supplier<String> what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what.get());
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
    }
}
