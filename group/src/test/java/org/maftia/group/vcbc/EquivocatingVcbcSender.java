package org.maftia.group.vcbc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.maftia.crypto.Share;
import org.maftia.crypto.ThresholdSignature;
import org.maftia.crypto.ThresholdSigner;
import org.maftia.group.core.Digest;
import org.maftia.group.core.MalformedMessageException;
import org.maftia.group.core.MessageTypes;
import org.maftia.group.core.RawMessage;
import org.maftia.group.sim.RawInstance;

/**
 * A corrupted VCBC sender for tests outside this package: it sends {@code payloadFor(party)} to
 * each party (different payloads to different parties), adds its coalition's shares, and sends a
 * final to all for every hash that gathers a quorum of valid shares.
 */
public final class EquivocatingVcbcSender extends RawInstance {

    private final int sender;
    private final String groupId;
    private final ThresholdSignature key;
    private final List<ThresholdSigner> coalition;
    private final IntFunction<byte[]> payloadFor;
    private final Map<Digest, List<Share>> shares = new HashMap<>();

    public EquivocatingVcbcSender(String protocolId, String groupId, int sender, List<ThresholdSigner> coalition,
                                  IntFunction<byte[]> payloadFor) {
        super(protocolId);
        this.sender = sender;
        this.groupId = groupId;
        this.key = coalition.getFirst().publicKey();
        this.coalition = coalition;
        this.payloadFor = payloadFor;
    }

    @Override
    protected void onStart() {
        for (int to = 0; to < ctx.n(); to++) {
            byte[] m = payloadFor.apply(to);
            Digest d = Digest.of(m);
            if (!shares.containsKey(d)) {
                List<Share> w = new ArrayList<>();
                for (ThresholdSigner s : coalition) {
                    w.add(s.sign(Vcbc.readyTag(protocolId(), groupId, sender, d)));
                }
                shares.put(d, w);
            }
            ctx.send(to, new RawMessage(MessageTypes.VCBC_SEND, m));
        }
    }

    @Override
    protected void onMessage(int from, int type, byte[] body) throws MalformedMessageException {
        if (type != MessageTypes.VCBC_READY || coalition.stream().anyMatch(s -> s.index() == from)) {
            return;
        }
        VcbcMessage.Ready r = (VcbcMessage.Ready) VcbcMessage.decode(type, body, 1 << 20, ctx.n());
        byte[] tag = Vcbc.readyTag(protocolId(), groupId, sender, r.d());
        Share share = new Share(from, r.share());
        List<Share> w = shares.get(r.d());
        if (w == null || !key.verifyShare(tag, share).isValid()) {
            return;
        }
        w.add(share);
        if (w.size() == key.parameters().k()) {
            VcbcMessage.Final f = new VcbcMessage.Final(r.d(), key.combine(tag, w, true));
            ctx.sendAll(f);
        }
    }
}
