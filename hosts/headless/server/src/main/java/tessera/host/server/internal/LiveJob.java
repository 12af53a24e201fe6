package tessera.host.server.internal;

import java.util.ArrayList;
import java.util.List;

import tessera.api.job.JobEvent;
import tessera.api.job.JobListener;

/** A job this process runs: its progress events (for server-sent events) and its cancel flag. */
final class LiveJob implements JobListener {
    final String id;
    private final List<JobEvent> events = new ArrayList<>();
    private volatile boolean cancel;
    private boolean ended;
    private String endStatus;

    LiveJob(String id) {
        this.id = id;
    }

    @Override
    public synchronized void onEvent(JobEvent event) {
        events.add(event);
        notifyAll();
    }

    @Override
    public boolean cancelled() {
        return cancel;
    }

    void cancel() {
        cancel = true;
    }

    synchronized void end(String status) {
        ended = true;
        endStatus = status;
        notifyAll();
    }

    synchronized String endStatus() {
        return endStatus;
    }

    /**
     * Events from index {@code from} on, waiting up to {@code waitMs} for one when there are none yet.
     * Empty with {@link #ended()} true means the stream is over.
     */
    synchronized List<JobEvent> since(int from, long waitMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + waitMs;
        while (events.size() <= from && !ended) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        return events.size() > from ? List.copyOf(events.subList(from, events.size())) : List.of();
    }

    synchronized boolean ended() {
        return ended;
    }
}
