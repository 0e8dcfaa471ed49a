package org.maftia.node.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.maftia.net.group.ConfigException;
import org.maftia.node.site.SiteProcess;
import org.maftia.replication.ReplicatedService;
import org.maftia.replication.service.KeyValueStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "site", mixinStandardHelpOptions = true,
        description = {
            "Run one site of a group until stopped (SIGTERM or Ctrl-C, exit 0): it hosts a replica",
            "of a service (spec 5.3.3), orders the requests clients send it with the other sites,",
            "and answers clients on its clientAddress. Its status: bin/maftia status. Every site of",
            "the group runs the same service under the same id. Exits 2 on a mistake in the",
            "options or the group directory."
        })
final class SiteCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--group-dir", required = true, paramLabel = "DIR", description = "The group directory (bin/maftia keygen writes it).")
    private Path groupDir;

    @Option(names = "--site", required = true, paramLabel = "I", description = "This site's id in the group: 0..n-1.")
    private int site;

    @Option(names = "--service", paramLabel = "CLASS",
            description = {"The replicated service: a class implementing org.maftia.replication.ReplicatedService",
                "with a public no-argument constructor, on the class path (default: the built-in key-value",
                "store: put K V, get K, del K, add K N, size)."})
    private String service;

    @Option(names = "--service-id", defaultValue = "kv", paramLabel = "ID",
            description = "The service's id, the same at every site (default: ${DEFAULT-VALUE}).")
    private String serviceId;

    @Override
    public Integer call() throws InterruptedException {
        ReplicatedService replicated = service == null ? new KeyValueStore() : instantiate(service);
        SiteProcess process;
        try {
            process = SiteProcess.start(groupDir, site, serviceId, replicated);
        } catch (ConfigException | IllegalArgumentException | IllegalStateException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (UncheckedIOException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage() + "; is this site already running? (bin/maftia status"
                    + " --group-dir " + groupDir + " --site " + site + ")");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM and Ctrl-C: stop serving, close the site (its admin socket goes with it) and exit 0,
        // since being stopped is how a site ends. halt, not exit: we are in a shutdown hook already.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            process.close();
            stopped.countDown();
            spec.commandLine().getOut().flush();
            Runtime.getRuntime().halt(0);
        }, "site-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.println(process.describe());
        out.flush();
        stopped.await();
        return 0;
    }

    /** The service class the operator named, or a one-line refusal saying what is wrong with it. */
    private ReplicatedService instantiate(String className) {
        Class<?> type;
        try {
            type = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ParameterException(spec.commandLine(), "--service " + className + ": no such class on the class path;"
                    + " give its fully qualified name, with its jar on the class path: java -cp node/target/maftia-node.jar:SERVICE.jar"
                    + " org.maftia.node.Main site ...");
        }
        if (!ReplicatedService.class.isAssignableFrom(type)) {
            throw new ParameterException(spec.commandLine(), "--service " + className + ": does not implement "
                    + ReplicatedService.class.getName());
        }
        try {
            return (ReplicatedService) type.getConstructor().newInstance();
        } catch (NoSuchMethodException | IllegalAccessException | InstantiationException e) {
            throw new ParameterException(spec.commandLine(), "--service " + className
                    + ": needs a public no-argument constructor (and must be a public, concrete class)");
        } catch (InvocationTargetException e) {
            throw new ParameterException(spec.commandLine(), "--service " + className + ": its constructor failed: "
                    + e.getCause());
        }
    }
}
