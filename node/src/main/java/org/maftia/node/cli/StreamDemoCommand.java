package org.maftia.node.cli;

import java.util.concurrent.Callable;
import org.maftia.node.demo.AtomicStreamDemo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = StreamDemoCommand.NAME, mixinStandardHelpOptions = true,
        description = {
            "An atomic broadcast stream among 4 sites, one Byzantine.",
            "A group of 4 sites in this process, keys from the dealer, TCP on loopback",
            "through authenticated links; site 3 is Byzantine. The honest sites exchange",
            "an atomic broadcast stream (Protocol 7) and the demo shows they deliver the",
            "same payloads in the same order, whatever site 3 tries, then close it."
        })
final class StreamDemoCommand implements Callable<Integer> {

    static final String NAME = "stream";

    @Spec
    private CommandSpec spec;

    @Option(names = "--payloads", paramLabel = "N", defaultValue = "500",
            description = "Payloads per honest site (default: ${DEFAULT-VALUE}).")
    private int payloads;

    @Option(names = {"--size", "--payload-size"}, paramLabel = "BYTES", defaultValue = "100",
            description = {"Bytes per payload, 16 to 1 MiB (default: ${DEFAULT-VALUE}). Each honest site keeps",
                "at most 4 MiB of payloads in flight, so memory does not grow with --payloads."})
    private int size;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "64",
            description = "Payloads per queue message at most (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Mixin
    private DemoOptions.Links links;

    @Mixin
    private DemoOptions.Timeout timeout;

    @Override
    public Integer call() throws Exception {
        return DemoCommand.run(spec, () -> new AtomicStreamDemo(payloads, size, batch, links.mode(), spec.commandLine().getOut()),
                timeout.duration());
    }
}
