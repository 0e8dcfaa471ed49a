package org.maftia.group.abc;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import org.maftia.crypto.codec.ByteReader;
import org.maftia.crypto.codec.ByteWriter;
import org.maftia.group.core.Digest;
import org.maftia.group.stream.StreamEntry;

/**
 * d of Protocol 7 (spec 5.2.1.6): the contents delivered, as "m ∉ d" compares them. A payload is
 * its bytes, whoever numbered it (a corrupted party may re-broadcast an honest payload under a
 * number of its own); a close is its origin and proof.
 *
 * <p>Bounded: a content is remembered for {@code rounds} rounds ({@code roundsRemembered}, 1024 by
 * default) after the round that delivered it, then forgotten. Every honest party delivers the same
 * contents in the same rounds, so all of them forget the same ones at the same point and keep one
 * order. Honest parties never order a payload again after the round that delivered it, so what
 * comes later is a corrupted party's replay, which no bounded d refuses forever: it must wait
 * {@code rounds} rounds for it (the argument: the package's design note).
 *
 * <p>Compact, since it holds up to {@code rounds} rounds of up to n batches each: 128 bits of each
 * content's SHA-256 in a ring in delivery order, with an open-addressing index into the ring, so
 * {@value #BYTES_PER_CONTENT} bytes per content (a {@code HashMap} of digests takes about 120). A
 * collision of 128-bit prefixes makes a payload look delivered; finding one for a payload that an
 * honest party has not sent yet is a second preimage, beyond reach.
 */
final class Delivered {

    /** Two longs in the ring, an int in an index at most half full. */
    static final int BYTES_PER_CONTENT = 24;

    private final int rounds;
    /** The ring, oldest first from {@link #head}: each content's 128-bit prefix. */
    private long[] high = new long[64];
    private long[] low = new long[64];
    private int head;
    private int size;
    /** Ring slot + 1 of each content by hash, 0 when free; linear probing. */
    private int[] index = new int[128];
    /** Per round that delivered something, oldest first: {round, contents delivered}. */
    private final ArrayDeque<long[]> byRound = new ArrayDeque<>();

    Delivered(int rounds) {
        this.rounds = rounds;
    }

    /** What d compares: a payload by its bytes alone, a close by its encoding (origin and proof), never one for the other. */
    static Digest contentOf(StreamEntry entry) {
        return switch (entry) {
            case StreamEntry.Data data -> {
                MessageDigest sha = sha256();
                sha.update((byte) StreamEntry.DATA);
                sha.update(data.payload());
                yield new Digest(sha.digest());
            }
            case StreamEntry.Close close -> Digest.of(close.encode());
        };
    }

    boolean contains(Digest content) {
        return find(high(content), low(content)) >= 0;
    }

    /** d ← d ∪ {m} in {@code round} (line 17); false if m was in d. Rounds come in order. */
    boolean add(Digest content, long round) {
        return add(high(content), low(content), round);
    }

    private boolean add(long hi, long lo, long round) {
        if (find(hi, lo) >= 0) {
            return false;
        }
        if (size == high.length) {
            grow();
        }
        int slot = (head + size) & (high.length - 1);
        high[slot] = hi;
        low[slot] = lo;
        size++;
        insert(slot);
        long[] last = byRound.peekLast();
        if (last != null && last[0] == round) {
            last[1]++;
        } else {
            byRound.addLast(new long[] {round, 1});
        }
        return true;
    }

    /** Round {@code current} begins: the contents of rounds {@code rounds} or more before it are forgotten. */
    void roundBegins(long current) {
        while (!byRound.isEmpty() && byRound.peekFirst()[0] <= current - rounds) {
            for (long k = byRound.pollFirst()[1]; k > 0; k--) {
                remove(head);
                head = (head + 1) & (high.length - 1);
                size--;
            }
        }
    }

    int size() {
        return size;
    }

    /**
     * d as a party that lost its state takes it over ({@link Abc.ResumePoint}): the rounds that
     * delivered something, oldest first, each with its count, then the contents in delivery order.
     */
    byte[] encode() {
        ByteWriter out = new ByteWriter().u32(byRound.size());
        for (long[] round : byRound) {
            out.u64(round[0]).u64(round[1]);
        }
        out.u32(size);
        for (int k = 0; k < size; k++) {
            int slot = (head + k) & (high.length - 1);
            out.raw(ByteBuffer.allocate(16).putLong(high[slot]).putLong(low[slot]).array());
        }
        return out.toByteArray();
    }

    /** The d {@link #encode()} wrote, remembering {@code rounds} rounds; malformed input is refused whole. */
    static Delivered decode(byte[] encoded, int rounds) {
        ByteReader in = new ByteReader(encoded, "d of a resume point");
        Delivered d = new Delivered(rounds);
        int roundCount = in.u32("rounds");
        if (roundCount > rounds) {
            throw in.malformed(roundCount + " rounds, more than the " + rounds + " remembered");
        }
        long[][] byRound = new long[roundCount][];
        long total = 0;
        for (int k = 0; k < roundCount; k++) {
            byRound[k] = new long[] {in.u64("round"), in.u64("contents")};
            if (byRound[k][1] == 0 || k > 0 && byRound[k][0] <= byRound[k - 1][0]) {
                throw in.malformed("rounds out of order or empty");
            }
            total += byRound[k][1];
        }
        int size = in.u32("contents");
        if (size != total || (long) size * 16 != in.remaining()) {
            throw in.malformed(size + " contents, but the rounds count " + total + " and " + in.remaining() + " bytes follow");
        }
        for (long[] round : byRound) {
            for (long c = 0; c < round[1]; c++) {
                ByteBuffer content = ByteBuffer.wrap(in.raw(16, "content"));
                if (!d.add(content.getLong(), content.getLong(), round[0])) {
                    throw in.malformed("a content listed twice");
                }
            }
        }
        return d;
    }

    /** Memory held, the arrays' lengths at their element sizes. */
    long bytes() {
        return 16L * high.length + 4L * index.length;
    }

    private int find(long hi, long lo) {
        int mask = index.length - 1;
        for (int i = hash(hi, lo) & mask; index[i] != 0; i = (i + 1) & mask) {
            int slot = index[i] - 1;
            if (high[slot] == hi && low[slot] == lo) {
                return i;
            }
        }
        return -1;
    }

    private void insert(int slot) {
        int mask = index.length - 1;
        int i = hash(high[slot], low[slot]) & mask;
        while (index[i] != 0) {
            i = (i + 1) & mask;
        }
        index[i] = slot + 1;
    }

    /** Removes ring slot {@code slot} from the index, shifting back the entries its removal would cut off from their hash. */
    private void remove(int slot) {
        int mask = index.length - 1;
        int gap = find(high[slot], low[slot]);
        for (int i = (gap + 1) & mask; index[i] != 0; i = (i + 1) & mask) {
            int home = hash(high[index[i] - 1], low[index[i] - 1]) & mask;
            // The entry at i may move into the gap unless its home lies cyclically in (gap, i].
            boolean homeAfterGap = gap <= i ? home > gap && home <= i : home > gap || home <= i;
            if (!homeAfterGap) {
                index[gap] = index[i];
                gap = i;
            }
        }
        index[gap] = 0;
    }

    private void grow() {
        long[] hi = new long[high.length * 2];
        long[] lo = new long[low.length * 2];
        for (int k = 0; k < size; k++) {
            int from = (head + k) & (high.length - 1);
            hi[k] = high[from];
            lo[k] = low[from];
        }
        high = hi;
        low = lo;
        head = 0;
        index = new int[high.length * 2];
        for (int k = 0; k < size; k++) {
            insert(k);
        }
    }

    private static int hash(long hi, long lo) {
        // The bits are a hash already: any of them spread evenly.
        return (int) (hi ^ (hi >>> 32));
    }

    private static long high(Digest content) {
        return ByteBuffer.wrap(content.bytes()).getLong(0);
    }

    private static long low(Digest content) {
        return ByteBuffer.wrap(content.bytes()).getLong(8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
