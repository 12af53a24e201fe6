package tessera.host.server.internal;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/** Counters behind {@code GET /api/metrics}, written in the Prometheus text format 0.0.4. */
final class Metrics {
    private final AtomicLong submitted = new AtomicLong();
    private final Map<String, AtomicLong> finished = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
    private final DoubleAdder jobSeconds = new DoubleAdder();
    private final AtomicLong jobCount = new AtomicLong();

    void submitted() {
        submitted.incrementAndGet();
    }

    void finished(String status, double seconds) {
        finished.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
        jobSeconds.add(seconds);
        jobCount.incrementAndGet();
    }

    void request(String method, int status) {
        requests.computeIfAbsent(method + " " + status, k -> new AtomicLong()).incrementAndGet();
    }

    String text(int running, Map<String, Long> stored) {
        StringBuilder sb = new StringBuilder();
        sb.append("# HELP tessera_jobs_submitted_total Jobs submitted to this process.\n# TYPE tessera_jobs_submitted_total counter\n");
        sb.append("tessera_jobs_submitted_total ").append(submitted.get()).append('\n');
        sb.append("# HELP tessera_jobs_finished_total Jobs this process finished, by status.\n# TYPE tessera_jobs_finished_total counter\n");
        new TreeMap<>(finished).forEach((s, n) -> sb.append("tessera_jobs_finished_total{status=\"").append(s).append("\"} ")
                .append(n.get()).append('\n'));
        sb.append("# HELP tessera_job_duration_seconds Wall time of finished jobs.\n# TYPE tessera_job_duration_seconds summary\n");
        sb.append("tessera_job_duration_seconds_sum ").append(jobSeconds.sum()).append('\n');
        sb.append("tessera_job_duration_seconds_count ").append(jobCount.get()).append('\n');
        sb.append("# HELP tessera_jobs_running Jobs queued or running in this process.\n# TYPE tessera_jobs_running gauge\n");
        sb.append("tessera_jobs_running ").append(running).append('\n');
        sb.append("# HELP tessera_jobs_stored Jobs in the database, by status.\n# TYPE tessera_jobs_stored gauge\n");
        stored.forEach((s, n) -> sb.append("tessera_jobs_stored{status=\"").append(s).append("\"} ").append(n).append('\n'));
        sb.append("# HELP tessera_http_requests_total HTTP requests answered, by method and status code.\n");
        sb.append("# TYPE tessera_http_requests_total counter\n");
        new TreeMap<>(requests).forEach((k, n) -> {
            String[] mc = k.split(" ");
            sb.append("tessera_http_requests_total{method=\"").append(mc[0]).append("\",code=\"").append(mc[1]).append("\"} ")
                    .append(n.get()).append('\n');
        });
        return sb.toString();
    }
}
