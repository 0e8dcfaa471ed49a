package org.maftia.node.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The source tree this build came from ({@code -Dmaftia.home}, set by {@code bin/maftia}), for the
 * subcommands that run Maven in it with the JDK running this JVM.
 */
final class SourceTree {

    private SourceTree() {
    }

    static int runMaven(CommandSpec spec, List<String> mavenArgs) {
        String home = System.getProperty("maftia.home");
        if (home == null || !Files.isRegularFile(Path.of(home, "pom.xml"))) {
            throw new ParameterException(spec.commandLine(), "'" + spec.name()
                    + "' needs the source tree: run it as bin/maftia " + spec.name() + " from a checkout");
        }
        List<String> command = new ArrayList<>(List.of("mvn", "-B"));
        command.addAll(mavenArgs);
        ProcessBuilder pb = new ProcessBuilder(command).directory(Path.of(home).toFile()).inheritIO();
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        try {
            return pb.start().waitFor();
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot run Maven (" + e.getMessage()
                    + "); install Maven 3.8+ (apt-get install maven)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }
}
