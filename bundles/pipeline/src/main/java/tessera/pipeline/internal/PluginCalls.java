package tessera.pipeline.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import tessera.api.job.ServiceUse;
import tessera.pipeline.PluginIncident;

/**
 * Calls into plugins with a time bound and turns anything a plugin throws into a {@link PluginFailure}
 * naming the plugin, so one misbehaving bundle fails one job and never the host (#2 containment).
 */
final class PluginCalls implements AutoCloseable {
    private static final int MAX_INCIDENTS = 200;
    private final ExecutorService executor;
    private final Deque<PluginIncident> incidents = new ArrayDeque<>();

    PluginCalls() {
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "tessera-plugin-call-" + n.incrementAndGet());
            t.setDaemon(true); // a plugin that never returns must not keep the JVM alive
            return t;
        });
    }

    /** Runs {@code call} on a worker thread, waiting at most {@code timeout}. */
    <T> T call(HeldService<?> held, Duration timeout, String what, Callable<T> call) throws PluginFailure, InterruptedException {
        ServiceUse use = held.use();
        Future<T> f = executor.submit(call);
        try {
            return f.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw record(held, use.role() + " '" + use.id() + "' " + use.version() + " did not finish " + what + " within "
                    + human(timeout) + "; the job was stopped (raise the timeout with --timeout if it is just slow)", null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof VirtualMachineError vm && !(cause instanceof StackOverflowError)) {
                throw vm;
            }
            throw record(held, use.role() + " '" + use.id() + "' " + use.version() + " failed while " + what + ": "
                    + describe(cause), cause);
        } catch (InterruptedException e) {
            f.cancel(true);
            throw e;
        }
    }

    private PluginFailure record(HeldService<?> held, String message, Throwable cause) {
        ServiceUse u = held.use();
        PluginIncident incident = new PluginIncident(held.bundleId(), u.bundle(), u.version(), u.id(), u.role(),
                Instant.now().toString(), message);
        synchronized (incidents) {
            incidents.addFirst(incident);
            while (incidents.size() > MAX_INCIDENTS) {
                incidents.removeLast();
            }
        }
        return new PluginFailure(message, cause);
    }

    List<PluginIncident> recent() {
        synchronized (incidents) {
            return List.copyOf(incidents);
        }
    }

    static String describe(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getName() : m + " (" + t.getClass().getSimpleName() + ")";
    }

    private static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** A plugin call failed; the message is for the user and names the plugin. */
    static final class PluginFailure extends Exception {
        private static final long serialVersionUID = 1L;

        PluginFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
