package org.maftia.group.abc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.maftia.group.core.Digest;
import org.maftia.group.stream.StreamEntry;

/** d of Protocol 7 as {@link Delivered} keeps it: by content, for a window of rounds, compactly. */
class DeliveredTest {

    private static StreamEntry.Data data(int origin, long seq, String payload) {
        return new StreamEntry.Data(origin, seq, payload.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aPayloadIsOneContentWhoeverNumberedItAndNeverACloseOrAnotherPayload() {
        Digest m = Delivered.contentOf(data(0, 1, "pay 5"));
        assertThat(Delivered.contentOf(data(3, 99, "pay 5"))).isEqualTo(m);
        assertThat(Delivered.contentOf(data(0, 1, "pay 6"))).isNotEqualTo(m);
        StreamEntry.Close close = new StreamEntry.Close(0, new byte[] {1});
        assertThat(Delivered.contentOf(close)).isEqualTo(Delivered.contentOf(new StreamEntry.Close(0, new byte[] {1})))
                .isNotEqualTo(Delivered.contentOf(new StreamEntry.Close(1, new byte[] {1})));
        // A payload whose bytes are a close's encoding is still a payload.
        assertThat(Delivered.contentOf(new StreamEntry.Data(0, 0, close.encode()))).isNotEqualTo(Delivered.contentOf(close));
    }

    @Test
    void dSurvivesItsEncodingWithItsRoundsAndRefusesMalformedOnes() {
        Delivered d = new Delivered(3);
        Digest a = Delivered.contentOf(data(0, 0, "a"));
        Digest b = Delivered.contentOf(data(0, 1, "b"));
        Digest c = Delivered.contentOf(data(0, 2, "c"));
        d.add(a, 0);
        d.roundBegins(1);
        d.add(b, 1);
        d.add(c, 1);
        d.roundBegins(2);
        Delivered copy = Delivered.decode(d.encode(), 3);
        assertThat(copy.encode()).isEqualTo(d.encode());
        assertThat(copy.contains(a) && copy.contains(b) && copy.contains(c)).isTrue();
        copy.roundBegins(3);
        assertThat(copy.contains(a)).as("forgotten in the same round as the original").isFalse();
        assertThat(copy.contains(b)).isTrue();
        byte[] encoded = d.encode();
        byte[] truncated = java.util.Arrays.copyOf(encoded, encoded.length - 1);
        assertThatThrownBy(() -> Delivered.decode(truncated, 3)).isInstanceOf(org.maftia.crypto.MalformedEncodingException.class);
        assertThatThrownBy(() -> Delivered.decode(d.encode(), 1)).as("more rounds than remembered")
                .isInstanceOf(org.maftia.crypto.MalformedEncodingException.class);
    }

    @Test
    void aContentIsRememberedForTheWindowOfRoundsAfterItsDeliveryThenForgotten() {
        Delivered d = new Delivered(3);
        Digest a = Delivered.contentOf(data(0, 0, "a"));
        Digest b = Delivered.contentOf(data(0, 1, "b"));
        assertThat(d.add(a, 0)).isTrue();
        assertThat(d.add(a, 0)).as("in d").isFalse();
        d.roundBegins(1);
        assertThat(d.add(b, 1)).isTrue();
        d.roundBegins(2);
        assertThat(d.contains(a)).isTrue();
        d.roundBegins(3);
        assertThat(d.contains(a)).as("delivered 3 rounds ago: forgotten").isFalse();
        assertThat(d.contains(b)).isTrue();
        assertThat(d.add(a, 3)).as("delivered again after the window").isTrue();
        d.roundBegins(4);
        assertThat(d.contains(b)).isFalse();
        assertThat(d.contains(a)).isTrue();
        assertThat(d.size()).isEqualTo(1);
    }

    @Test
    void manyContentsOverManyRoundsAreFoundWhileRememberedAndOnlyThen() {
        Delivered d = new Delivered(5);
        SplittableRandom random = new SplittableRandom(7);
        List<List<Digest>> byRound = new ArrayList<>();
        for (int round = 0; round < 60; round++) {
            d.roundBegins(round);
            List<Digest> added = new ArrayList<>();
            for (int k = random.nextInt(300); k > 0; k--) {
                Digest m = Delivered.contentOf(data(0, 0, round + "/" + k));
                assertThat(d.add(m, round)).isTrue();
                added.add(m);
            }
            byRound.add(added);
            int expected = 0;
            for (int past = 0; past <= round; past++) {
                boolean remembered = past > round - 5;
                for (Digest m : byRound.get(past)) {
                    assertThat(d.contains(m)).as("round %d's content in round %d", past, round).isEqualTo(remembered);
                }
                expected += remembered ? byRound.get(past).size() : 0;
            }
            assertThat(d.size()).isEqualTo(expected);
        }
        assertThat(d.bytes()).as("the arrays, at most twice what is held").isLessThanOrEqualTo(2L * Delivered.BYTES_PER_CONTENT * 5 * 300);
    }
}
