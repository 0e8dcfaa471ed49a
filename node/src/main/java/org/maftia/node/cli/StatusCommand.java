package org.maftia.node.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.maftia.group.directory.GroupDirectory;
import org.maftia.net.group.ConfigException;
import org.maftia.net.group.GroupConfig;
import org.maftia.node.site.AdminSocket;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {
            "Show what a running site reports on its admin socket (DIR/site-I/admin.sock, its",
            "owner only): whether its replica runs, the round and requests executed, its",
            "checkpoint, and what it refused or dropped. Exits 1 if the site is not running."
        })
final class StatusCommand implements Callable<Integer> {

    /** A site answers at once; one that does not within this is reported as not answering. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

    /** The report's counter sections, in the order printed, with the name an operator reads. */
    private static final String[][] SECTIONS = {
        {"replica", "replica"}, {"clients", "client port"}, {"network", "site network"}, {"groupSession", "group session"}
    };

    @Spec
    private CommandSpec spec;

    @Option(names = "--group-dir", required = true, paramLabel = "DIR", description = "The group directory.")
    private Path groupDir;

    @Option(names = "--site", required = true, paramLabel = "I", description = "The site's id in the group: 0..n-1.")
    private int site;

    @Option(names = "--json", description = "Print the site's answer as it came: one line of JSON.")
    private boolean json;

    @Override
    public Integer call() throws JsonProcessingException {
        GroupDirectory directory = new GroupDirectory(groupDir);
        GroupConfig group;
        try {
            group = directory.group();
        } catch (ConfigException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (site < 0 || site >= group.n()) {
            throw new ParameterException(spec.commandLine(), "--site " + site + ": group '" + group.groupId() + "' has sites 0.."
                    + (group.n() - 1));
        }
        Path socket = directory.siteDirectory(site).resolve(AdminSocket.FILE_NAME);
        Optional<String> answer = AdminSocket.ask(socket, ANSWER_TIMEOUT);
        if (answer.isEmpty()) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": site " + site + " of group " + group.groupId()
                    + " is not running (no answer on " + socket + ")");
            spec.commandLine().getErr().flush();
            return 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(answer.get());
        } else {
            readable(new ObjectMapper().readTree(answer.get()), out);
        }
        out.flush();
        return 0;
    }

    private static void readable(JsonNode s, PrintWriter out) {
        out.printf("site %d of group %s, service %s: %s%n", s.path("site").asInt(), s.path("group").asText(),
                s.path("service").asText(), s.path("running").asBoolean() ? "running" : "not running (recovering or starting)");
        out.printf("  round %d, executed %d, last checkpoint after round %d%n", s.path("round").asLong(),
                s.path("executed").asLong(), s.path("checkpointRound").asLong());
        out.printf("  malformed client frames %d%n", s.path("malformedClientFrames").asLong());
        if (s.has("unanswered")) {
            out.printf("  %s%n", s.path("unanswered").asText());
        }
        for (String[] section : SECTIONS) {
            JsonNode counters = s.path(section[0]);
            if (counters.isObject()) {
                StringBuilder line = new StringBuilder("  " + section[1] + ":");
                counters.fields().forEachRemaining(f -> line.append(' ').append(f.getKey()).append(' ').append(f.getValue().asText()).append(','));
                line.setLength(line.length() - 1);
                out.println(line);
            }
        }
    }
}
