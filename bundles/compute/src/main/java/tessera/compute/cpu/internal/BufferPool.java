package tessera.compute.cpu.internal;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Reuses float arrays of equal length, so a model that runs the same shapes again allocates no
 * garbage in steady state (#4). Holds at most {@code capacity} floats; beyond that arrays go to
 * the garbage collector. Small arrays are not pooled.
 */
final class BufferPool {
    private static final int MIN_POOLED = 1024;

    private final long capacity;
    private final Map<Integer, ArrayDeque<float[]>> free = new HashMap<>();
    private long held;
    private long hits;
    private long misses;

    BufferPool(long capacityFloats) {
        this.capacity = capacityFloats;
    }

    synchronized float[] acquire(int length) {
        if (length >= MIN_POOLED) {
            ArrayDeque<float[]> q = free.get(length);
            if (q != null && !q.isEmpty()) {
                float[] a = q.pop();
                held -= a.length;
                hits++;
                return a;
            }
            misses++;
        }
        return null;
    }

    synchronized void release(float[] a) {
        if (a.length < MIN_POOLED || held + a.length > capacity) {
            return;
        }
        free.computeIfAbsent(a.length, k -> new ArrayDeque<>()).push(a);
        held += a.length;
    }

    synchronized void clear() {
        free.clear();
        held = 0;
    }

    synchronized long heldFloats() {
        return held;
    }

    synchronized String stats() {
        return "pool: " + held + " floats held, " + hits + " hits, " + misses + " misses";
    }
}
