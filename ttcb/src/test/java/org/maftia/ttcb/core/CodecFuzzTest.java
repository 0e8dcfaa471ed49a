package org.maftia.ttcb.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.maftia.ttcb.DecisionFunction;
import org.maftia.ttcb.Eid;
import org.maftia.ttcb.Tag;
import org.maftia.ttcb.wire.MalformedFrameException;

/** Control frames: what is sealed opens to the same message; anything else is malformed, never another exception. */
class CodecFuzzTest {

    private final ControlCodec codec = new ControlCodec(new byte[32], 4, new SecureRandom());

    @Property(tries = 300)
    void sealedMessagesOpenToThemselves(@ForAll long seq, @ForAll @Size(max = 64) byte[] value) {
        long s = Math.abs(seq % 1_000_000);
        AgreementKey key = new AgreementKey(List.of(new Eid(1, 2), new Eid(3, 4)), 99, DecisionFunction.TBA_TEQUALITY);
        ControlMessage m = new ControlMessage(2, s, 1234, new long[] {1, 2, 3, 4}, new long[] {-1, 5, 6, 7}, new long[] {0, 1, 2, 3},
                List.of(new ControlRecord.Proposal(key, new Eid(3, 4), value, new byte[0]),
                        new ControlRecord.DistStart(new Tag(2, 7), 5, 6, 7, List.of(new Eid(0, 1))),
                        new ControlRecord.DistDeliv(new Tag(2, 7), 5, new Eid(0, 1), 8)));
        ControlMessage back = codec.open(codec.seal(m));
        assertThat(back.seq()).isEqualTo(s);
        assertThat(back.higherseqVector()).containsExactly(1, 2, 3, 4);
        assertThat(back.data()).hasSize(3);
        assertThat(((ControlRecord.Proposal) back.data().getFirst()).value()).isEqualTo(value);
    }

    @Property(tries = 500)
    void garbageFramesAreMalformed(@ForAll @Size(max = 300) byte[] frame) {
        assertThatThrownBy(() -> codec.open(frame)).isInstanceOf(MalformedFrameException.class);
    }

    @Property(tries = 500)
    void garbageBodiesAreMalformed(@ForAll @Size(max = 300) byte[] body) {
        try {
            ControlMessage.decode(body, 4);
        } catch (MalformedFrameException expected) {
            // the only way a body may fail
        }
    }
}
