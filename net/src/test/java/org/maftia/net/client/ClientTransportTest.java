package org.maftia.net.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.maftia.net.link.LinkKeyPair;

class ClientTransportTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final InetSocketAddress ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private final LinkKeyPair siteKeys = LinkKeyPair.generate(RANDOM);
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    @Test
    void severalClientsExchangeManyFramesBothWaysAndTheSiteReachesEachById() throws Exception {
        ClientEndpoint site = endpoint(ClientEndpointSettings.defaults(), ClientAdmission.any(), echo());
        List<LinkKeyPair> keys = new ArrayList<>();
        List<BlockingQueue<byte[]>> inboxes = new ArrayList<>();
        List<ClientConnection> clients = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            keys.add(LinkKeyPair.generate(RANDOM));
            inboxes.add(new LinkedBlockingQueue<>());
            clients.add(connect(site, keys.get(c), inboxes.get(c)::add));
        }
        int frames = 300;
        for (int i = 0; i < frames; i++) {
            for (int c = 0; c < 3; c++) {
                clients.get(c).send(numbered(c, i, RANDOM.nextInt(4096)));
            }
        }
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < frames; i++) {
                assertThat(number(take(inboxes.get(c)))).containsExactly(c, i);
            }
        }
        for (int c = 0; c < 3; c++) {
            Optional<ClientSession> session = Optional.of(live(site, keys.get(c)));
            assertThat(session.get().send(numbered(c, 1_000_000, 0))).isTrue();
            assertThat(number(take(inboxes.get(c)))).containsExactly(c, 1_000_000);
        }
        byte[] largest = new byte[ClientEndpointSettings.defaults().maxFrameBytes()];
        RANDOM.nextBytes(largest);
        clients.get(0).send(largest);
        assertThat(take(inboxes.get(0))).isEqualTo(largest);

        assertThat(site.counters().sessions()).isEqualTo(3);
        Eventually.until("every outbox drained", () -> site.counters().bufferedBytes() == 0);
        assertThat(site.counters().bytesIn()).isGreaterThan(largest.length);
        assertThat(site.counters().handshakesFailed()).isZero();
    }

    @Test
    void aClientExpectingAnotherSiteKeyIsToldTheSiteIsNotAuthentic() throws Exception {
        ClientEndpoint site = endpoint(ClientEndpointSettings.defaults(), ClientAdmission.any(), echo());
        byte[] otherSite = LinkKeyPair.generate(RANDOM).publicKey();

        assertThatThrownBy(() -> connect(site.localAddress(), otherSite, LinkKeyPair.generate(RANDOM), f -> { }))
                .isInstanceOf(SiteNotAuthenticatedException.class);
        assertThat(site.counters().handshakesFailed()).isEqualTo(1);
        assertThat(site.counters().sessions()).isZero();
    }

    @Test
    void anImpostorWithoutTheSitePrivateKeyCannotCompleteTheHandshake() throws Exception {
        ClientEndpoint genuine = endpoint(ClientEndpointSettings.defaults(), ClientAdmission.any(), echo());
        LinkKeyPair client = LinkKeyPair.generate(RANDOM);
        // The impostor recorded a genuine reply to this very client, and runs a port of its own key.
        byte[] recordedReply;
        try (RawClient recorded = new RawClient(genuine.localAddress()).handshake(siteKeys.publicKey(), client)) {
            recordedReply = recorded.reply;
        }
        try (java.net.ServerSocket impostor = new java.net.ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (java.net.Socket s = impostor.accept()) {
                    s.getInputStream().readNBytes(Handshake.HELLO_BYTES);
                    s.getOutputStream().write(recordedReply);
                    s.getInputStream().read();
                } catch (IOException e) {
                    // the client hung up, as it should
                }
            });
            assertThatThrownBy(() -> connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), impostor.getLocalPort()),
                    siteKeys.publicKey(), client, f -> { })).isInstanceOf(SiteNotAuthenticatedException.class);
        }
        ClientEndpoint ownKey = ClientEndpoint.open(ANY_PORT, LinkKeyPair.generate(RANDOM), ClientAdmission.any(),
                ClientEndpointSettings.defaults(), echo());
        open.add(ownKey);
        assertThatThrownBy(() -> connect(ownKey.localAddress(), siteKeys.publicKey(), client, f -> { }))
                .isInstanceOf(SiteNotAuthenticatedException.class);
        assertThat(ownKey.counters().sessions()).isZero();
    }

    @Test
    void aClientTheGroupDoesNotListIsToldNotAdmittedAndAKeyProbeLearnsNothing() throws Exception {
        LinkKeyPair alice = LinkKeyPair.generate(RANDOM);
        LinkKeyPair mallory = LinkKeyPair.generate(RANDOM);
        ClientAdmission onlyAlice = key -> Arrays.equals(key, alice.publicKey()) ? Optional.of("alice") : Optional.empty();
        AtomicReference<ClientSession> seen = new AtomicReference<>();
        ClientEndpoint site = endpoint(ClientEndpointSettings.defaults(), onlyAlice, (from, frame) -> seen.set(from));

        assertThatThrownBy(() -> connect(site.localAddress(), siteKeys.publicKey(), mallory, f -> { }))
                .isInstanceOfSatisfying(ClientRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(ClientRefusedException.Reason.NOT_ADMITTED));
        assertThat(site.counters().refusedNotAdmitted()).isEqualTo(1);

        // Someone who knows only public keys gets the same answer for a listed and an unlisted key.
        for (byte[] probed : List.of(alice.publicKey(), mallory.publicKey())) {
            LinkKeyPair pretended = new LinkKeyPair(LinkKeyPair.generate(RANDOM).privateKey(), probed);
            assertThatThrownBy(() -> connect(site.localAddress(), siteKeys.publicKey(), pretended, f -> { }))
                    .isInstanceOf(SiteNotAuthenticatedException.class);
        }
        assertThat(site.counters().refusedNotAdmitted()).as("refusals told to someone without the key").isEqualTo(1);
        assertThat(site.session(new ClientId(alice.publicKey()))).as("a session for someone without the key").isEmpty();
        assertThat(site.counters().handshakesFailed()).isEqualTo(2);

        ClientConnection admitted = connect(site, alice, f -> { });
        admitted.send(new byte[] {1});
        Eventually.until("alice's frame", () -> seen.get() != null);
        assertThat(seen.get().name()).isEqualTo("alice");
        assertThat(seen.get().client()).isEqualTo(new ClientId(alice.publicKey()));
    }

    @Test
    void aReplayedHelloAndConfirmationGetNothingAndLeaveTheSessionInPlace() throws Exception {
        BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
        ClientEndpoint site = endpoint(ClientEndpointSettings.defaults(), ClientAdmission.any(), (from, f) -> received.add(f));
        LinkKeyPair client = LinkKeyPair.generate(RANDOM);
        ClientId id = new ClientId(client.publicKey());
        RawClient genuine = new RawClient(site.localAddress()).handshake(siteKeys.publicKey(), client);
        open.add(genuine);
        genuine.out.write(genuine.seal(new byte[] {7}));
        assertThat(take(received)).containsExactly(7);
        ClientSession original = live(site, client);

        try (RawClient replayer = new RawClient(site.localAddress())) {
            replayer.out.write(genuine.hello);
            byte[] reply = replayer.in.readNBytes(Handshake.REPLY_BYTES);
            assertThat(reply).hasSize(Handshake.REPLY_BYTES).isNotEqualTo(genuine.reply);
            replayer.out.write(genuine.confirmation);
            replayer.out.write(genuine.seal(new byte[] {8}));
            assertThat(replayer.closedBySite()).isTrue();
        }
        assertThat(site.session(id)).as("the genuine client's session").containsSame(original);
        assertThat(site.counters().handshakesFailed()).isEqualTo(1);
        assertThat(original.send(new byte[] {9})).isTrue();
        assertThat(genuine.readFrame()).containsExactly(9);
        assertThat(received).isEmpty();
    }

    @Test
    void garbageBeforeAndAfterAuthenticationIsCountedAndClosed() throws Exception {
        ClientEndpoint site = endpoint(ClientEndpointSettings.defaults(), ClientAdmission.any(), echo());
        try (RawClient noise = new RawClient(site.localAddress())) {
            noise.out.write(random(Handshake.HELLO_BYTES));
            assertThat(noise.closedBySite()).isTrue();
        }
        assertThat(site.counters().malformed()).isEqualTo(1);

        try (RawClient noise = new RawClient(site.localAddress())) {
            byte[] hello = random(Handshake.HELLO_BYTES);
            System.arraycopy(Handshake.MAGIC, 0, hello, 0, Handshake.MAGIC.length);
            noise.out.write(hello);
            assertThat(noise.in.readNBytes(Handshake.REPLY_BYTES)).hasSize(Handshake.REPLY_BYTES);
            assertThat(noise.closedBySite()).isTrue();
        }
        assertThat(site.counters().handshakesFailed()).isEqualTo(1);

        // A low-order ephemeral key would make DH(e, S) known to anyone: refused like a bad tag.
        try (RawClient lowOrder = new RawClient(site.localAddress())) {
            byte[] hello = new byte[Handshake.HELLO_BYTES];
            System.arraycopy(Handshake.MAGIC, 0, hello, 0, Handshake.MAGIC.length);
            lowOrder.out.write(hello);
            assertThat(lowOrder.closedBySite()).isTrue();
        }
        assertThat(site.counters().handshakesFailed()).isEqualTo(2);

        LinkKeyPair client = LinkKeyPair.generate(RANDOM);
        try (RawClient forger = new RawClient(site.localAddress()).handshake(siteKeys.publicKey(), client)) {
            forger.out.write(RawClient.prefix(32));
            forger.out.write(random(32));
            assertThat(forger.closedBySite()).isTrue();
        }
        assertThat(site.counters().decryptionFailures()).isEqualTo(1);

        try (RawClient tooShort = new RawClient(site.localAddress()).handshake(siteKeys.publicKey(), client)) {
            tooShort.out.write(RawClient.prefix(SymmetricState.TAG_BYTES - 1));
            assertThat(tooShort.closedBySite()).isTrue();
        }
        assertThat(site.counters().malformed()).isEqualTo(2);
        Eventually.until("sessions closed", () -> site.counters().sessions() == 0);

        BlockingQueue<byte[]> inbox = new LinkedBlockingQueue<>();
        connect(site, client, inbox::add).send(new byte[] {1, 2});
        assertThat(take(inbox)).containsExactly(1, 2);
    }

    @Test
    void anOversizedFrameClosesItsSessionAndAnAnnouncedFrameIsNotAllocatedBeforeItArrives() throws Exception {
        ClientEndpointSettings small = new ClientEndpointSettings(1024, 8, 8, 8, TIMEOUT, 1 << 20, Duration.ofMinutes(1));
        ClientEndpoint site = endpoint(small, ClientAdmission.any(), echo());
        LinkKeyPair client = LinkKeyPair.generate(RANDOM);
        try (RawClient big = new RawClient(site.localAddress()).handshake(siteKeys.publicKey(), client)) {
            big.out.write(RawClient.prefix(1024 + SymmetricState.TAG_BYTES + 1));
            assertThat(big.closedBySite()).isTrue();
        }
        assertThat(site.counters().oversized()).isEqualTo(1);

        CountDownLatch closed = new CountDownLatch(1);
        ClientConnection honest = ClientConnection.connect(site.localAddress(), siteKeys.publicKey(), client, TIMEOUT,
                f -> { }, closed::countDown);
        open.add(honest);
        honest.send(new byte[1025]);
        assertThat(closed.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(site.counters().oversized()).isEqualTo(2);

        ClientEndpointSettings huge = new ClientEndpointSettings(ClientEndpointSettings.FRAME_LIMIT, 8, 8, 8, TIMEOUT,
                2L * ClientEndpointSettings.FRAME_LIMIT, Duration.ofMinutes(1));
        ClientEndpoint roomy = endpoint(huge, ClientAdmission.any(), echo());
        try (RawClient announcer = new RawClient(roomy.localAddress()).handshake(siteKeys.publicKey(), client)) {
            announcer.out.write(RawClient.prefix(ClientEndpointSettings.FRAME_LIMIT + SymmetricState.TAG_BYTES));
            announcer.out.write(new byte[1000]);
            Eventually.until("the site reading the frame", () -> roomy.counters().bufferedBytes() > 0);
            assertThat(roomy.counters().bufferedBytes()).isLessThanOrEqualTo(SecureChannel.READ_CHUNK);
        }
    }

    @Test
    void connectionsAnnouncingHugeFramesBeforeAuthenticatingHoldOnlyTheirHandshakeBuffers() throws Exception {
        ClientEndpointSettings settings = new ClientEndpointSettings(1 << 20, 16, 64, 64, Duration.ofMinutes(1), 4L << 20,
                Duration.ofMinutes(1));
        ClientEndpoint site = endpoint(settings, ClientAdmission.any(), echo());
        List<RawClient> announcers = new ArrayList<>();
        try {
            for (int i = 0; i < 120; i++) {
                RawClient a = new RawClient(site.localAddress());
                announcers.add(a);
                a.out.write(RawClient.prefix(16 << 20));
            }
            Eventually.until("every connection accepted or refused",
                    () -> site.counters().pending() + site.counters().refusedFull() == 120);
            assertThat(site.counters().pending()).isEqualTo(64);
            assertThat(site.counters().bufferedBytes()).isEqualTo(64L * ClientEndpoint.HANDSHAKE_BUFFER_BYTES);
        } finally {
            for (RawClient a : announcers) {
                a.close();
            }
        }
    }

    @Test
    void twoHundredSilentConnectionsTimeOutWithinThePendingBoundsAndAnHonestClientStillConnects() throws Exception {
        ClientEndpointSettings settings = new ClientEndpointSettings(1 << 20, 16, 32, 8, Duration.ofSeconds(2), 4L << 20,
                Duration.ofMinutes(1));
        ClientEndpoint site = endpoint(settings, ClientAdmission.any(), echo());
        InetSocketAddress elsewhere = new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0);
        List<RawClient> silent = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                silent.add(new RawClient(site.localAddress(), elsewhere));
                assertThat(site.counters().pending()).isLessThanOrEqualTo(8);
            }
            // Long enough a timeout that a loaded machine does not time out the honest client too.
            BlockingQueue<byte[]> inbox = new LinkedBlockingQueue<>();
            connect(site, LinkKeyPair.generate(RANDOM), inbox::add).send(new byte[] {5});
            assertThat(take(inbox)).containsExactly(5);

            for (RawClient s : silent) {
                assertThat(s.closedBySite()).isTrue();
            }
            Eventually.until("every silent connection counted",
                    () -> site.counters().timedOut() + site.counters().refusedFull() == 200);
            assertThat(site.counters().timedOut()).isGreaterThanOrEqualTo(8);
            assertThat(site.counters().refusedFull()).isPositive();
            Eventually.until("no handshake pending", () -> site.counters().pending() == 0);
            assertThat(site.counters().bufferedBytes()).isZero();
        } finally {
            for (RawClient s : silent) {
                s.close();
            }
        }
    }

    @Test
    void aClientThatDoesNotReadIsClosedWhileAnotherKeepsReceiving() throws Exception {
        ClientEndpointSettings settings = new ClientEndpointSettings(64 << 10, 16, 8, 8, TIMEOUT, 256 << 10,
                Duration.ofMinutes(1));
        ClientEndpoint site = endpoint(settings, ClientAdmission.any(), echo());
        LinkKeyPair slowKeys = LinkKeyPair.generate(RANDOM);
        LinkKeyPair fastKeys = LinkKeyPair.generate(RANDOM);
        CountDownLatch release = new CountDownLatch(1);
        ClientConnection slow = connect(site, slowKeys, f -> await(release));
        BlockingQueue<byte[]> fastInbox = new LinkedBlockingQueue<>();
        connect(site, fastKeys, fastInbox::add);
        ClientSession slowSession = live(site, slowKeys);
        ClientSession fastSession = live(site, fastKeys);

        byte[] bulk = new byte[16 << 10];
        int sent = 0;
        long bound = 2L * settings.outboxBytesPerClient();
        try {
            while (slowSession.send(bulk)) {
                assertThat(fastSession.send(numbered(1, sent, 0))).isTrue();
                sent++;
                assertThat(site.counters().bufferedBytes()).isLessThanOrEqualTo(bound);
                assertThat(sent).as("a client that does not read is closed before this").isLessThan(1_000_000);
            }
        } finally {
            release.countDown();
        }
        assertThat(site.counters().slowReadersClosed()).isEqualTo(1);
        assertThat(site.session(new ClientId(slowKeys.publicKey()))).isEmpty();
        for (int i = 0; i < sent; i++) {
            assertThat(number(take(fastInbox))).containsExactly(1, i);
        }
        Eventually.until("the slow client sees its connection closed", () -> !slow.isOpen());
        Eventually.until("the fast client's outbox drained", () -> site.counters().bufferedBytes() == 0);
    }

    @Test
    void aSiteThatDoesNotReadMakesTheClientsSendFailInsteadOfBlocking() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ClientEndpointSettings settings = new ClientEndpointSettings(1 << 20, 16, 8, 8, TIMEOUT, 4L << 20,
                Duration.ofMinutes(1));
        ClientEndpoint site = endpoint(settings, ClientAdmission.any(), (from, f) -> await(release));
        ClientConnection client = ClientConnection.connect(site.localAddress(), siteKeys.publicKey(),
                LinkKeyPair.generate(RANDOM), Duration.ofMillis(200), f -> { }, () -> { });
        open.add(client);
        try {
            byte[] frame = new byte[1 << 20];
            assertThatThrownBy(() -> {
                for (int i = 0; i < 10_000; i++) {
                    client.send(frame);
                }
            }).isInstanceOf(IOException.class);
            assertThat(client.isOpen()).isFalse();
            assertThat(client.counters().slowReadersClosed()).isEqualTo(1);
        } finally {
            release.countDown();
        }
    }

    @Test
    void aReconnectingClientReplacesItsSession() throws Exception {
        AtomicReference<ClientSession> lastFrom = new AtomicReference<>();
        ClientEndpoint site = endpoint(ClientEndpointSettings.defaults(), ClientAdmission.any(), (from, f) -> lastFrom.set(from));
        LinkKeyPair keys = LinkKeyPair.generate(RANDOM);
        CountDownLatch firstClosed = new CountDownLatch(1);
        ClientConnection first = ClientConnection.connect(site.localAddress(), siteKeys.publicKey(), keys, TIMEOUT,
                f -> { }, firstClosed::countDown);
        open.add(first);
        ClientSession firstSession = live(site, keys);
        BlockingQueue<byte[]> inbox = new LinkedBlockingQueue<>();
        ClientConnection second = connect(site, keys, inbox::add);

        assertThat(firstClosed.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(first.isOpen()).isFalse();
        assertThat(site.counters().replaced()).isEqualTo(1);
        assertThat(site.counters().sessions()).isEqualTo(1);
        ClientSession now = live(site, keys);
        assertThat(now).isNotSameAs(firstSession);
        assertThat(firstSession.send(new byte[] {1})).isFalse();
        second.send(new byte[] {2});
        Eventually.until("the second connection's frame", () -> lastFrom.get() != null);
        assertThat(lastFrom.get()).isSameAs(now);
        assertThat(now.send(new byte[] {3})).isTrue();
        assertThat(take(inbox)).containsExactly(3);
    }

    @Test
    void aFullSiteRefusesNewClientsButLetsAConnectedOneReconnect() throws Exception {
        ClientEndpointSettings one = new ClientEndpointSettings(1 << 20, 1, 8, 8, TIMEOUT, 4L << 20, Duration.ofMinutes(1));
        ClientEndpoint site = endpoint(one, ClientAdmission.any(), echo());
        LinkKeyPair first = LinkKeyPair.generate(RANDOM);
        connect(site, first, f -> { });
        live(site, first);
        assertThatThrownBy(() -> connect(site, LinkKeyPair.generate(RANDOM), f -> { }))
                .isInstanceOfSatisfying(ClientRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(ClientRefusedException.Reason.SITE_FULL));
        assertThat(site.counters().refusedFull()).isEqualTo(1);
        BlockingQueue<byte[]> inbox = new LinkedBlockingQueue<>();
        connect(site, first, inbox::add).send(new byte[] {4});
        assertThat(take(inbox)).containsExactly(4);
    }

    @Test
    void anIdleClientIsClosed() throws Exception {
        ClientEndpointSettings idle = new ClientEndpointSettings(1 << 20, 8, 8, 8, TIMEOUT, 4L << 20, Duration.ofMillis(100));
        ClientEndpoint site = endpoint(idle, ClientAdmission.any(), echo());
        CountDownLatch closed = new CountDownLatch(1);
        ClientConnection quiet = ClientConnection.connect(site.localAddress(), siteKeys.publicKey(), LinkKeyPair.generate(RANDOM),
                TIMEOUT, f -> { }, closed::countDown);
        open.add(quiet);
        assertThat(closed.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(site.counters().idleClosed()).isEqualTo(1);
        assertThat(site.counters().sessions()).isZero();
    }

    private ClientEndpoint endpoint(ClientEndpointSettings settings, ClientAdmission admission, ClientEndpoint.Handler handler)
            throws IOException {
        ClientEndpoint e = ClientEndpoint.open(ANY_PORT, siteKeys, admission, settings, handler);
        open.add(e);
        return e;
    }

    private ClientConnection connect(ClientEndpoint site, LinkKeyPair keys, java.util.function.Consumer<byte[]> onFrame)
            throws IOException {
        return connect(site.localAddress(), siteKeys.publicKey(), keys, onFrame);
    }

    private ClientConnection connect(InetSocketAddress at, byte[] sitePublic, LinkKeyPair keys,
            java.util.function.Consumer<byte[]> onFrame) throws IOException {
        ClientConnection c = ClientConnection.connect(at, sitePublic, keys, TIMEOUT, onFrame, () -> { });
        open.add(c);
        return c;
    }

    /** The client's session once the site has published it (the client may send before that). */
    private static ClientSession live(ClientEndpoint site, LinkKeyPair client) {
        ClientId id = new ClientId(client.publicKey());
        Eventually.until("the session of " + id, () -> site.session(id).isPresent());
        return site.session(id).orElseThrow();
    }

    private static ClientEndpoint.Handler echo() {
        return (from, frame) -> from.send(frame);
    }

    private static byte[] numbered(int client, int i, int padding) {
        return ByteBuffer.allocate(8 + padding).putInt(client).putInt(i).array();
    }

    private static int[] number(byte[] frame) {
        ByteBuffer b = ByteBuffer.wrap(frame);
        return new int[] {b.getInt(), b.getInt()};
    }

    private static byte[] take(BlockingQueue<byte[]> q) throws InterruptedException {
        byte[] f = q.poll(30, TimeUnit.SECONDS);
        assertThat(f).as("a frame arrives").isNotNull();
        return f;
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
