package org.maftia.bench.service;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.maftia.bench.harness.OptionValues;

/**
 * What {@code maftia bench service} runs: every (request size, client threads) pair, each warmed
 * up then measured, against sites that reply with {@code replyBytes}; before the first, the
 * group runs {@code groupWarmup} unmeasured, so the JIT compilers of five fresh JVMs sharing the
 * machine are done before any case is measured.
 */
record BenchOptions(List<Integer> threads, List<Integer> sizes, Duration groupWarmup, Duration warmup, Duration duration,
                    int replyBytes, Path out, List<String> siteJavaOptions) {

    static final String USAGE = """
            usage: bin/maftia bench service [options]
              4 site processes (n = 4, t = 1) on loopback, each a JVM with -Xmx512m hosting a service that
              answers every ordered request with --reply-size bytes; this JVM runs N closed-loop clients,
              each with its own client key. Per (size, N): ordered calls/s and p50/p99 client latency.
              --threads LIST       client threads per case (default 1,10,50,200)
              --sizes LIST         request sizes in bytes (default 0,1024)
              --group-warmup TIME  unmeasured load before the first case, with the most threads and
                                   the first size, while the JVMs compile (default 30s; 0s: none)
              --warmup TIME        warm-up per case, e.g. 5s, 500ms (default 5s)
              --duration TIME      measured time per case (default 10s)
              --reply-size BYTES   size of every reply (default 0)
              --out FILE           the CSV written at the end (default bench-service-<timestamp>.csv)
              --site-java-opts S   extra JVM options of the site processes, space-separated
                                   (e.g. "-XX:StartFlightRecording=filename=site.jfr")
            """;

    private static final List<String> SITE_JVM = List.of("-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch",
            "--enable-native-access=ALL-UNNAMED");

    static BenchOptions parse(String[] args) {
        List<Integer> threads = List.of(1, 10, 50, 200);
        List<Integer> sizes = List.of(0, 1024);
        Duration groupWarmup = Duration.ofSeconds(30);
        Duration warmup = Duration.ofSeconds(5);
        Duration duration = Duration.ofSeconds(10);
        int reply = 0;
        Path out = Path.of("bench-service-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".csv");
        List<String> siteJava = new ArrayList<>(SITE_JVM);
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 == args.length) {
                throw new IllegalArgumentException(option + ": unknown option or missing value");
            }
            String value = args[++i];
            switch (option) {
                case "--threads" -> threads = OptionValues.numbers(option, value, 1);
                case "--sizes" -> sizes = OptionValues.numbers(option, value, 0);
                case "--group-warmup" -> groupWarmup = OptionValues.duration(option, value, false);
                case "--warmup" -> warmup = OptionValues.duration(option, value, false);
                case "--duration" -> duration = OptionValues.duration(option, value, true);
                case "--reply-size" -> reply = OptionValues.number(option, value, 0);
                case "--out" -> out = Path.of(value);
                case "--site-java-opts" -> siteJava.addAll(Arrays.asList(value.strip().split("\\s+")));
                default -> throw new IllegalArgumentException(option + ": unknown option");
            }
        }
        return new BenchOptions(threads, sizes, groupWarmup, warmup, duration, reply, out, List.copyOf(siteJava));
    }
}
