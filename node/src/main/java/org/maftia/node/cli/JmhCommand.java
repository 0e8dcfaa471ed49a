package org.maftia.node.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code maftia jmh}: carried out by {@code bin/maftia} (see {@link SourceTree}); documented here. */
@Command(name = "jmh", mixinStandardHelpOptions = true,
        description = {
            "Run the JMH micro-benchmarks of the bench module: bin/maftia builds the",
            "benchmark jar when a source changed and runs it with the JDK it found.",
            "Arguments go to JMH, e.g. 'Stack' (only the Appia stack benchmark), or",
            "-f 1 -wi 3 -i 5. Run from the jar, this command hands over to bin/maftia."
        })
final class JmhCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Unmatched
    private List<String> jmhArgs = new ArrayList<>();

    @Override
    public Integer call() {
        return SourceTree.runScript(spec, jmhArgs);
    }
}
