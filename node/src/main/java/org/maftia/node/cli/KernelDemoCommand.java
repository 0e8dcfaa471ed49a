package org.maftia.node.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.maftia.node.demo.LoadSettings;
import org.maftia.node.demo.LoopbackDemo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "kernel", mixinStandardHelpOptions = true,
        description = {
            "One Appia channel: how a message flows through a stack, and the rate.",
            "A load generator, sequencing, CRC-32C and a bounce layer in one channel,",
            "in this process."
        })
final class KernelDemoCommand implements Callable<Integer> {

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

    @Mixin
    private DemoOptions.Timeout timeout;

    @Override
    public Integer call() throws Exception {
        LoadSettings settings;
        try {
            settings = new LoadSettings(messages, size, window, progressMillis);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        boolean ok = new LoopbackDemo(settings, out).run(timeout.duration());
        out.println(ok ? "OK: every message came back intact and in order." : "FAILED: see the counts above.");
        out.flush();
        return ok ? 0 : 1;
    }
}
