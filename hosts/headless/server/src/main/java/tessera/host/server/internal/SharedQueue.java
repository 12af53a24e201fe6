package tessera.host.server.internal;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * This host's share of a job queue in PostgreSQL that several hosts serve (#12 scale-out). {@code workers}
 * threads claim generate jobs ({@code FOR UPDATE SKIP LOCKED}) and run them; one keeper thread renews this
 * host's leases every third of the lease, cancels jobs someone asked to cancel (on any host), stops work on
 * jobs another host took over, and ends jobs no host will run again. A host that dies stops renewing: once
 * its leases run out, the other hosts' workers claim its jobs and run them from the start. A host stopped in
 * order ({@link #close()}) claims nothing more, lets its running jobs finish for up to the drain time, and gives
 * the rest back to the queue at once, so they neither wait out a lease nor end {@code cancelled}.
 */
final class SharedQueue implements AutoCloseable {
    /** A job whose hosts died this many times is failed instead of being claimed again. */
    static final int MAX_ATTEMPTS = 3;
    /** How long an idle worker waits before asking the database again (a submit on this host wakes it at once). */
    private static final long IDLE_POLL_MS = 250;
    private final JobStore jobs;
    private final JobRunner runner;
    private final long leaseMs;
    private final long drainMs;
    private final PrintWriter log;
    private final List<Thread> threads = new ArrayList<>();
    private final Object work = new Object();
    /** Set first when stopping: no worker claims again. */
    private volatile boolean closed;
    /** Set once the drain is over: the keeper stops renewing (the claims still held are given back next). */
    private volatile boolean keeperDone;
    private final Thread keeper;
    private long lastComplaint;

    SharedQueue(JobStore jobs, JobRunner runner, int workers, long leaseMs, long drainMs, PrintWriter log) {
        this.jobs = jobs;
        this.runner = runner;
        this.leaseMs = leaseMs;
        this.drainMs = drainMs;
        this.log = log;
        for (int i = 0; i < workers; i++) {
            threads.add(Thread.ofPlatform().name("tessera-queue-" + i).daemon().start(this::work));
        }
        keeper = Thread.ofPlatform().name("tessera-lease-keeper").daemon().start(this::keep);
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
        while (!keeperDone) {
            try {
                // ids taken before the renewal: a job claimed during it is not mistaken for one taken over
                Set<String> running = runner.liveIds();
                Map<String, Boolean> held = jobs.renew();
                for (String id : running) {
                    if (!held.containsKey(id)) {
                        cancel(id); // another host holds it now (this one was frozen past its lease): stop wasting work
                    }
                }
                held.forEach((id, cancelAsked) -> {
                    if (cancelAsked) {
                        cancel(id);
                    }
                });
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

    /**
     * Stops this host's share in order: no more claims; running jobs may finish within the drain time (the keeper
     * renews their leases meanwhile); what still runs then is given back to the queue and stopped here, so another
     * host claims it at once. If the database cannot be reached to give them back, their leases run out as if this
     * host had died.
     */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        wake();
        runner.awaitIdle(drainMs);
        keeperDone = true;
        keeper.interrupt();
        keeper.join(30_000);
        int running = runner.running();
        if (running > 0) {
            try {
                var released = jobs.release();
                released.forEach(this::cancel); // their ends would not be recorded: the claims are no longer this host's
                log.println("tessera serve: stopping; gave " + released.size() + " running job(s) back to the queue for the other hosts");
            } catch (SQLException | RuntimeException e) {
                log.println("tessera serve: stopping; could not give " + running + " running job(s) back to the queue ("
                        + e.getMessage() + "); other hosts take them over when their leases run out");
            }
            log.flush();
        }
        for (Thread t : threads) {
            t.join(30_000);
        }
    }
}
