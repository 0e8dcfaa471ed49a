package org.maftia.tx.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maftia.group.loopback.LoopbackGroup;
import org.maftia.net.link.LinkKeyPair;
import org.maftia.replication.ProxyOptions;
import org.maftia.testkit.property.Atomicity;
import org.maftia.testkit.property.Conservation;
import org.maftia.testkit.property.Serializability;
import org.maftia.testkit.property.TransactionHistory;
import org.maftia.tx.TransactionId;
import org.maftia.tx.client.OutcomeUnknownException;
import org.maftia.tx.client.RetryPolicy;
import org.maftia.tx.client.TransactionManager;
import org.maftia.tx.client.TransactionRefusedException;
import org.maftia.tx.manager.TransactionState;

/**
 * The replicated bank over TCP on loopback: a transaction manager group and two bank groups of four
 * sites, one corrupted replica in each (wrong replies, wrong votes, forged calls). Clients transfer
 * concurrently across the banks, some transfers overdrawing; then every honest replica of a bank
 * holds the same balances, money is conserved, and the history of transfers is atomic (all or
 * nothing across both banks) and serializable.
 */
class BankOverTcpTest {

    private static final int CLIENTS = 4;
    private static final int TRANSFERS_EACH = 6;

    @TempDir
    Path root;

    @Test
    void transfersAcrossTwoBanksAreAtomicSerializableAndConserveMoneyDespiteAByzantineReplicaInEachGroup() throws Exception {
        BankLayout layout = new BankLayout(root, 3, 1L << 40);
        layout.deal(4, 1, InetAddress.getLoopbackAddress(), LoopbackGroup.freeBasePort(BankLayout.ports(4)));
        TransactionHistory history = new TransactionHistory(layout.openingBalances());
        try (BankGroups groups = BankGroups.start(layout, 3, Duration.ofMillis(200))) {
            assertThat(groups.awaitRunning(Duration.ofSeconds(60))).as("every replica runs").isTrue();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<List<BankClient.Transfer>>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                done.add(clients.submit(() -> transfers(layout, client, history)));
            }
            int committed = 0;
            for (Future<List<BankClient.Transfer>> f : done) {
                for (BankClient.Transfer t : f.get()) {
                    committed += t.committed() ? 1 : 0;
                }
            }
            clients.shutdown();
            assertThat(committed).as("transfers committed").isGreaterThan(0);

            Map<String, Long> finalBalances = null;
            for (BankGroups.Site site : groups.sites()) {
                if (site.honest() && !site.accounts().isEmpty()) {
                    Map<String, Long> here = BankGroups.balances(site);
                    if (finalBalances == null) {
                        finalBalances = new java.util.TreeMap<>();
                    }
                    for (Map.Entry<String, Long> e : here.entrySet()) {
                        Long other = finalBalances.putIfAbsent(e.getKey(), e.getValue());
                        assertThat(other == null || other.equals(e.getValue())).as("honest replicas agree on %s", e.getKey()).isTrue();
                    }
                }
            }
            Conservation.check(layout.openingBalances(), finalBalances);
            Serializability.check(history, finalBalances);
            Atomicity.check(history, finalBalances);
            for (BankGroups.Site site : groups.sites()) {
                if (!site.honest()) {
                    assertThat(site.byzantine().attempts()).as("the corrupted replica of %s tried", site.group()).isPositive();
                }
            }
        }
    }

    /**
     * Multi-client transactions (3.3.3.1): a second client joins with the tid; a client that did
     * not join cannot act on it; the transaction commits only when both voted commit, and in
     * another any client's abort undoes both clients' work.
     */
    @Test
    void aJoinedClientActsOnTheTransactionBothMustVoteCommitAndEitherCanAbort() throws Exception {
        BankLayout layout = new BankLayout(root, 2, 1_000);
        layout.deal(4, 1, InetAddress.getLoopbackAddress(), LoopbackGroup.freeBasePort(BankLayout.ports(4)));
        try (BankGroups groups = BankGroups.start(layout, 3, Duration.ofMillis(200))) {
            assertThat(groups.awaitRunning(Duration.ofSeconds(60))).as("every replica runs").isTrue();
            ProxyOptions options = ProxyOptions.DEFAULT.withTimeout(Duration.ofSeconds(1));
            RetryPolicy impatient = new RetryPolicy(Duration.ofMillis(5), Duration.ofMillis(200), 40, Duration.ofSeconds(2));
            try (BankClient alice = new BankClient(layout, LinkKeyPair.generate(new SecureRandom()), options, impatient);
                 BankClient bob = new BankClient(layout, LinkKeyPair.generate(new SecureRandom()), options, RetryPolicy.DEFAULT);
                 BankClient mallory = new BankClient(layout, LinkKeyPair.generate(new SecureRandom()), options, RetryPolicy.DEFAULT)) {
                TransactionManager tm = alice.transactionManager();
                TransactionId tid = tm.begin();
                bob.transactionManager().join(tid);
                alice.bank(BankLayout.BANK_A).invoke(tid, "acct-0", "withdraw", "10");
                bob.bank(BankLayout.BANK_B).invoke(tid, "acct-0", "deposit", "10");
                assertThatThrownBy(() -> mallory.bank(BankLayout.BANK_A).invoke(tid, "acct-1", "deposit", "5"))
                        .isInstanceOf(TransactionRefusedException.class);
                assertThatThrownBy(() -> mallory.transactionManager().abort(tid)).isInstanceOf(TransactionRefusedException.class);
                assertThatThrownBy(() -> tm.commit(tid)).as("alice alone voted: the outcome waits for bob")
                        .isInstanceOf(OutcomeUnknownException.class);
                bob.transactionManager().commit(tid);
                assertThat(tm.status(tid)).isEqualTo(TransactionState.COMMITTED);

                TransactionId undone = tm.begin();
                bob.transactionManager().join(undone);
                alice.bank(BankLayout.BANK_A).invoke(undone, "acct-1", "withdraw", "500");
                bob.transactionManager().abort(undone);
                assertThatThrownBy(() -> tm.commit(undone)).isInstanceOf(TransactionRefusedException.class);
                assertThat(tm.status(undone)).isEqualTo(TransactionState.ABORTED);
            }
            for (BankGroups.Site site : groups.sites()) {
                if (site.honest() && site.group().equals(BankLayout.BANK_A)) {
                    assertThat(BankGroups.balances(site)).isEqualTo(Map.of("bank-a/acct-0", 990L, "bank-a/acct-1", 1_000L));
                }
            }
        }
    }

    /** Client {@code c}'s transfers: amounts are distinct powers of two, so that no balance repeats (the checker needs it). */
    private static List<BankClient.Transfer> transfers(BankLayout layout, int c, TransactionHistory history) {
        List<BankClient.Transfer> results = new ArrayList<>();
        ProxyOptions options = ProxyOptions.DEFAULT.withTimeout(Duration.ofSeconds(1));
        try (BankClient client = new BankClient(layout, LinkKeyPair.generate(new SecureRandom()), options, RetryPolicy.DEFAULT)) {
            for (int k = 0; k < TRANSFERS_EACH; k++) {
                int bit = c * TRANSFERS_EACH + k;
                boolean aToB = (k + c) % 2 == 0;
                // every fifth transfer asks for more than any balance holds: it must abort everywhere
                long amount = k % 5 == 4 ? (1L << 42) + (1L << bit) : 1L << bit;
                String from = "acct-" + (k % 3);
                String to = "acct-" + ((k + c) % 3);
                results.add(client.transfer(aToB ? BankLayout.BANK_A : BankLayout.BANK_B, from,
                        aToB ? BankLayout.BANK_B : BankLayout.BANK_A, to, amount, recorder(history)));
            }
        }
        return results;
    }

    private static BankClient.Observer recorder(TransactionHistory history) {
        return new BankClient.Observer() {
            @Override
            public void withdrew(String tid, String account, long before, long after) {
                history.read(tid, account, before);
                history.write(tid, account, after);
            }

            @Override
            public void deposited(String tid, String account, long before, long after) {
                history.read(tid, account, before);
                history.write(tid, account, after);
            }

            @Override
            public void ended(String tid, boolean committed) {
                history.end(tid, committed ? TransactionHistory.Outcome.COMMITTED : TransactionHistory.Outcome.ABORTED);
            }

            @Override
            public void unknown(String tid) {
                history.end(tid, TransactionHistory.Outcome.UNKNOWN);
            }
        };
    }
}
