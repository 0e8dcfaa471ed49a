package org.maftia.node.site;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/**
 * The site a process runs, in every line it logs: the logging pattern prints the context property
 * {@value #PROPERTY}, which a site process sets once at start. A property of the logging context
 * rather than the MDC, because the MDC is per thread and most of a site's lines come from threads
 * it does not create (the protocol thread, the network's I/O threads).
 */
public final class SiteLogging {

    /** The context property the logging pattern prints; "maftia" for commands that run no site. */
    public static final String PROPERTY = "maftia.process";

    private SiteLogging() {
    }

    /** Labels every later line of this process with {@code label}, e.g. {@code bank/2}. */
    public static void label(String label) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.putProperty(PROPERTY, label);
        }
    }
}
