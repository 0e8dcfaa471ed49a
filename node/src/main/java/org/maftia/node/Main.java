package org.maftia.node;

import org.maftia.node.cli.MaftiaCommand;
import picocli.CommandLine;

/** Entry point of the {@code maftia} command line. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(MaftiaCommand.commandLine().execute(args));
    }
}
