package org.maftia.group.abba;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;
import org.maftia.crypto.Share;
import org.maftia.group.abba.AbbaMessage.PreProcess;
import org.maftia.group.abba.AbbaMessage.PreVoteJustification;
import org.maftia.group.abba.AbbaMessage.PreVoteJustification.Initial;
import org.maftia.group.core.GroupKeys;
import org.maftia.group.core.MalformedMessageException;

/**
 * Protocol 3, ABBA (spec 5.2.1.1; Cachin, Kursawe and Shoup): P_i's instance of randomized binary
 * Byzantine agreement. Its pre-processing (lines 1-3) justifies round 1 with the (n, t+1, t)
 * signature scheme S'; the rounds are {@link AbbaRounds}'.
 */
public final class Abba extends AbbaRounds {

    private final BitSet preProcessFrom = new BitSet();
    /** The proper pre-processing messages of line 3; null once round 1 was pre-voted. */
    private List<PreProcess> preProcesses = new ArrayList<>();

    /** The instance {@code protocolId} with this site's {@code keys}; {@code decide} gets the decision once. */
    public Abba(String protocolId, GroupKeys keys, Consumer<Boolean> decide) {
        this(protocolId, keys, DEFAULT_MAX_ROUNDS_AHEAD, decide);
    }

    public Abba(String protocolId, GroupKeys keys, int maxRoundsAhead, Consumer<Boolean> decide) {
        super(protocolId, keys, maxRoundsAhead, null, decide);
    }

    /** Lines 1-2: start with the initial value V_i, sent with an S'-share on (pre-process, V_i). */
    public void propose(boolean value) {
        whenAttached(() -> {
            start(value);
            send(new PreProcess(value, keys.abbaPre().sign(preProcessTag(value))));
            advance();
        });
    }

    /** Line 3: a proper pre-processing message carries a valid S'-share on (pre-process, b). */
    @Override
    void onPreProcess(int from, PreProcess p) throws MalformedMessageException {
        once(preProcessFrom, from, "pre-process");
        if (preProcesses == null) {
            return; // line 3 is behind this party: the first 2t+1 were enough
        }
        checkShare(from, p.share(), keys.abbaPreKey().verifyShare(preProcessTag(p.b()), p.share()).isValid());
        preProcesses.add(p);
    }

    /**
     * Lines 3, 6-7, 10-12 (r = 1): with 2t+1 proper pre-processing votes, pre-vote their simple
     * majority b, justified by t+1 S'-shares on (pre-process, b) combined.
     */
    @Override
    boolean preVoteInRoundOne() {
        if (preProcesses.size() < 2 * ctx.t() + 1) {
            return false;
        }
        List<PreProcess> collected = preProcesses.subList(0, 2 * ctx.t() + 1);
        long ones = collected.stream().filter(PreProcess::b).count();
        boolean b = ones >= ctx.t() + 1;
        List<Share> shares = collected.stream().filter(p -> p.b() == b).map(PreProcess::share).toList();
        byte[] signature = keys.abbaPreKey().combine(preProcessTag(b), shares, true);
        preProcesses = null;
        preVote(b, new Initial(signature));
        return true;
    }

    /** A round-1 pre-vote for b is justified by an S'-signature on (pre-process, b). */
    @Override
    boolean roundOneJustifies(boolean b, PreVoteJustification j) {
        return j instanceof Initial i && keys.abbaPreKey().verify(preProcessTag(b), i.signature());
    }

    @Override
    void checkPreProcess(PreProcess p) {
        keys.abbaPreKey().verifyShare(preProcessTag(p.b()), p.share());
    }

    @Override
    void checkRoundOne(boolean b, PreVoteJustification j) {
        roundOneJustifies(b, j);
    }
}
