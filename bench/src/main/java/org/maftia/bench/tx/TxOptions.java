package org.maftia.bench.tx;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.maftia.bench.harness.OptionValues;

/**
 * What {@code maftia bench tx} runs: for each client count, that many closed-loop clients
 * transferring between {@code accounts} accounts of each bank, warmed up then measured; with
 * {@code byzantine}, one replica of every group is corrupted; the groups' clocks tick every {@code tick}.
 */
record TxOptions(List<Integer> clients, int accounts, Duration warmup, Duration duration, boolean byzantine, Duration tick,
                 Path out) {

    static final String USAGE = """
            usage: bin/maftia bench tx [options]
              The replicated bank (spec 3.3, 5.3.4) in this JVM: a transaction manager group and two bank
              groups of n = 4 sites (t = 1), each site with its own threads and TCP links on loopback. Per
              client count N: N closed-loop clients, each with its own key, transfer random amounts between
              random accounts of bank-a and bank-b (random direction). Committed and aborted transfers/s and
              p50/p99 latency (begin to commit) of the committed ones; money conservation checked at the end.
              --clients LIST     client counts, one case each (default 1,10,50)
              --accounts N       accounts per bank (default 64)
              --warmup TIME      warm-up per case, e.g. 5s, 500ms (default 5s)
              --duration TIME    measured time per case (default 15s)
              --byzantine        one corrupted replica in every group (default: all honest)
              --tick TIME        period of the groups' clocks, which bound how long a transaction stays
                                 open and holds locks (default 200ms)
              --out FILE         the CSV written at the end (default bench-tx-<timestamp>.csv)
            """;

    static TxOptions parse(String[] args) {
        List<Integer> clients = List.of(1, 10, 50);
        int accounts = 64;
        Duration warmup = Duration.ofSeconds(5);
        Duration duration = Duration.ofSeconds(15);
        boolean byzantine = false;
        Duration tick = Duration.ofMillis(200);
        Path out = Path.of("bench-tx-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".csv");
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--byzantine")) {
                byzantine = true;
                continue;
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException(option + ": unknown option or missing value");
            }
            String value = args[++i];
            switch (option) {
                case "--clients" -> clients = OptionValues.numbers(option, value, 1);
                case "--accounts" -> accounts = OptionValues.number(option, value, 1);
                case "--warmup" -> warmup = OptionValues.duration(option, value, false);
                case "--duration" -> duration = OptionValues.duration(option, value, true);
                case "--tick" -> tick = OptionValues.duration(option, value, true);
                case "--out" -> out = Path.of(value);
                default -> throw new IllegalArgumentException(option + ": unknown option");
            }
        }
        return new TxOptions(clients, accounts, warmup, duration, byzantine, tick, out);
    }
}
