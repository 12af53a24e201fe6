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
    /** Where a shared queue's running host publishes progress for the other hosts; null for a host's own jobs. */
    private volatile java.util.function.Consumer<JobEvent> relay;
    private volatile long relayedAt;
    private volatile String relayedStage;

    private static final com.fasterxml.jackson.databind.ObjectWriter ONE_LINE = tessera.api.json.TesseraJson.mapper().writer()
            .without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);

    /** One line of JSON: a server-sent event's data, and the progress a shared queue's host publishes. */
    static String json(Object event) throws com.fasterxml.jackson.core.JsonProcessingException {
        return ONE_LINE.writeValueAsString(event);
    }

    LiveJob(String id) {
        this.id = id;
    }

    @Override
    public void onEvent(JobEvent event) {
        synchronized (this) {
            events.add(event);
            notifyAll();
        }
        java.util.function.Consumer<JobEvent> r = relay;
        long now = System.currentTimeMillis();
        // a write per stage and at most four a second within one: the followers poll every 250 ms anyway
        if (r != null && (!event.stage().equals(relayedStage) || now - relayedAt >= 250)) {
            relayedStage = event.stage();
            relayedAt = now;
            r.accept(event);
        }
    }

    /** Publishes this job's progress through {@code r} (the shared database) as well. */
    void relay(java.util.function.Consumer<JobEvent> r) {
        relay = r;
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
