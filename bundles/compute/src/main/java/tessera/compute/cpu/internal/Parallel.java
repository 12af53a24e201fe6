package tessera.compute.cpu.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import tessera.compute.ComputeException;

/**
 * Low-latency worker threads for kernels (threads - 1 daemons plus the caller). A job's tasks are
 * taken from a shared counter, so a thread slowed by other work on a shared machine simply takes
 * fewer. Idle workers spin for {@link #SPIN_NANOS} before parking, because models launch many
 * short kernels back to back and waking a parked thread can cost a scheduler tick on a busy
 * machine (#4: GEMM medians moved from 130 to 160 GFLOP/s on two cores). Nested calls, and calls
 * that arrive while another thread's job is running, run inline on the caller.
 */
final class Parallel implements AutoCloseable {
    static final long SPIN_NANOS = 50_000;
    private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> false);

    private final int threads;
    private final Worker[] workers;
    private final AtomicReference<Job> running = new AtomicReference<>();
    private volatile Job published;
    private volatile boolean closed;

    /** One forEach call. */
    private static final class Job {
        final IntConsumer body;
        final int tasks;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        volatile Throwable failure;

        Job(IntConsumer body, int tasks) {
            this.body = body;
            this.tasks = tasks;
        }

        void work() {
            for (int i; (i = next.getAndIncrement()) < tasks;) {
                try {
                    if (failure == null) {
                        body.accept(i);
                    }
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    done.incrementAndGet();
                }
            }
        }
    }

    private final class Worker extends Thread {
        volatile boolean parked;

        Worker(int i) {
            super("tessera-cpu-" + i);
            setDaemon(true);
        }

        @Override
        public void run() {
            INSIDE.set(true);
            Job seen = null;
            while (!closed) {
                Job j = published;
                if (j != null && j != seen) {
                    seen = j;
                    j.work();
                    continue;
                }
                long spinUntil = System.nanoTime() + SPIN_NANOS;
                while (idle(seen) && System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                }
                if (idle(seen)) {
                    parked = true;
                    if (idle(seen)) {
                        LockSupport.park(this);
                    }
                    parked = false;
                }
            }
        }
    }

    /** No new job since {@code seen} (and not closing). */
    private boolean idle(Job seen) {
        Job j = published;
        return (j == null || j == seen) && !closed;
    }

    Parallel(int threads) {
        this.threads = Math.max(1, threads);
        this.workers = new Worker[this.threads - 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker(i + 1);
            workers[i].start();
        }
    }

    int threads() {
        return threads;
    }

    /** Runs body(0..tasks-1), spread over the threads; returns when all are done. */
    void forEach(int tasks, IntConsumer body) {
        if (tasks <= 0) {
            return;
        }
        Job job = new Job(body, tasks);
        if (tasks == 1 || workers.length == 0 || INSIDE.get() || !running.compareAndSet(null, job)) {
            runInline(job);
            return;
        }
        try {
            published = job;
            for (Worker w : workers) {
                if (w.parked) {
                    LockSupport.unpark(w);
                }
            }
            INSIDE.set(true);
            try {
                job.work();
            } finally {
                INSIDE.set(false);
            }
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (job.done.get() < tasks) {
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
        } finally {
            published = null;
            running.set(null);
        }
        rethrow(job);
    }

    private static void runInline(Job job) {
        boolean was = INSIDE.get();
        INSIDE.set(true);
        try {
            job.work();
        } finally {
            INSIDE.set(was);
        }
        rethrow(job);
    }

    private static void rethrow(Job job) {
        Throwable t = job.failure;
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new ComputeException("CPU kernel task failed", t);
        }
    }

    /** Splits [0, n) into at most threads chunks of at least minChunk, runs body(lo, hi) on each. */
    void forRange(int n, int minChunk, RangeBody body) {
        int chunks = Math.max(1, Math.min(threads, n / Math.max(1, minChunk)));
        if (chunks == 1) {
            body.run(0, n);
            return;
        }
        forEach(chunks, c -> body.run((int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks)));
    }

    @FunctionalInterface
    interface RangeBody {
        void run(int lo, int hi);
    }

    @Override
    public void close() {
        closed = true;
        for (Worker w : workers) {
            LockSupport.unpark(w);
        }
    }
}
