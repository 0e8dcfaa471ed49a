package org.maftia.group.rbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.maftia.group.core.Digest;
import org.maftia.group.core.MalformedMessageException;
import org.maftia.group.core.MessageTypes;
import org.maftia.group.core.ProtocolHarness;

/** One RBC instance (Protocol 5) driven by hand: the test plays the other three parties of n = 4, t = 1. */
class RbcHarnessTest {

    private static final byte[] M = "pay".getBytes(StandardCharsets.UTF_8);
    private static final byte[] D = Digest.of(M).bytes();

    private final List<byte[]> delivered = new ArrayList<>();
    private final ProtocolHarness h = ProtocolHarness.of(new Rbc("rb", 0, 1024, delivered::add), 1, 4, 1);

    @Test
    void theSendIsEchoedOnceAndTwoTPlusOneReadiesDeliver() throws Exception {
        h.receive(0, MessageTypes.RBC_SEND, M);
        h.receive(0, MessageTypes.RBC_SEND, M);
        assertThat(h.take(MessageTypes.RBC_ECHO)).as("lines 6-9: one echo of H(m), to all")
                .singleElement().satisfies(e -> {
                    assertThat(e.to()).isEqualTo(ProtocolHarness.ALL);
                    assertThat(e.body()).isEqualTo(D);
                });
        h.receive(2, MessageTypes.RBC_READY, D);
        assertThat(h.take(MessageTypes.RBC_READY)).as("one ready is fewer than t+1: nothing yet")
                .isEmpty();
        h.receive(3, MessageTypes.RBC_READY, D);
        assertThat(h.take(MessageTypes.RBC_READY)).as("t+1 = 2 readies: this party is ready too").hasSize(1);
        assertThat(delivered).isEmpty();
        h.receive(0, MessageTypes.RBC_READY, D);
        assertThat(delivered).as("2t+1 readies and the payload held: deliver").containsExactly(M);
    }

    @Test
    void aSendFromAnotherPartyThanTheSenderIsIgnored() throws Exception {
        h.receive(2, MessageTypes.RBC_SEND, M);
        assertThat(h.sent()).isEmpty();
    }

    @Test
    void anOversizedPayloadIsRefusedAsMalformed() {
        assertThatThrownBy(() -> h.receive(0, MessageTypes.RBC_SEND, new byte[2048]))
                .isInstanceOf(MalformedMessageException.class);
        assertThat(h.sent()).isEmpty();
    }

    @Test
    void readiesForAPayloadNeverSeenMakeThePartyAskTheFirstTwoTPlusOneParties() throws Exception {
        for (int from : new int[] {0, 2, 3}) {
            h.receive(from, MessageTypes.RBC_READY, D);
        }
        assertThat(h.take(MessageTypes.RBC_REQUEST)).extracting(ProtocolHarness.Sent::to)
                .as("lines 20-21: P_1..P_2t+1, itself excepted").containsExactlyInAnyOrder(0, 2);
        h.receive(2, MessageTypes.RBC_ANSWER, "other".getBytes(StandardCharsets.UTF_8));
        assertThat(delivered).as("an answer whose hash is not d̄ delivers nothing").isEmpty();
        h.receive(0, MessageTypes.RBC_ANSWER, M);
        assertThat(delivered).containsExactly(M);
    }
}
