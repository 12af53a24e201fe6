package tessera.plugin.constraints.internal.weave;

import java.util.ArrayList;
import java.util.List;

/**
 * Binding points on a satin schedule (#6): the points a weaver would stitch into a long float, one every
 * {@code repeat} threads along each pick and each end, each pick's point {@code move} ends on from the
 * previous pick's (the satin's move number, or counter). With a repeat of at most maxFloat + 1 every float
 * longer than the limit holds a point at least every {@code repeat} threads, so it is cut to the limit with
 * few points, each cutting a warp and a weft float at once where both run long; with a move other than ±1 no two points touch,
 * even at a corner, so the binding draws no twill line across a ground, and the move is chosen so the points
 * lie as far apart as the repeat allows (the most even spread). Only points that fall inside a float over
 * the limit are stitched; floats a satin point does not settle (at the repeat's wrap when its ends or picks
 * are not a multiple of the satin, or where a point lengthens a float across it) are left to
 * {@link LiftPlan#bindByBisection}.
 */
final class SatinBinder {
    /** The smallest satin: 4 and 6 have no move number other than ±1 (they can only make twills). */
    private static final int SMALLEST = 5;
    private final int repeat;
    private final int move;

    private SatinBinder(int repeat, int move) {
        this.repeat = repeat;
        this.move = move;
    }

    /**
     * @param maxFloat the line's longest float, threads
     * @return the largest satin whose points cut every longer float to the limit, or null for limits below 4
     *         (no satin is short enough)
     */
    static SatinBinder forFloat(int maxFloat) {
        for (int r = maxFloat + 1; r >= SMALLEST; r--) {
            int m = move(r);
            if (m > 0) {
                return new SatinBinder(r, m);
            }
        }
        return null;
    }

    /** @return the move number of an r-thread satin whose points lie farthest apart (ties: the smaller), or 0 when none */
    static int move(int r) {
        int best = 0;
        int bestSpread = 2; // points at squared distance 1 or 2 touch (side by side or at a corner)
        for (int m = 2; m <= r - 2; m++) {
            if (gcd(m, r) != 1) {
                continue; // not every end would get a point
            }
            int spread = Integer.MAX_VALUE;
            for (int k = 1; k < r; k++) {
                int dx = Math.min(k, r - k);
                int e = k * m % r;
                int dy = Math.min(e, r - e);
                spread = Math.min(spread, dx * dx + dy * dy);
            }
            if (spread > bestSpread) {
                best = m;
                bestSpread = spread;
            }
        }
        return best;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    int repeat() {
        return repeat;
    }

    int move() {
        return move;
    }

    /** @return whether the satin puts a point on this cell */
    boolean at(int pick, int end) {
        return Math.floorMod(end - move * pick, repeat) == 0;
    }

    /**
     * Cuts the floats (warp or weft, face or back) longer than {@code maxFloat} at the satin's points: first
     * along the picks, then along the ends of the plan that leaves (a point set for a weft float often cuts the
     * warp float through it too). Along a float only the points it needs are set: a point is skipped when the
     * float stays within the limit up to the next point, and points on a float's first or last thread are
     * never used (flipping them would only lengthen the float beside it).
     *
     * @return the cells flipped
     */
    int stitch(LiftPlan plan, int maxFloat) {
        return cut(plan, true, maxFloat) + cut(plan, false, maxFloat);
    }

    private int cut(LiftPlan plan, boolean weft, int maxFloat) {
        List<int[]> runs = new ArrayList<>();
        plan.floats(weft, maxFloat, (line, start, length, up) -> runs.add(new int[] {line, start, length}));
        int len = weft ? plan.ends() : plan.picks();
        int flipped = 0;
        int[] at = new int[len];
        for (int[] run : runs) {
            int line = run[0];
            int n = run[2];
            boolean whole = n == len; // one state all round the repeat: the float has no ends, only the cycle
            int m = 0;
            for (int k = whole ? 0 : 1; k < (whole ? n : n - 1); k++) {
                int pos = (run[1] + k) % len;
                if (weft ? at(line, pos) : at(pos, line)) {
                    at[m++] = k;
                }
            }
            int last = whole && m > 0 ? at[0] : -1;
            if (whole && m > 0) {
                flip(plan, weft, line, (run[1] + at[0]) % len);
                flipped++;
            }
            for (int i = whole ? 1 : 0; i < m; i++) {
                int next = i + 1 < m ? at[i + 1] : whole ? at[0] + n : n;
                if (next - last - 1 > maxFloat) {
                    flip(plan, weft, line, (run[1] + at[i]) % len);
                    flipped++;
                    last = at[i];
                }
            }
        }
        return flipped;
    }

    private static void flip(LiftPlan plan, boolean weft, int line, int pos) {
        int pick = weft ? line : pos;
        int end = weft ? pos : line;
        plan.set(pick, end, !plan.lifted(pick, end));
    }

    @Override
    public String toString() {
        return repeat + "-thread satin, move " + move;
    }
}
