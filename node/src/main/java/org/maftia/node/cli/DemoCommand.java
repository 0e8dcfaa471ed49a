package org.maftia.node.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.maftia.net.link.LinkMode;
import org.maftia.node.demo.AtomicStreamDemo;
import org.maftia.node.demo.GroupDemo;
import org.maftia.node.demo.LoadSettings;
import org.maftia.node.demo.LoopbackDemo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {
            "Run the demo: a group of 4 sites in this process, keys from the dealer, TCP on loopback",
            "through authenticated links; site 3 is Byzantine. The honest sites exchange an atomic",
            "broadcast stream (Protocol 7) and the demo shows they deliver the same payloads in the",
            "same order, whatever site 3 tries, then close the stream.",
            "With --reliable: the honest sites reliably broadcast (Protocol 5) and site 3 equivocates.",
            "With --kernel: one Appia channel (load generator, sequencing, CRC-32C, a bounce layer)",
            "showing how a message flows through a stack, and the rate."
        })
final class DemoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--kernel", description = "Run the single-channel Appia kernel demo instead.")
    private boolean kernel;

    @Option(names = "--reliable", description = "Run the reliable broadcast demo instead.")
    private boolean reliable;

    @Option(names = "--payloads", paramLabel = "N", defaultValue = "500",
            description = "Payloads per honest site on the atomic broadcast stream (default: ${DEFAULT-VALUE}).")
    private int payloads;

    @Option(names = "--payload-size", paramLabel = "BYTES", defaultValue = "100",
            description = "Bytes per payload on the atomic broadcast stream, 16 to 1 MiB (default: ${DEFAULT-VALUE}).")
    private int payloadSize;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "64",
            description = "Atomic broadcast: payloads per queue message at most (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--broadcasts", paramLabel = "N", defaultValue = "50",
            description = "Reliable broadcasts per site with --reliable (default: ${DEFAULT-VALUE}).")
    private int broadcasts;

    @Option(names = "--link-mode", paramLabel = "MODE", defaultValue = "AEAD",
            description = "Authenticated links: MAC or AEAD (default: ${DEFAULT-VALUE}).")
    private LinkMode linkMode;

    @Option(names = "--messages", paramLabel = "N", defaultValue = "1000000",
            description = "Kernel demo: messages to send (default: ${DEFAULT-VALUE}).")
    private long messages;

    @Option(names = "--size", paramLabel = "BYTES", defaultValue = "1024",
            description = "Kernel demo: payload bytes per message, 8 to 16 MiB (default: ${DEFAULT-VALUE}).")
    private int size;

    @Option(names = "--window", paramLabel = "N", defaultValue = "64",
            description = "Kernel demo: messages in flight at most (default: ${DEFAULT-VALUE}).")
    private int window;

    @Option(names = "--progress", paramLabel = "MS", defaultValue = "250",
            description = "Milliseconds between progress lines, from a periodic Appia timer (default: ${DEFAULT-VALUE}).")
    private long progressMillis;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "Give up after this many seconds (default: ${DEFAULT-VALUE}).")
    private long timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (reliable) {
            GroupDemo demo;
            try {
                demo = new GroupDemo(broadcasts, linkMode, out);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            return verdict(demo.run(Duration.ofSeconds(timeoutSeconds)), out);
        }
        if (!kernel) {
            AtomicStreamDemo demo;
            try {
                demo = new AtomicStreamDemo(payloads, payloadSize, batch, linkMode, out);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            return verdict(demo.run(Duration.ofSeconds(timeoutSeconds)), out);
        }
        LoadSettings settings;
        try {
            settings = new LoadSettings(messages, size, window, progressMillis);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        boolean ok = new LoopbackDemo(settings, out).run(Duration.ofSeconds(timeoutSeconds));
        out.println(ok ? "OK: every message came back intact and in order." : "FAILED: see the counts above.");
        out.flush();
        return ok ? 0 : 1;
    }

    private static int verdict(boolean ok, PrintWriter out) {
        out.println(ok ? "OK" : "FAILED");
        out.flush();
        return ok ? 0 : 1;
    }
}
