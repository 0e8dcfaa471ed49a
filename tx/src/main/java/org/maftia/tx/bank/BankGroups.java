package org.maftia.tx.bank;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.maftia.net.client.ClientId;
import org.maftia.net.group.GroupConfig;
import org.maftia.replication.CallerGroup;
import org.maftia.replication.ReplicaOptions;
import org.maftia.tx.ClientOrder;
import org.maftia.tx.manager.TmSettings;
import org.maftia.tx.manager.TransactionManagerService;
import org.maftia.tx.resource.Account;
import org.maftia.tx.resource.ResourceManagerService;
import org.maftia.tx.resource.RmSettings;
import org.maftia.tx.site.Tamper;
import org.maftia.tx.site.TxReplica;

/**
 * The bank's sites running in this process, each with its own protocol thread and TCP links: the
 * transaction manager group and the two bank groups of a {@link BankLayout}, optionally with one
 * corrupted replica per group ({@link ByzantineReplica}).
 */
public final class BankGroups implements AutoCloseable {

    /** One site: its group, id, replica, accounts (for a bank), and its corruption if any. */
    public record Site(String group, int id, TxReplica replica, Map<String, Account> accounts, ByzantineReplica byzantine) {

        public boolean honest() {
            return byzantine == null;
        }
    }

    private final List<Site> sites;

    private BankGroups(List<Site> sites) {
        this.sites = sites;
    }

    /**
     * Starts every site of {@code layout}; site {@code corrupted} of each group (or none, if
     * negative) is a {@link ByzantineReplica}. The groups' clocks tick every {@code tick}.
     */
    public static BankGroups start(BankLayout layout, int corrupted, Duration tick) {
        List<Site> sites = new ArrayList<>();
        try {
            for (String group : BankLayout.groups()) {
                GroupConfig config = layout.config(group);
                for (int id = 0; id < config.n(); id++) {
                    sites.add(startSite(layout, group, id, id == corrupted ? new ByzantineReplica() : null, tick));
                }
            }
        } catch (RuntimeException e) {
            sites.forEach(s -> s.replica().close());
            throw e;
        }
        return new BankGroups(sites);
    }

    /** Starts site {@code id} of {@code group}: honest if {@code byzantine} is null. */
    public static Site startSite(BankLayout layout, String group, int id, ByzantineReplica byzantine, Duration tick) {
        GroupConfig tm = layout.config(BankLayout.TM);
        Tamper tamper = byzantine == null ? Tamper.NONE : byzantine;
        ReplicaOptions options = ReplicaOptions.DEFAULT.withCheckpointEvery(500);
        if (group.equals(BankLayout.TM)) {
            Map<ClientId, String> managers = new TreeMap<>(ClientOrder.ORDER);
            Map<String, GroupConfig> callees = new LinkedHashMap<>();
            List<CallerGroup> callers = new ArrayList<>();
            for (String bank : BankLayout.BANKS) {
                GroupConfig config = layout.config(bank);
                managers.put(CallerGroup.of(config).id(), bank);
                callees.put(bank, config);
                callers.add(CallerGroup.of(config));
            }
            TransactionManagerService service = new TransactionManagerService(
                    TmSettings.of(layout.tidSeed(id), CallerGroup.members(tm), tm.t(), managers));
            TxReplica replica = TxReplica.start(layout.root().resolve(group), id, service, service.outcalls(), callers, callees,
                    options, tick, tamper);
            return new Site(group, id, replica, Map.of(), byzantine);
        }
        GroupConfig own = layout.config(group);
        Map<String, Account> accounts = new TreeMap<>();
        layout.accounts().forEach(a -> accounts.put(a, new Account(layout.openingBalance())));
        ResourceManagerService service = new ResourceManagerService(
                RmSettings.of(CallerGroup.of(tm).id(), BankLayout.TM, CallerGroup.members(own), own.t()), accounts);
        TxReplica replica = TxReplica.start(layout.root().resolve(group), id, service, service.outcalls(),
                List.of(CallerGroup.of(tm)), Map.of(BankLayout.TM, tm), options, tick, tamper);
        return new Site(group, id, replica, accounts, byzantine);
    }

    public List<Site> sites() {
        return List.copyOf(sites);
    }

    /** Waits until every replica runs, at most {@code timeout} each; false if one did not. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        for (Site s : sites) {
            if (!s.replica().served().replica().awaitRunning(timeout)) {
                return false;
            }
        }
        return true;
    }

    /** The committed balances at a bank site, by {@code bank/account}, read on its protocol thread. */
    public static Map<String, Long> balances(Site site) {
        Map<String, Long> balances = new TreeMap<>();
        CompletableFuture<Void> read = site.replica().served().site().onProtocolThread(
                () -> site.accounts().forEach((name, account) -> balances.put(site.group() + "/" + name, account.balance())));
        read.join();
        return balances;
    }

    @Override
    public void close() {
        sites.forEach(s -> s.replica().close());
    }
}
