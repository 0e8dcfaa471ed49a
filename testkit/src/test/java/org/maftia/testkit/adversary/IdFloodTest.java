package org.maftia.testkit.adversary;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.maftia.net.transport.SiteAddress;
import org.maftia.testkit.adversary.Wire.Received;

/** {@link FreshIdFlood} and {@link PredictableIdFlood}: messages seen, renamed, in bursts to honest sites. */
class IdFloodTest {

    private static final String NAME = "abc|5:vba|9|6:abba|0";

    /** A message as the group layer frames it: the name, a type code, a body. */
    private static byte[] named(String name, int type, String body) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        byte[] b = body.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(4 + n.length + 4 + b.length).putInt(n.length).put(n).putInt(type).put(b).array();
    }

    /** Honest sites 0 to 2 talk, to 3 too; 3 floods with {@code flood}. */
    private static Wire run(Wire w, IdFlood flood) {
        w.net.adversary(flood);
        for (int k = 0; k < 20; k++) {
            w.send(k % 3, SiteAddress.ALL, named(NAME, 0x0601, "body " + k));
        }
        w.run();
        return w;
    }

    private static List<NamedFrame> flooded(Wire w) {
        return w.received.stream().filter(r -> r.from() == 3).map(r -> NamedFrame.find(r.bytes()).orElseThrow()).toList();
    }

    @Test
    void aFreshIdFloodSendsTinyMessagesUnderNamesNobodyUsedToHonestSitesUpToTheBudget() {
        Wire w = new Wire(7, 4, 3);
        FreshIdFlood flood = new FreshIdFlood(w.sim.random().split(), 1.0, 50, 120, 3);
        run(w, flood);

        assertThat(flood.sent()).isEqualTo(120);
        List<Received> from3 = w.received.stream().filter(r -> r.from() == 3).toList();
        assertThat(from3).hasSize(120).allSatisfy(r -> assertThat(r.to()).isIn(0, 1, 2));
        List<NamedFrame> frames = flooded(w);
        assertThat(frames).extracting(NamedFrame::name).doesNotHaveDuplicates()
                .allSatisfy(name -> assertThat(name).startsWith(NAME + "|fresh|"));
        assertThat(frames).allSatisfy(f -> {
            assertThat(f.head()).isEmpty();
            assertThat(f.tail().length).isBetween(FreshIdFlood.MIN_TAIL, FreshIdFlood.MAX_TAIL);
            assertThat(ByteBuffer.wrap(f.tail()).getInt()).as("the type code kept").isEqualTo(0x0601);
        });
        assertThat(w.textsFrom(0)).hasSize(7 * 4);
    }

    @Test
    void aPredictableIdFloodSendsEachBurstUnderOneFutureNameOfWhatItSaw() {
        Wire w = new Wire(8, 4, 3);
        PredictableIdFlood flood = new PredictableIdFlood(w.sim.random().split(), 1.0, 40, 200, 3);
        run(w, flood);

        assertThat(flood.sent()).isEqualTo(200);
        List<NamedFrame> frames = flooded(w);
        assertThat(frames).hasSize(200);
        Set<String> names = new HashSet<>();
        frames.forEach(f -> names.add(f.name()));
        assertThat(names).as("one name per burst of 40").hasSizeBetween(1, 5).isSubsetOf(futuresOf(NAME));
        assertThat(frames).as("the message seen, moved").anySatisfy(f -> assertThat(new String(f.tail(), 4, f.tail().length - 4,
                StandardCharsets.US_ASCII)).startsWith("body "));
    }

    @Test
    void futureNamesCountANumberOnAndKeepTagLengthsRight() {
        assertThat(futuresOf(NAME)).containsExactlyInAnyOrder(
                "abc|6:vba|10|6:abba|0", "abc|6:vba|11|6:abba|0", "abc|6:vba|12|6:abba|0",
                "abc|6:vba|10", "abc|6:vba|11", "abc|6:vba|12",
                "abc|5:vba|9|6:abba|1", "abc|5:vba|9|6:abba|2", "abc|5:vba|9|6:abba|3");
        assertThat(futuresOf("stream|rbc|2|7")).containsExactlyInAnyOrder(
                "stream|rbc|3|7", "stream|rbc|4|7", "stream|rbc|5|7", "stream|rbc|3", "stream|rbc|4", "stream|rbc|5",
                "stream|rbc|2|8", "stream|rbc|2|9", "stream|rbc|2|10");
        assertThat(futuresOf("rbc-test")).containsExactlyInAnyOrder("rbc-test|1", "rbc-test|2", "rbc-test|3");
    }

    @Test
    void aNameIsFoundAfterTheHeadersBelowItAndNotInBinaryJunk() {
        byte[] message = named(NAME, 1, "x");
        byte[] withHead = ByteBuffer.allocate(3 + message.length).put(new byte[] {9, 9, 9}).put(message).array();
        NamedFrame frame = NamedFrame.find(withHead).orElseThrow();
        assertThat(frame.head()).containsExactly(9, 9, 9);
        assertThat(frame.name()).isEqualTo(NAME);
        assertThat(frame.with("other", frame.tail())).isEqualTo(ByteBuffer.allocate(3 + 4 + 5 + 5)
                .put(new byte[] {9, 9, 9}).putInt(5).put("other".getBytes(StandardCharsets.US_ASCII)).putInt(1).put((byte) 'x').array());
        assertThat(NamedFrame.find(new byte[] {0, 0, 0, 2, 1, 2, 0, 0})).isEmpty();
    }

    @Test
    void theSameSeedFloodsTheSameWay() {
        Wire a = run(new Wire(5, 4, 3), new PredictableIdFlood(new SplittableRandom(5), 0.5, 10, 60, 3));
        Wire b = run(new Wire(5, 4, 3), new PredictableIdFlood(new SplittableRandom(5), 0.5, 10, 60, 3));
        assertThat(a.received).usingRecursiveFieldByFieldElementComparator().isEqualTo(b.received);
    }

    /** Every future name of {@code name}, from enough draws to see each. */
    private static Set<String> futuresOf(String name) {
        SplittableRandom random = new SplittableRandom(1);
        Set<String> futures = new HashSet<>();
        for (int k = 0; k < 500; k++) {
            futures.add(PredictableIdFlood.future(name, random));
        }
        return futures;
    }
}
