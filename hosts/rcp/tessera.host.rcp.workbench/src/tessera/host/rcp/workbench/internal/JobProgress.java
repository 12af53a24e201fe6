package tessera.host.rcp.workbench.internal;

import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;

import tessera.api.job.JobEvent;
import tessera.api.job.JobListener;

/**
 * A pipeline job's events shown in a part's progress bar (0–1000) and status line, and its Cancel button's flag
 * answered to the pipeline's {@link JobListener#cancelled()} poll. Events arrive on the job's thread; the
 * widgets are changed on the UI thread, unless the part is closed by then.
 */
final class JobProgress implements JobListener {
    private final ProgressBar bar;
    private final Label status;
    private final AtomicBoolean cancel;

    JobProgress(ProgressBar bar, Label status, AtomicBoolean cancel) {
        this.bar = bar;
        this.status = status;
        this.cancel = cancel;
    }

    @Override
    public void onEvent(JobEvent e) {
        bar.getDisplay().asyncExec(() -> {
            if (!bar.isDisposed() && !status.isDisposed()) {
                bar.setSelection((int) Math.round(e.fraction() * 1000));
                status.setText(e.stage() + ": " + e.message());
            }
        });
    }

    @Override
    public boolean cancelled() {
        return cancel.get();
    }
}
