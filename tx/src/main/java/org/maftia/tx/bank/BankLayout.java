package org.maftia.tx.bank;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.maftia.group.directory.Dealer;
import org.maftia.group.directory.GroupDirectory;
import org.maftia.net.group.GroupConfig;

/**
 * The replicated bank on disk: a transaction manager group ({@value #TM}) and two resource manager
 * groups ({@value #BANK_A}, {@value #BANK_B}), each a group directory under one root, and the
 * accounts each bank opens with. The transaction manager's sites each hold the group's tid seed.
 */
public record BankLayout(Path root, int accountsPerBank, long openingBalance) {

    public static final String TM = "tm";
    public static final String BANK_A = "bank-a";
    public static final String BANK_B = "bank-b";
    public static final List<String> BANKS = List.of(BANK_A, BANK_B);
    static final String TID_SEED = "tid.seed";

    public BankLayout {
        if (accountsPerBank < 1 || openingBalance < 0) {
            throw new IllegalArgumentException("a bank needs at least one account and a balance not negative");
        }
    }

    /**
     * Deals the three groups of {@code n} sites tolerating {@code t} on {@code host}, from
     * {@code basePort} on: {@link #ports} ports, each group its sites' then its client addresses.
     */
    public void deal(int n, int t, InetAddress host, int basePort) throws IOException {
        SecureRandom random = new SecureRandom();
        Dealer dealer = new Dealer(random);
        int port = basePort;
        for (String group : groups()) {
            dealer.deal(new Dealer.Plan(group, n, t, host, port, port + n, List.of(), "ed25519-quorum", "dh-coin-p256", "tdh2-p256"),
                    new GroupDirectory(root.resolve(group)), false);
            port += 2 * n;
        }
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        GroupDirectory tm = new GroupDirectory(root.resolve(TM));
        for (int i = 0; i < n; i++) {
            Path file = tm.siteDirectory(i).resolve(TID_SEED);
            Files.write(file, seed);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** The consecutive ports the groups of {@code n} sites take. */
    public static int ports(int n) {
        return groups().size() * 2 * n;
    }

    /** The groups, the transaction manager first. */
    public static List<String> groups() {
        return List.of(TM, BANK_A, BANK_B);
    }

    public GroupDirectory directory(String group) {
        return new GroupDirectory(root.resolve(group));
    }

    public GroupConfig config(String group) {
        return directory(group).group();
    }

    /** The transaction manager's tid seed, as site {@code id} holds it. */
    public byte[] tidSeed(int id) {
        try {
            return Files.readAllBytes(directory(TM).siteDirectory(id).resolve(TID_SEED));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tid seed of site " + id + " of " + TM + ": " + e.getMessage(), e);
        }
    }

    /** Account ids of a bank: {@code acct-0}, {@code acct-1}, ... */
    public List<String> accounts() {
        return java.util.stream.IntStream.range(0, accountsPerBank).mapToObj(k -> "acct-" + k).toList();
    }

    /** Every account's opening balance, by {@code bank/account}. */
    public Map<String, Long> openingBalances() {
        Map<String, Long> balances = new LinkedHashMap<>();
        for (String bank : BANKS) {
            accounts().forEach(a -> balances.put(bank + "/" + a, openingBalance));
        }
        return balances;
    }
}
