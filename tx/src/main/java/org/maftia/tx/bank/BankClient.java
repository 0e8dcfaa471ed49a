package org.maftia.tx.bank;

import java.util.Map;
import org.maftia.net.link.LinkKeyPair;
import org.maftia.replication.ProxyOptions;
import org.maftia.tx.TransactionId;
import org.maftia.tx.client.OutcomeUnknownException;
import org.maftia.tx.client.RemoteResourceManager;
import org.maftia.tx.client.RemoteTransactionManager;
import org.maftia.tx.client.RetryPolicy;
import org.maftia.tx.client.TransactionAbortedException;
import org.maftia.tx.client.TransactionException;

/**
 * A client of the bank: transfers between accounts of the two banks as transactions (begin at the
 * transaction manager, withdraw at one bank, deposit at the other, commit), through the client API
 * of 3.3.4. One client makes one transfer at a time.
 */
public final class BankClient implements AutoCloseable {

    /** How a transfer ended; for a committed one, the balances its withdrawal and deposit left. */
    public record Transfer(String tid, boolean committed, String reason, long fromAfter, long toAfter) {
    }

    /** Where a transfer's steps are reported: the values each step read and wrote (for a history), and its outcome. */
    public interface Observer {
        default void withdrew(String tid, String account, long before, long after) {
        }

        default void deposited(String tid, String account, long before, long after) {
        }

        void ended(String tid, boolean committed);

        /** The commit's outcome could not be learnt in time: it may have committed or not. */
        default void unknown(String tid) {
        }
    }

    private final RemoteTransactionManager tm;
    private final Map<String, RemoteResourceManager> banks;

    public BankClient(BankLayout layout, LinkKeyPair keys, ProxyOptions options, RetryPolicy policy) {
        this.tm = RemoteTransactionManager.connect(layout.config(BankLayout.TM), keys, options, policy);
        this.banks = Map.of(
                BankLayout.BANK_A, RemoteResourceManager.connect(layout.config(BankLayout.BANK_A), keys, options, policy),
                BankLayout.BANK_B, RemoteResourceManager.connect(layout.config(BankLayout.BANK_B), keys, options, policy));
    }

    public RemoteTransactionManager transactionManager() {
        return tm;
    }

    public RemoteResourceManager bank(String name) {
        return banks.get(name);
    }

    /**
     * Moves {@code amount} from {@code fromBank/from} to {@code toBank/to} in one transaction. A
     * refused step (an overdraft, a lock held too long) aborts it; the answer says which.
     */
    public Transfer transfer(String fromBank, String from, String toBank, String to, long amount, Observer observer) {
        TransactionId tid = tm.begin();
        String id = tid.toString();
        try {
            long fromAfter = Long.parseLong(bank(fromBank).invoke(tid, from, "withdraw", Long.toString(amount)));
            observer.withdrew(id, fromBank + "/" + from, fromAfter + amount, fromAfter);
            long toAfter = Long.parseLong(bank(toBank).invoke(tid, to, "deposit", Long.toString(amount)));
            observer.deposited(id, toBank + "/" + to, toAfter - amount, toAfter);
            tm.commit(tid);
            observer.ended(id, true);
            return new Transfer(id, true, "committed", fromAfter, toAfter);
        } catch (OutcomeUnknownException e) {
            observer.unknown(id);
            return new Transfer(id, false, e.getMessage(), -1, -1);
        } catch (TransactionAbortedException e) {
            observer.ended(id, false);
            return new Transfer(id, false, e.getMessage(), -1, -1);
        } catch (TransactionException e) {
            abortQuietly(tid);
            observer.ended(id, false);
            return new Transfer(id, false, e.getMessage(), -1, -1);
        }
    }

    /** Aborts after a refused step; if even that fails, the groups' bounds abort it. */
    private void abortQuietly(TransactionId tid) {
        try {
            tm.abort(tid);
        } catch (TransactionException e) {
            // the transaction manager aborts it when it has been open openTicks ticks
        }
    }

    @Override
    public void close() {
        tm.close();
        banks.values().forEach(RemoteResourceManager::close);
    }
}
