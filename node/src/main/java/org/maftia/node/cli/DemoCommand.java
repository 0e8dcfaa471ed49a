package org.maftia.node.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.maftia.node.demo.LoadSettings;
import org.maftia.node.demo.LoopbackDemo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {
            "Run the demo. For now: one Appia channel in this process, a load generator over",
            "sequencing and CRC-32C checksumming layers over a bottom layer that bounces every",
            "message back; it shows how a message flows through the stack and the rate."
        })
final class DemoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--messages", paramLabel = "N", defaultValue = "1000000",
            description = "Messages to send (default: ${DEFAULT-VALUE}).")
    private long messages;

    @Option(names = "--size", paramLabel = "BYTES", defaultValue = "1024",
            description = "Payload bytes per message, 8 to 16 MiB (default: ${DEFAULT-VALUE}).")
    private int size;

    @Option(names = "--window", paramLabel = "N", defaultValue = "64",
            description = "Messages in flight at most (default: ${DEFAULT-VALUE}).")
    private int window;

    @Option(names = "--progress", paramLabel = "MS", defaultValue = "250",
            description = "Milliseconds between progress lines, from a periodic Appia timer (default: ${DEFAULT-VALUE}).")
    private long progressMillis;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "Give up after this many seconds (default: ${DEFAULT-VALUE}).")
    private long timeoutSeconds;

    @Override
    public Integer call() throws InterruptedException {
        LoadSettings settings;
        try {
            settings = new LoadSettings(messages, size, window, progressMillis);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        boolean ok = new LoopbackDemo(settings, out).run(Duration.ofSeconds(timeoutSeconds));
        out.println(ok ? "OK: every message came back intact and in order." : "FAILED: see the counts above.");
        out.flush();
        return ok ? 0 : 1;
    }
}
