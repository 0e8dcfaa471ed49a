package org.maftia.node.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.maftia.group.directory.GroupDirectory;
import org.maftia.net.group.ConfigException;
import org.maftia.net.group.GroupConfig;
import org.maftia.net.link.LinkKeyPair;
import org.maftia.replication.ProxyOptions;
import org.maftia.replication.RequestRefusedException;
import org.maftia.replication.ServiceProxy;
import org.maftia.replication.ServiceUnavailableException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "client", mixinStandardHelpOptions = true,
        description = {
            "Call a replicated service: each OP goes to the group in order and its reply, the one",
            "t+1 replicas gave alike, is printed on a line of its own. With the built-in key-value",
            "store: 'put K V', 'get K', 'del K', 'add K N', 'size' (quote each OP). Exits 1 when the",
            "group does not answer or refuses an OP (one line on stderr), 2 on a usage mistake."
        })
final class ClientCommand implements Callable<Integer> {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,7})(ms|s|m)");

    @Spec
    private CommandSpec spec;

    @Option(names = "--group-dir", required = true, paramLabel = "DIR", description = "The group directory (its group.yaml).")
    private Path groupDir;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Identity identity;

    static final class Identity {
        @Option(names = "--client", paramLabel = "NAME", description = "A client the dealer named: its key is in DIR/clients/NAME.")
        String client;

        @Option(names = "--key-dir", paramLabel = "KEYDIR", description = "The directory holding this client's link.key (owner only).")
        Path keyDir;
    }

    @Option(names = "--timeout", defaultValue = "2s", paramLabel = "TIME",
            description = "How long an OP may take at one site before it goes to the next, e.g. 500ms, 2s, 1m (default: ${DEFAULT-VALUE}).")
    private String timeout;

    @Option(names = "--read-only", description = "The OPs change nothing: answered unordered when enough replicas agree.")
    private boolean readOnly;

    @Parameters(arity = "1..*", paramLabel = "OP", description = "Operations, in order, e.g. 'put x 1' 'get x'.")
    private List<String> operations;

    @Override
    public Integer call() {
        ProxyOptions options = ProxyOptions.DEFAULT.withTimeout(duration(timeout));
        GroupDirectory directory = new GroupDirectory(groupDir);
        GroupConfig group;
        LinkKeyPair keys;
        ServiceProxy proxy;
        try {
            group = directory.group();
            keys = GroupDirectory.readClientKeys(identity.keyDir != null ? identity.keyDir : directory.clientDirectory(identity.client));
            proxy = ServiceProxy.connect(group, keys, options);
        } catch (ConfigException | IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        try (proxy) {
            for (String op : operations) {
                byte[] request = op.getBytes(StandardCharsets.UTF_8);
                byte[] reply;
                try {
                    reply = readOnly ? proxy.invokeReadOnly(request) : proxy.invokeOrdered(request);
                } catch (ServiceUnavailableException | RequestRefusedException e) {
                    out.flush();
                    spec.commandLine().getErr().println(spec.qualifiedName() + ": '" + op + "': " + e.getMessage());
                    spec.commandLine().getErr().flush();
                    return 1;
                }
                out.println(new String(reply, StandardCharsets.UTF_8));
                out.flush();
            }
        }
        return 0;
    }

    private Duration duration(String text) {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new ParameterException(spec.commandLine(), "--timeout '" + text + "': give a positive time with its unit,"
                    + " e.g. 500ms, 2s or 1m");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
    }
}
