package org.maftia.node.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How the command line reports a mistake: one line on stderr, {@code maftia <command>: <what>},
 * naming the option, the bad value and the fix, and exit code 2; never the whole usage. An option
 * given to the wrong (sub)command is pointed to the commands that take it.
 */
final class OneLineErrors implements CommandLine.IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + explain(e, command));
        command.getErr().flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static String explain(ParameterException e, CommandLine command) {
        if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            return unmatched(command, u.getUnmatched());
        }
        ArgSpec arg = e.getArgSpec();
        if (arg instanceof OptionSpec option && option.defaultValue() != null) {
            return e.getMessage() + "; for example " + option.longestName() + " " + option.defaultValue() + " (the default)";
        }
        if (arg != null || e instanceof MissingParameterException) {
            return e.getMessage() + "; see " + help(command);
        }
        // Thrown by a command on a value it refused: the message names the option, the value and the bound.
        return e.getMessage();
    }

    private static String unmatched(CommandLine command, List<String> tokens) {
        String first = tokens.getFirst();
        if (!first.startsWith("-")) {
            if (!command.getSubcommands().isEmpty()) {
                return "'" + first + "' is not a subcommand of '" + command.getCommandSpec().qualifiedName() + "'; choose "
                        + String.join(", ", command.getSubcommands().keySet()) + " (see " + help(command) + ")";
            }
            return "unexpected argument '" + first + "'; see " + help(command);
        }
        int equals = first.indexOf('=');
        String name = equals < 0 ? first : first.substring(0, equals);
        String value = equals >= 0 ? first.substring(equals + 1)
                : tokens.size() > 1 && !tokens.get(1).startsWith("-") ? tokens.get(1) : null;
        List<CommandLine> owners = new ArrayList<>();
        collectOwners(root(command), name, owners);
        if (owners.isEmpty()) {
            return "unknown option " + name + suggestion(command, name) + "; see " + help(command);
        }
        String where = owners.stream().map(c -> "'" + c.getCommandSpec().qualifiedName() + "'").collect(Collectors.joining(" or "));
        return name + " is an option of " + where + ", not of '" + command.getCommandSpec().qualifiedName() + "': bin/"
                + owners.getFirst().getCommandSpec().qualifiedName() + " " + name + (value == null ? "" : " " + value);
    }

    /**
     * The option meant, for a misspelt one: among the command's own options, else among its
     * subcommands' (named with the subcommand), those within two edits or sharing a word of at
     * least four letters.
     */
    private static String suggestion(CommandLine command, String typed) {
        List<String> own = similar(command.getCommandSpec().options(), typed);
        if (!own.isEmpty()) {
            return " (did you mean " + String.join(" or ", own) + "?)";
        }
        List<String> deeper = new ArrayList<>();
        command.getSubcommands().values().stream().distinct().forEach(sub -> similar(sub.getCommandSpec().options(), typed)
                .forEach(o -> deeper.add("'" + sub.getCommandSpec().qualifiedName() + " " + o + "'")));
        return deeper.isEmpty() ? "" : " (did you mean " + String.join(" or ", deeper) + "?)";
    }

    private static List<String> similar(List<OptionSpec> options, String typed) {
        String word = typed.replaceFirst("^-+", "");
        List<String> found = new ArrayList<>();
        for (OptionSpec o : options) {
            for (String name : o.names()) {
                String other = name.replaceFirst("^-+", "");
                boolean sharesAWord = java.util.Arrays.stream(word.split("-")).anyMatch(w -> w.length() >= 4 && other.contains(w));
                if (!found.contains(name) && other.length() > 1 && (editDistance(word, other) <= 2 || sharesAWord)) {
                    found.add(name);
                }
            }
        }
        return found;
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static void collectOwners(CommandLine command, String option, List<CommandLine> owners) {
        if (command.getCommandSpec().findOption(option) != null) {
            owners.add(command);
        }
        command.getSubcommands().values().stream().distinct().forEach(sub -> collectOwners(sub, option, owners));
    }

    private static CommandLine root(CommandLine command) {
        CommandLine c = command;
        while (c.getParent() != null) {
            c = c.getParent();
        }
        return c;
    }

    private static String help(CommandLine command) {
        return "bin/" + command.getCommandSpec().qualifiedName() + " --help";
    }
}
