package tessera.plugin.provenance.internal.scan;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one file's parsing on its own thread under the time and allocation limits (#7). A parser that
 * overruns is interrupted and abandoned (Java cannot stop a thread); the file is recorded with the limit it
 * hit and the scan goes on. Allocation is read from the JVM's per-thread counter where the JVM has one.
 */
final class Sandbox {
    private static final Method ALLOCATED = allocatedBytesMethod();
    private final Limits limits;
    private final AtomicInteger abandoned = new AtomicInteger();

    Sandbox(Limits limits) {
        this.limits = limits;
    }

    /** @return threads still running a parse that overran; they die with the JVM (daemon threads) */
    int abandoned() {
        return abandoned.get();
    }

    <T> T run(String file, Callable<T> task) throws UnreadableFileException {
        FutureTask<T> future = new FutureTask<>(task);
        Thread worker = Thread.ofPlatform().daemon().name("tessera-provenance " + file).unstarted(future);
        long start = System.nanoTime();
        worker.start();
        long allocatedAtStart = allocated(worker);
        long deadline = start + (long) (limits.seconds() * 1e9);
        try {
            while (true) {
                try {
                    return future.get(20, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        abandon(worker, future);
                        throw new UnreadableFileException("took longer than the " + fmt(limits.seconds()) + " s per-file limit");
                    }
                    long used = allocated(worker) - allocatedAtStart;
                    if (allocatedAtStart >= 0 && used > limits.allocatedBytes()) {
                        abandon(worker, future);
                        throw new UnreadableFileException("allocated more than the " + (limits.allocatedBytes() >> 20)
                                + " MiB per-file limit");
                    }
                }
            }
        } catch (InterruptedException e) {
            abandon(worker, future);
            Thread.currentThread().interrupt();
            throw new UnreadableFileException("scan interrupted");
        } catch (ExecutionException e) {
            throw unreadable(e.getCause());
        }
    }

    static UnreadableFileException unreadable(Throwable t) {
        return switch (t) {
            case UnreadableFileException u -> u;
            case OutOfMemoryError o -> new UnreadableFileException("ran out of memory reading it", o);
            case StackOverflowError s -> new UnreadableFileException("nesting too deep (stack overflow)", s);
            case IOException io -> new UnreadableFileException("cannot be read: " + XmlFields.firstLine(
                    io.getClass().getSimpleName() + ": " + io.getMessage()), io);
            default -> new UnreadableFileException("parser failed: " + XmlFields.firstLine(
                    t.getClass().getSimpleName() + ": " + t.getMessage()), t);
        };
    }

    private void abandon(Thread worker, FutureTask<?> future) {
        future.cancel(true);
        if (worker.isAlive()) {
            abandoned.incrementAndGet();
        }
    }

    private static String fmt(double s) {
        return s == Math.rint(s) ? Long.toString((long) s) : Double.toString(s);
    }

    private static long allocated(Thread t) {
        if (ALLOCATED == null) {
            return -1;
        }
        try {
            return (long) ALLOCATED.invoke(ManagementFactory.getThreadMXBean(), t.threadId());
        } catch (ReflectiveOperationException | RuntimeException e) {
            return -1;
        }
    }

    /** com.sun.management is not imported (bundles see only what they import): reach it through the platform loader. */
    private static Method allocatedBytesMethod() {
        try {
            Class<?> c = ClassLoader.getPlatformClassLoader().loadClass("com.sun.management.ThreadMXBean");
            Object bean = ManagementFactory.getThreadMXBean();
            if (!c.isInstance(bean)) {
                return null;
            }
            Method m = c.getMethod("getThreadAllocatedBytes", long.class);
            c.getMethod("setThreadAllocatedMemoryEnabled", boolean.class).invoke(bean, true);
            return m;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
