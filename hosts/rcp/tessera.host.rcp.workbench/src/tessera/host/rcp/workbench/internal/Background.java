package tessera.host.rcp.workbench.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.eclipse.swt.widgets.Control;

/**
 * A part's worker: service calls (checks, repairs, exports, inspections) take seconds and must not freeze
 * the window, so they run here and their result comes back on the UI thread. One thread per part keeps a
 * part's calls in order. {@link #idle()} lets the smoke script and tests wait for the part (bounded).
 */
final class Background {
    private final ExecutorService worker;
    private final AtomicInteger pending = new AtomicInteger();

    Background(String name) {
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tessera-" + name);
            t.setDaemon(true); // a running call must not keep the JVM alive after the window closes
            return t;
        });
    }

    /**
     * Runs {@code work} off the UI thread, then {@code done} or {@code failed} on it, unless {@code owner} is
     * disposed by then.
     */
    <T> void run(Control owner, Callable<T> work, Consumer<T> done, Consumer<Exception> failed) {
        var display = owner.getDisplay();
        pending.incrementAndGet();
        worker.execute(() -> {
            T result = null;
            Exception error = null;
            try {
                result = work.call();
            } catch (Exception e) { // a plugin's fault is shown in the part, never takes the workbench down
                error = e;
            }
            T r = result;
            Exception err = error;
            display.asyncExec(() -> {
                try {
                    if (!owner.isDisposed()) {
                        if (err == null) {
                            done.accept(r);
                        } else {
                            failed.accept(err);
                        }
                    }
                } finally {
                    pending.decrementAndGet();
                }
            });
        });
    }

    /** @return true when no call is running or waiting to report */
    boolean idle() {
        return pending.get() == 0;
    }

    void close() {
        worker.shutdownNow();
    }

    /** @return the message of a failure, for a status line */
    static String describe(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
