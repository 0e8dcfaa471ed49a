package org.maftia.testkit.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.maftia.testkit.property.TransactionHistory.Operation;
import org.maftia.testkit.property.TransactionHistory.Outcome;

class TransactionHistoryTest {

    @Test
    void clientsRecordFromTheirOwnThreadsAndEachTransactionKeepsItsOrder() throws InterruptedException {
        TransactionHistory history = new TransactionHistory(Map.of("x", 0L));
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            String tx = "T" + c;
            clients.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 1000; i++) {
                    history.write(tx, "x", i);
                }
                history.end(tx, Outcome.ABORTED);
            }));
        }
        for (Thread client : clients) {
            client.join();
        }
        assertThat(history.transactions()).hasSize(8);
        for (String tx : history.transactions()) {
            assertThat(history.operations(tx)).hasSize(1000).element(999).isEqualTo(new Operation(true, "x", 999));
            assertThat(history.outcome(tx)).isEqualTo(Outcome.ABORTED);
        }
    }

    @Test
    void anOutcomeNeverRecordedIsUnknownAndOneRecordedTwiceDifferentlyIsRefused() {
        TransactionHistory history = new TransactionHistory(Map.of("x", 0L));
        history.read("T1", "x", 0);
        assertThat(history.outcome("T1")).isEqualTo(Outcome.UNKNOWN);
        history.end("T1", Outcome.COMMITTED);
        history.end("T1", Outcome.COMMITTED);
        assertThatThrownBy(() -> history.end("T1", Outcome.ABORTED)).isInstanceOf(IllegalStateException.class)
                .hasMessage("transaction T1 already ended COMMITTED, not ABORTED");
    }
}
