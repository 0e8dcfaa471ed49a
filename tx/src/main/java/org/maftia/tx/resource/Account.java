package org.maftia.tx.resource;

import java.util.List;
import org.maftia.tx.TransactionId;
import org.maftia.crypto.codec.ByteReader;
import org.maftia.crypto.codec.ByteWriter;
import org.maftia.tx.lock.LockMode;

/**
 * A bank account, the resource of the spec's transfer example: {@code balance} (read lock),
 * {@code deposit AMOUNT} and {@code withdraw AMOUNT} (write lock; amounts are non-negative
 * integers; a withdrawal beyond the balance is refused). The balance never goes negative.
 */
public final class Account implements Resource {

    private long balance;
    /** The balance a transaction is building, from {@link #save()} to commit or abort; -1 if none. */
    private long tentative = -1;

    public Account(long balance) {
        if (balance < 0) {
            throw new IllegalArgumentException("an account cannot open with a negative balance: " + balance);
        }
        this.balance = balance;
    }

    /** The committed balance. */
    public long balance() {
        return balance;
    }

    @Override
    public void save() {
        tentative = balance;
    }

    @Override
    public boolean prepare(TransactionId tid) {
        return tentative >= 0;
    }

    @Override
    public void commit(TransactionId tid) {
        if (tentative >= 0) {
            balance = tentative;
        }
        tentative = -1;
    }

    @Override
    public void abort(TransactionId tid) {
        tentative = -1;
    }

    @Override
    public LockMode lockFor(String method) throws ResourceRefusedException {
        return switch (method) {
            case "balance" -> LockMode.READ;
            case "deposit", "withdraw" -> LockMode.WRITE;
            default -> throw new ResourceRefusedException("an account has no method '" + method + "': use balance, deposit or withdraw");
        };
    }

    @Override
    public String invoke(String method, List<String> args) throws ResourceRefusedException {
        long current = tentative >= 0 ? tentative : balance;
        if (method.equals("balance")) {
            arguments(method, args, 0);
            return Long.toString(current);
        }
        arguments(method, args, 1);
        if (tentative < 0) {
            throw new IllegalStateException(method + " outside a saved state: the resource manager saves before a write");
        }
        long amount = amount(args.get(0));
        if (method.equals("deposit")) {
            if (amount > Long.MAX_VALUE - current) {
                throw new ResourceRefusedException("a deposit of " + amount + " would overflow the balance");
            }
            tentative = current + amount;
        } else {
            if (amount > current) {
                throw new ResourceRefusedException("withdrawing " + amount + " would overdraw a balance of " + current);
            }
            tentative = current - amount;
        }
        return Long.toString(tentative);
    }

    @Override
    public byte[] snapshot() {
        // No tentative balance is -1: a flag for it, since the codec's numbers are never negative.
        ByteWriter out = new ByteWriter().u64(balance).bool(tentative >= 0);
        return (tentative >= 0 ? out.u64(tentative) : out).toByteArray();
    }

    @Override
    public void restore(byte[] snapshot) {
        ByteReader in = new ByteReader(snapshot, "account");
        long restoredBalance = in.u64("balance");
        long restoredTentative = in.bool("has tentative") ? in.u64("tentative") : -1;
        in.end();
        balance = restoredBalance;
        tentative = restoredTentative;
    }

    private static void arguments(String method, List<String> args, int count) throws ResourceRefusedException {
        if (args.size() != count) {
            throw new ResourceRefusedException(method + " takes " + count + " argument(s), not " + args.size());
        }
    }

    private static long amount(String text) throws ResourceRefusedException {
        try {
            long amount = Long.parseLong(text);
            if (amount < 0) {
                throw new ResourceRefusedException("a negative amount " + amount);
            }
            return amount;
        } catch (NumberFormatException e) {
            throw new ResourceRefusedException("'" + text + "' is not an amount");
        }
    }
}
