package tessera.host.server.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A token bucket per caller: {@code perSecond} requests a second on average, bursts up to {@code burst}. */
final class RateLimiter {
    private final double perSecond;
    private final double burst;
    private final Map<String, double[]> buckets = new ConcurrentHashMap<>();

    RateLimiter(double perSecond, double burst) {
        this.perSecond = perSecond;
        this.burst = burst;
    }

    /** Takes one request from the caller's bucket at time {@code nanos}; false when it is empty. */
    boolean allow(String caller, long nanos) {
        double[] b = buckets.computeIfAbsent(caller, k -> new double[] {burst, nanos});
        synchronized (b) {
            double refill = (nanos - b[1]) / 1e9 * perSecond;
            b[0] = Math.min(burst, b[0] + Math.max(0, refill));
            b[1] = nanos;
            if (b[0] >= 1) {
                b[0] -= 1;
                return true;
            }
            return false;
        }
    }

    /** Seconds until the caller may send the next request. */
    long retryAfterSeconds() {
        return Math.max(1, (long) Math.ceil(1 / perSecond));
    }
}
