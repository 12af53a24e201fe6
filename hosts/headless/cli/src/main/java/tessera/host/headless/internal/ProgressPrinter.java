package tessera.host.headless.internal;

import java.io.PrintWriter;

import tessera.api.job.JobEvent;
import tessera.api.job.JobListener;

/** One line per progress event on stderr, so stdout stays clean for scripts. */
final class ProgressPrinter implements JobListener {
    private final PrintWriter err;

    ProgressPrinter(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void onEvent(JobEvent e) {
        err.printf("[%3.0f%%] %-10s %s%n", e.fraction() * 100, e.stage(), e.message());
        err.flush();
    }
}
