package org.maftia.net.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.maftia.net.transport.SiteAddress;
import org.maftia.net.transport.SiteId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AuthLinkTest {

    @ParameterizedTest
    @EnumSource(LinkMode.class)
    void aSealedFrameIsDeliveredOnceWithItsAuthenticatedSender(LinkMode mode) {
        LinkHarness h = new LinkHarness(4, mode);
        LinkHarness.Site a = h.sites.get(0);
        LinkHarness.Site b = h.sites.get(2);

        assertThat(a.send(SiteId.of(2), new byte[] {1, 2, 3})).isEqualTo(1);
        assertThat(a.sentTo.getLast()).isEqualTo(h.groups.group.address(2));
        byte[] frame = a.sent.getLast();
        b.receive(frame);
        b.receive(frame);

        assertThat(b.received).singleElement().satisfies(e -> {
            assertThat(e.source).isEqualTo(SiteId.of(0));
            assertThat(e.dest).isEqualTo(SiteId.of(2));
            assertThat(e.getMessage().toByteArray()).containsExactly(1, 2, 3);
        });
        assertThat(b.link().dropped(LinkDrop.REPLAYED)).isEqualTo(1);
    }

    @Test
    void aeadHidesThePayloadAndMacDoesNot() {
        byte[] secret = "the vault code is 1234".getBytes();
        LinkHarness mac = new LinkHarness(4, LinkMode.MAC);
        LinkHarness aead = new LinkHarness(4, LinkMode.AEAD);
        mac.sites.get(0).send(SiteId.of(1), secret);
        aead.sites.get(0).send(SiteId.of(1), secret);

        assertThat(indexOf(mac.sites.get(0).sent.getLast(), secret)).isNotNegative();
        assertThat(indexOf(aead.sites.get(0).sent.getLast(), secret)).isNegative();
    }

    @Test
    void sendingToAllSealsOneFrameForEachOtherSiteAndDeliversLocally() {
        LinkHarness h = new LinkHarness(4, LinkMode.MAC);
        LinkHarness.Site a = h.sites.get(1);

        assertThat(a.send(SiteAddress.ALL, new byte[] {9})).isEqualTo(3);

        assertThat(a.received).singleElement().satisfies(e -> assertThat(e.source).isEqualTo(SiteId.of(1)));
        for (int i = 0; i < 3; i++) {
            int to = i < 1 ? i : i + 1;
            h.sites.get(to).receive(a.sent.get(i));
            assertThat(h.sites.get(to).received).singleElement()
                    .satisfies(e -> assertThat(e.getMessage().toByteArray()).containsExactly(9));
        }
    }

    @Test
    void aFrameForAnotherSiteOrReflectedToItsSenderIsRefused() {
        LinkHarness h = new LinkHarness(4, LinkMode.MAC);
        h.sites.get(0).send(SiteId.of(1), new byte[] {5});
        byte[] frame = h.sites.get(0).sent.getLast();

        h.sites.get(2).receive(frame);
        h.sites.get(0).receive(frame);

        assertThat(h.sites.get(2).received).isEmpty();
        assertThat(h.sites.get(2).link().dropped(LinkDrop.WRONG_RECIPIENT)).isEqualTo(1);
        assertThat(h.sites.get(0).received).isEmpty();
        assertThat(h.sites.get(0).link().droppedTotal()).isEqualTo(1);
    }

    @Test
    void framesOutOfOrderAreAcceptedWithinTheWindowAndTooOldOnesAreNot() {
        LinkHarness h = new LinkHarness(4, LinkMode.MAC);
        LinkHarness.Site a = h.sites.get(0);
        LinkHarness.Site b = h.sites.get(1);
        for (int i = 0; i < 300; i++) {
            a.send(SiteId.of(1), new byte[] {(byte) i});
        }
        b.receive(a.sent.get(299));
        b.receive(a.sent.get(100));
        b.receive(a.sent.get(10));
        b.receive(a.sent.get(298));

        assertThat(b.received).extracting(e -> e.getMessage().toByteArray()[0]).containsExactly((byte) 299, (byte) 100, (byte) 298);
        assertThat(b.link().dropped(LinkDrop.REPLAYED)).isEqualTo(1);
    }

    @Property(tries = 300)
    void everyTamperedFrameIsRefusedAndCounted(@ForAll("tampering") Tampering t, @ForAll boolean aead) {
        LinkHarness h = new LinkHarness(4, aead ? LinkMode.AEAD : LinkMode.MAC);
        LinkHarness.Site a = h.sites.get(0);
        LinkHarness.Site b = h.sites.get(3);
        a.send(SiteId.of(3), t.payload());
        byte[] frame = a.sent.getLast();
        byte[] bad = t.apply(frame);

        b.receive(bad);

        assertThat(b.received).isEmpty();
        assertThat(b.link().droppedTotal()).isEqualTo(1);
        b.receive(frame);
        assertThat(b.received).hasSize(1);
    }

    @Property(tries = 200)
    void garbageIsRefusedAndCounted(@ForAll @Size(max = 200) byte[] garbage) {
        LinkHarness h = new LinkHarness(4, LinkMode.MAC);
        LinkHarness.Site b = h.sites.get(1);
        b.receive(garbage);
        assertThat(b.received).isEmpty();
        assertThat(b.link().droppedTotal()).isEqualTo(1);
    }

    record Tampering(byte[] payload, int kind, int position, int value) {
        byte[] apply(byte[] frame) {
            int at = Math.floorMod(position, frame.length);
            return switch (kind) {
                case 0 -> {
                    byte[] f = frame.clone();
                    f[at] ^= (byte) (value == 0 ? 1 : value);
                    yield f;
                }
                case 1 -> Arrays.copyOf(frame, at);
                default -> {
                    byte[] f = Arrays.copyOf(frame, frame.length + 1 + Math.floorMod(value, 40));
                    new Random(position).nextBytes(Arrays.copyOfRange(f, frame.length, f.length));
                    f[frame.length] = (byte) (value | 1);
                    yield f;
                }
            };
        }
    }

    @Provide
    Arbitrary<Tampering> tampering() {
        return Combinators.combine(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
                Arbitraries.integers().between(0, 2),
                Arbitraries.integers(),
                Arbitraries.integers().between(1, 255)).as(Tampering::new);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
