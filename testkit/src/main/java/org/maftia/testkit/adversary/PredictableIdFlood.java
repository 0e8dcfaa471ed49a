package org.maftia.testkit.adversary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * Corrupted sites that fill the name of an instance an honest site will start soon, before the
 * honest messages for it arrive: from a name they saw, they predict a future one by counting a
 * number in it a few steps on (the next round, the next sub-protocol, a stream lane's next
 * broadcast), and send one honest site a burst under that name: the message they saw, moved
 * there, or junk that keeps its start. Aimed at a room with a quota per name shared by all
 * senders, which the burst fills so the honest messages find no place.
 *
 * <p>Names in the form {@code parent|length:tag} (the group layer's sub-protocol names) keep a
 * declared length that matches their tag when the number in the tag grows a digit.
 */
public final class PredictableIdFlood extends IdFlood {

    /** How many steps ahead a predicted number is, at most. */
    static final int LOOKAHEAD = 3;
    /** Longest random tail of a junk message. */
    static final int MAX_JUNK = 96;

    /** A number in a name: not part of a longer run, and not a tag's declared length (followed by ':'). */
    private static final Pattern NUMBER = Pattern.compile("(?<![0-9])[0-9]{1,9}(?![0-9:])");
    /** A tag's declared length: {@code |length:}. */
    private static final Pattern TAG = Pattern.compile("\\|([0-9]{1,4}):");

    /**
     * @param random      the run's generator (a split of the simulation's), for determinism per seed
     * @param probability chance that a message passing through the network triggers a burst
     * @param burst       messages per burst, all under one predicted name
     * @param budget      messages at most, so the run still ends
     * @param sites       the corrupted sites that flood
     */
    public PredictableIdFlood(SplittableRandom random, double probability, int burst, int budget, int... sites) {
        super("PredictableIdFlood", random, probability, burst, budget, sites);
    }

    @Override
    protected List<byte[]> burst(NamedFrame template, int count) {
        String name = future(template.name(), random);
        List<byte[]> messages = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            messages.add(template.with(name, random.nextBoolean() ? template.tail() : junk(template.tail())));
        }
        return messages;
    }

    /**
     * A name {@code name}'s instance will likely be followed by: one of its numbers counted 1 to
     * {@value #LOOKAHEAD} on, with what followed the number kept or cut off (the next round's
     * sub-protocol, or the next round itself); with no number, a numbered tag appended.
     */
    static String future(String name, SplittableRandom random) {
        List<MatchResult> numbers = NUMBER.matcher(name).results().toList();
        if (numbers.isEmpty()) {
            return within(name, "|" + (1 + random.nextInt(LOOKAHEAD)));
        }
        MatchResult number = numbers.get(random.nextInt(numbers.size()));
        String digits = Long.toString(Long.parseLong(number.group()) + 1 + random.nextInt(LOOKAHEAD));
        boolean keepRest = random.nextBoolean();
        String before = name.substring(0, number.start());
        MatchResult holder = null;
        for (MatchResult tag : TAG.matcher(name).results().toList()) {
            int declared = Integer.parseInt(tag.group(1));
            if (tag.end() <= number.start() && number.end() <= tag.end() + declared) {
                holder = tag;
            }
        }
        if (holder != null) {
            int declared = Integer.parseInt(holder.group(1));
            int cut = keepRest ? 0 : holder.end() + declared - number.end();
            int length = declared + digits.length() - number.group().length() - cut;
            before = name.substring(0, holder.start(1)) + length + name.substring(holder.end(1), number.start());
        }
        return before + digits + (keepRest ? name.substring(number.end()) : "");
    }

    /** The start of {@code real}, then random bytes: the receiver's decoder meets it. */
    private byte[] junk(byte[] real) {
        byte[] head = Arrays.copyOf(real, random.nextInt(real.length + 1));
        byte[] junk = Arrays.copyOf(head, head.length + 1 + random.nextInt(MAX_JUNK));
        for (int i = head.length; i < junk.length; i++) {
            junk[i] = (byte) random.nextInt(256);
        }
        return junk;
    }
}
