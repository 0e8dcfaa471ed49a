package org.maftia.node.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The source tree this build came from ({@code -Dmaftia.home}, set by {@code bin/maftia}), for
 * the subcommands that {@code bin/maftia} itself carries out ({@code test}, {@code jmh}): they
 * need Maven and the sources, not this jar, so the script is their one implementation and the
 * command here hands over to it.
 */
final class SourceTree {

    private SourceTree() {
    }

    /** Runs {@code bin/maftia <command> args} in the source tree, with this JVM as its JDK; returns its exit code. */
    static int runScript(CommandSpec spec, List<String> args) {
        String home = System.getProperty("maftia.home");
        Path script = home == null ? null : Path.of(home, "bin", "maftia");
        if (script == null || !Files.isRegularFile(Path.of(home, "pom.xml")) || !Files.isExecutable(script)) {
            throw new ParameterException(spec.commandLine(), "'" + spec.name()
                    + "' needs the source tree: run it as bin/maftia " + spec.name() + " from a checkout");
        }
        List<String> command = new ArrayList<>(List.of(script.toString(), spec.name()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(Path.of(home).toFile()).inheritIO();
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        try {
            return pb.start().waitFor();
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot run " + script + " (" + e.getMessage()
                    + "); run bin/maftia " + spec.name() + " from a shell");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }
}
