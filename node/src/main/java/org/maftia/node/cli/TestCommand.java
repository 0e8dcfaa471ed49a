package org.maftia.node.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code maftia test}: carried out by {@code bin/maftia} (see {@link SourceTree}); documented here. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {
            "Run the whole test suite (mvn verify) with the JDK bin/maftia found.",
            "Extra arguments go to Maven, e.g. -pl appia, -Dtest=ChannelTest, or",
            "-Dmaftia.seeds=10000 for a long soak of the simulation tests (default 200).",
            "bin/maftia runs it; run from the jar, this command hands over to bin/maftia."
        })
final class TestCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Unmatched
    private List<String> mavenArgs = new ArrayList<>();

    @Override
    public Integer call() {
        return SourceTree.runScript(spec, mavenArgs);
    }
}
