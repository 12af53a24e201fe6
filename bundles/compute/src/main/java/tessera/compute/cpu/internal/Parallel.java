package tessera.compute.cpu.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import tessera.compute.ComputeException;

/**
 * A fixed set of worker threads (threads - 1 daemons plus the caller) that run numbered tasks.
 * Calls from inside a task run inline, so nested kernels never deadlock or oversubscribe.
 */
final class Parallel implements AutoCloseable {
    private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> false);

    private final int threads;
    private final ExecutorService workers;

    Parallel(int threads) {
        this.threads = Math.max(1, threads);
        AtomicInteger n = new AtomicInteger();
        this.workers = this.threads == 1 ? null : Executors.newFixedThreadPool(this.threads - 1, r -> {
            Thread t = new Thread(r, "tessera-cpu-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    int threads() {
        return threads;
    }

    /** Runs body(0..tasks-1), spread over the threads; returns when all are done. */
    void forEach(int tasks, IntConsumer body) {
        if (tasks <= 0) {
            return;
        }
        if (tasks == 1 || workers == null || INSIDE.get()) {
            for (int i = 0; i < tasks; i++) {
                body.accept(i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Runnable loop = () -> {
            boolean was = INSIDE.get();
            INSIDE.set(true);
            try {
                for (int i; (i = next.getAndIncrement()) < tasks;) {
                    body.accept(i);
                }
            } finally {
                INSIDE.set(was);
            }
        };
        int helpers = Math.min(threads, tasks) - 1;
        List<Future<?>> futures = new ArrayList<>(helpers);
        for (int h = 0; h < helpers; h++) {
            futures.add(workers.submit(loop));
        }
        loop.run();
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ComputeException("interrupted while waiting for CPU kernel threads", e);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof RuntimeException re) {
                    throw re;
                }
                if (c instanceof Error er) {
                    throw er;
                }
                throw new ComputeException("CPU kernel thread failed", c);
            }
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
        if (workers != null) {
            workers.shutdownNow();
        }
    }
}
