package org.maftia.replication.voting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.maftia.replication.wire.ClientRequest;

/** Numbering of a client's requests (Protocol 11 line 10). */
class VotingMulticastTest {

    /**
     * The replicas' history moves a client's window only over ordered numbers it executed, so a
     * read-only request must not take an ordered number: otherwise that number is never executed,
     * the window's low end sticks there, and after a window's worth of requests every ordered one
     * is refused as beyond the window.
     */
    @Test
    void readOnlyRequestsLeaveNoGapInTheOrderedNumbers() {
        List<ClientRequest> sent = new ArrayList<>();
        VotingMulticast voting = new VotingMulticast(4, 1, 7, (site, frame) -> sent.add(ClientRequest.decode(frame)));
        long first = voting.invoke(new byte[] {1}).number();
        voting.invokeReadOnly(new byte[] {2});
        long second = voting.invoke(new byte[] {3}).number();
        assertThat(second).as("the ordered number after a read-only request").isEqualTo(first + 1);
        long readOnly = sent.stream().filter(ClientRequest::readOnly).findFirst().orElseThrow().sequence();
        assertThat(readOnly).as("a read-only request's number is none an ordered request takes").isNotIn(first, second);
    }
}
