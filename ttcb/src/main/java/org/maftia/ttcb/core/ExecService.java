package org.maftia.ttcb.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.maftia.ttcb.Ttcb.ExecResult;
import org.maftia.ttcb.TtcbError;
import org.maftia.ttcb.core.FunctionLibrary.TtcbFunction;

/**
 * Trusted timely execution (spec 2.2.4.3, property TTE): f runs inside the TTCB, not before
 * start_ev + delay, and ends by start_ev + t_exec. The TTCB has one execution resource; functions
 * run to completion (non-preemptive) in earliest-deadline-first order, each reserving its WCET.
 * The schedulability analysis simulates exactly that dispatcher over every admitted job plus the
 * new one, and refuses (UNSCHEDULABLE) a job that would make any admitted deadline miss.
 */
final class ExecService {

    private static final int MAX_JOBS = 1024;

    private static final class Job {
        final TtcbFunction f;
        final byte[] argument;
        final long release;
        final long deadline;
        final CompletableFuture<ExecResult> result = new CompletableFuture<>();

        Job(TtcbFunction f, byte[] argument, long release, long deadline) {
            this.f = f;
            this.argument = argument;
            this.release = release;
            this.deadline = deadline;
        }
    }

    private final FunctionLibrary library;
    private final SyncClock clock;
    private final TtcbScheduler scheduler;
    private final Counters counters;
    private final List<Job> admitted = new ArrayList<>();
    private long busyUntil = Long.MIN_VALUE;

    ExecService(FunctionLibrary library, SyncClock clock, TtcbScheduler scheduler, Counters counters) {
        this.library = library;
        this.clock = clock;
        this.scheduler = scheduler;
        this.counters = counters;
    }

    CompletableFuture<ExecResult> exec(long startEv, long delay, long tExec, String name, byte[] argument) {
        var f = library.find(name);
        if (f.isEmpty()) {
            return CompletableFuture.completedFuture(new ExecResult(TtcbError.UNKNOWN_FUNCTION, 0, new byte[0]));
        }
        if (delay < 0 || tExec < delay) {
            return CompletableFuture.completedFuture(new ExecResult(TtcbError.BAD_REQUEST, 0, new byte[0]));
        }
        if (admitted.size() >= MAX_JOBS) {
            return CompletableFuture.completedFuture(new ExecResult(TtcbError.RESOURCES, 0, new byte[0]));
        }
        Job job = new Job(f.get(), argument.clone(), startEv + delay, startEv + tExec);
        List<Job> candidate = new ArrayList<>(admitted);
        candidate.add(job);
        if (!schedulable(candidate, clock.now())) {
            return CompletableFuture.completedFuture(new ExecResult(TtcbError.UNSCHEDULABLE, 0, new byte[0]));
        }
        admitted.add(job);
        scheduler.schedule(clock.delayUntil(job.release), this::dispatch);
        return job.result;
    }

    /** Simulates the non-preemptive EDF dispatcher from {@code now}; true when every job meets its deadline. */
    private boolean schedulable(List<Job> jobs, long now) {
        List<Job> pending = new ArrayList<>(jobs);
        long t = Math.max(now, busyUntil);
        while (!pending.isEmpty()) {
            final long at = t;
            Job next = pending.stream().filter(j -> j.release <= at).min(Comparator.comparingLong(j -> j.deadline)).orElse(null);
            if (next == null) {
                t = pending.stream().mapToLong(j -> j.release).min().orElseThrow();
                continue;
            }
            t += next.f.wcetNanos();
            if (t > next.deadline) {
                return false;
            }
            pending.remove(next);
        }
        return true;
    }

    /** Runs the released job with the earliest deadline, if the resource is free; else comes back when it is. */
    private void dispatch() {
        long now = clock.now();
        if (busyUntil > now) {
            scheduler.schedule(clock.delayUntil(busyUntil), this::dispatch);
            return;
        }
        Job next = admitted.stream().filter(j -> j.release <= now).min(Comparator.comparingLong(j -> j.deadline)).orElse(null);
        if (next == null) {
            return;
        }
        admitted.remove(next);
        long startHw = clock.hardwareNow();
        byte[] output = next.f.body().apply(next.argument);
        long ran = clock.hardwareNow() - startHw;
        if (ran > next.f.wcetNanos()) {
            counters.wcetOverruns.incrementAndGet();
        }
        busyUntil = now + next.f.wcetNanos();
        long endEv = clock.now();
        if (endEv > next.deadline) {
            counters.execLate.incrementAndGet();
        }
        next.result.complete(new ExecResult(TtcbError.OK, endEv, output));
        if (admitted.stream().anyMatch(j -> j.release <= busyUntil)) {
            scheduler.schedule(clock.delayUntil(busyUntil), this::dispatch);
        }
    }
}
