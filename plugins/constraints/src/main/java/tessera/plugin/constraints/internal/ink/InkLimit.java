package tessera.plugin.constraints.internal.ink;

/**
 * Total-area-coverage limiting as a RIP does it: first grey component replacement (the grey that equal
 * parts of C, M and Y make is printed with K instead, one ink for three), then, if the sum is still above
 * the limit, C, M and Y are scaled down together (K, which carries the shadow detail, is kept). Darkness is
 * lost only in that second step.
 */
public final class InkLimit {
    private InkLimit() {
    }

    /**
     * Limits planar inks in place.
     *
     * @param planes C, M, Y, K planes of {@code n} values each, coverage in [0, 1]
     * @param from   first value index to limit
     * @param to     one past the last value index
     * @param n      values per plane
     * @param limit  total ink allowed, as a fraction (2.8 = 280 %), ≥ 1
     * @return the number of values changed
     */
    public static int apply(float[] planes, int from, int to, int n, double limit) {
        int changed = 0;
        for (int i = from; i < to; i++) {
            float c = planes[i];
            float m = planes[n + i];
            float y = planes[2 * n + i];
            float k = planes[3 * n + i];
            double total = c + m + y + k;
            if (total <= limit) {
                continue;
            }
            // GCR: the common grey moves to K, as far as K can take it and only as far as needed
            double grey = Math.min(Math.min(c, m), y);
            double move = Math.min(Math.min(grey, 1 - k), (total - limit) / 2);
            c -= move;
            m -= move;
            y -= move;
            k += move;
            double cmy = c + m + y;
            double room = limit - k;
            if (cmy > room && cmy > 0) {
                double s = Math.max(0, room) / cmy;
                c *= s;
                m *= s;
                y *= s;
            }
            planes[i] = c;
            planes[n + i] = m;
            planes[2 * n + i] = y;
            planes[3 * n + i] = k;
            changed++;
        }
        return changed;
    }
}
