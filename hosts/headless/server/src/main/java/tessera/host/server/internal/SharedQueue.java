package tessera.host.server.internal;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * This host's share of a job queue in PostgreSQL that several hosts serve (#12 scale-out). {@code workers}
 * threads claim generate jobs ({@code FOR UPDATE SKIP LOCKED}) and run them; one keeper thread renews this
 * host's leases every third of the lease, cancels jobs someone asked to cancel (on any host), stops work on
 * jobs another host took over, and ends jobs no host will run again. A host that dies stops renewing: once
 * its leases run out, the other hosts' workers claim its jobs and run them from the start.
 */
final class SharedQueue implements AutoCloseable {
    /** A job whose hosts died this many times is failed instead of being claimed again. */
    static final int MAX_ATTEMPTS = 3;
    /** How long an idle worker waits before asking the database again (a submit on this host wakes it at once). */
    private static final long IDLE_POLL_MS = 250;
    private final JobStore jobs;
    private final JobRunner runner;
    private final long leaseMs;
    private final PrintWriter log;
    private final List<Thread> threads = new ArrayList<>();
    private final Object work = new Object();
    private volatile boolean closed;
    private long lastComplaint;

    SharedQueue(JobStore jobs, JobRunner runner, int workers, long leaseMs, PrintWriter log) {
        this.jobs = jobs;
        this.runner = runner;
        this.leaseMs = leaseMs;
        this.log = log;
        for (int i = 0; i < workers; i++) {
            threads.add(Thread.ofPlatform().name("tessera-queue-" + i).daemon().start(this::work));
        }
        threads.add(Thread.ofPlatform().name("tessera-lease-keeper").daemon().start(this::keep));
    }

    /** A job was submitted on this host: an idle worker claims it now instead of at its next poll. */
    void wake() {
        synchronized (work) {
            work.notifyAll();
        }
    }

    private void work() {
        while (!closed) {
            try {
                var claimed = jobs.claim(MAX_ATTEMPTS);
                if (claimed.isPresent()) {
                    runner.runClaimed(claimed.get());
                    continue;
                }
                synchronized (work) {
                    work.wait(IDLE_POLL_MS);
                }
            } catch (SQLException | RuntimeException e) {
                trouble("cannot claim a job", e);
                pause(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void keep() {
        while (!closed) {
            try {
                // ids taken before the renewal: a job claimed during it is not mistaken for one taken over
                Set<String> running = runner.liveIds();
                Set<String> held = jobs.renew();
                for (String id : running) {
                    if (!held.contains(id)) {
                        cancel(id); // another host holds it now (this one was frozen past its lease): stop wasting work
                    }
                }
                jobs.cancelRequested().forEach(this::cancel);
                jobs.abandonExpired(MAX_ATTEMPTS);
            } catch (SQLException | RuntimeException e) {
                trouble("cannot renew this host's job leases", e);
            }
            pause(leaseMs / 3);
        }
    }

    private void cancel(String id) {
        LiveJob job = runner.live(id);
        if (job != null) {
            job.cancel();
        }
    }

    /** Database trouble goes to the server's error stream, at most once a minute, and the loop carries on. */
    private synchronized void trouble(String what, Exception e) {
        long now = System.currentTimeMillis();
        if (!closed && now - lastComplaint > 60_000) {
            lastComplaint = now;
            log.println("tessera serve: " + what + " (retrying): " + e.getMessage());
            log.flush();
        }
    }

    private void pause(long ms) {
        try {
            TimeUnit.MILLISECONDS.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        wake();
        for (Thread t : threads) {
            t.interrupt();
        }
        for (Thread t : threads) {
            t.join(30_000);
        }
    }
}
