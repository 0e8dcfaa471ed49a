package org.maftia.node.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

@Command(name = "jmh", mixinStandardHelpOptions = true,
        description = {
            "Run the JMH micro-benchmarks of the bench module.",
            "Arguments go to JMH, e.g. 'Stack' to run only the Appia stack benchmark, or -f 1 -wi 3 -i 5.",
            "bin/maftia jmh builds the benchmark jar and runs it directly."
        })
final class JmhCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Unmatched
    private List<String> jmhArgs = new ArrayList<>();

    @Override
    public Integer call() {
        int built = SourceTree.runMaven(spec, List.of("-q", "-DskipTests", "-pl", "bench", "-am", "package"));
        if (built != 0) {
            return built;
        }
        List<String> command = new ArrayList<>(List.of(
                System.getProperty("java.home") + "/bin/java", "-jar",
                System.getProperty("maftia.home") + "/bench/target/maftia-benchmarks.jar"));
        command.addAll(jmhArgs);
        try {
            return new ProcessBuilder(command).inheritIO().start().waitFor();
        } catch (java.io.IOException e) {
            throw new picocli.CommandLine.ExecutionException(spec.commandLine(), "cannot start JMH: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }
}
