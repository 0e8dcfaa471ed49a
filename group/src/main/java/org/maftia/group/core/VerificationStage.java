package org.maftia.group.core;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where a site decodes incoming messages and runs their expensive checks (signature, coin and
 * decryption shares, justifications) before the protocol thread handles them
 * (docs/architecture.md, "Threads"): a small pool shared by the sites of a JVM, or inline on the
 * protocol thread, which keeps a simulation deterministic.
 */
public final class VerificationStage {

    /** The checks run on the protocol thread just before the message is handled (simulation). */
    public static final VerificationStage INLINE = new VerificationStage(null);

    private static final class SharedPool {
        static final ExecutorService POOL = newPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    private final Executor executor;

    private VerificationStage(Executor executor) {
        this.executor = executor;
    }

    /** The JVM's verification pool: one thread per core (at least two), daemon threads. */
    public static VerificationStage shared() {
        return new VerificationStage(SharedPool.POOL);
    }

    /** A stage on {@code executor}, e.g. for a deployment that sizes its own pool. */
    public static VerificationStage on(Executor executor) {
        if (executor == null) {
            throw new IllegalArgumentException("a verification stage needs an executor; use INLINE for none");
        }
        return new VerificationStage(executor);
    }

    boolean inline() {
        return executor == null;
    }

    void execute(Runnable checks) {
        executor.execute(checks);
    }

    private static ExecutorService newPool(int threads) {
        AtomicInteger number = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "maftia-verify-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
