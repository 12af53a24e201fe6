package tessera.plugin.constraints.internal.weave;

/**
 * A jacquard lift plan: for each pick (row) and end (column) whether the end's hook is lifted, so the
 * warp lies over the weft there. Picks run bottom to top in the weaving, rows top to bottom in the
 * design; the exporter numbers picks from the design's first row.
 *
 * <p>The first-version compound ({@link #fromDesign}): pick {@code p} carries weft colour
 * {@code p mod k} (the wefts cycle, one colour per pass); an end is lifted where the design's colour at
 * that cell is <em>not</em> the pick's weft, so the pick's weft shows on the face exactly where the design
 * has its colour and passes behind the warp elsewhere. Long floats this leaves are then broken by
 * {@link #bind}.
 */
final class LiftPlan {
    private final int ends;
    private final int picks;
    private final boolean[] lifted;

    LiftPlan(int ends, int picks) {
        this.ends = ends;
        this.picks = picks;
        this.lifted = new boolean[Math.multiplyExact(ends, picks)];
    }

    /**
     * @param colourOf per cell (row-major, {@code picks} rows of {@code ends}) the weft colour index
     * @param wefts    number of weft colours, ≥ 1
     */
    static LiftPlan fromDesign(byte[] colourOf, int ends, int picks, int wefts) {
        LiftPlan plan = new LiftPlan(ends, picks);
        for (int p = 0; p < picks; p++) {
            int weft = weftOf(p, wefts);
            for (int e = 0; e < ends; e++) {
                plan.lifted[p * ends + e] = colourOf[p * ends + e] != weft;
            }
        }
        return plan;
    }

    /** @return the weft colour index pick {@code p} carries (0-based) */
    static int weftOf(int pick, int wefts) {
        return pick % wefts;
    }

    int ends() {
        return ends;
    }

    int picks() {
        return picks;
    }

    boolean lifted(int pick, int end) {
        return lifted[pick * ends + end];
    }

    void set(int pick, int end, boolean up) {
        lifted[pick * ends + end] = up;
    }

    /** @return an independent copy of this plan */
    LiftPlan copy() {
        LiftPlan c = new LiftPlan(ends, picks);
        System.arraycopy(lifted, 0, c.lifted, 0, lifted.length);
        return c;
    }

    /**
     * Breaks every float longer than {@code maxFloat} (#6): first with binding points on a satin schedule
     * ({@link SatinBinder}: the fewest points, evenly spread, no twill line), then whatever that leaves with
     * {@link #bindByBisection}. Limits below 4 have no satin and go to bisection alone.
     *
     * @return the number of cells that differ from the plan before binding
     */
    int bind(int maxFloat) {
        SatinBinder satin = SatinBinder.forFloat(maxFloat);
        boolean[] before = lifted.clone();
        if (satin != null) {
            satin.stitch(this, maxFloat);
        }
        bindByBisection(maxFloat);
        return differences(before);
    }

    /**
     * Inserts binding points until no end stays in one state for more than {@code maxFloat} consecutive
     * picks (a warp float) and no pick keeps one state over more than {@code maxFloat} consecutive ends (a
     * weft float, on the face or the back). Lines are cyclic: the cloth repeats the plan, so a float that
     * leaves the repeat's last end continues on the next repeat's first (#6). A run that is too long is cut
     * by flipping a cell near its middle, preferring a cell whose flip does not lengthen a run across it
     * beyond the limit; passes along picks and along ends alternate until nothing changes. Should that not
     * settle (possible only for very short limits), the plan becomes plain weave, which has no float at
     * all (for odd counts of ends or picks the wrap of plain weave meets itself in a float of 2).
     *
     * @return the number of cells that differ from the plan before binding
     */
    int bindByBisection(int maxFloat) {
        boolean[] before = lifted.clone();
        for (int round = 0; round < 64; round++) {
            boolean changed = false;
            for (int p = 0; p < picks; p++) {
                changed |= breakRuns(p * ends, 1, ends, maxFloat, ends, picks);
            }
            for (int e = 0; e < ends; e++) {
                changed |= breakRuns(e, ends, picks, maxFloat, 1, ends);
            }
            if (!changed && longestFloat() <= maxFloat) {
                return differences(before);
            }
        }
        for (int p = 0; p < picks; p++) {
            for (int e = 0; e < ends; e++) {
                lifted[p * ends + e] = ((p + e) & 1) == 0;
            }
        }
        return differences(before);
    }

    private int differences(boolean[] before) {
        int n = 0;
        for (int i = 0; i < lifted.length; i++) {
            if (lifted[i] != before[i]) {
                n++;
            }
        }
        return n;
    }

    /**
     * @return the position along a line where a run begins (its cell differs from the cyclically previous
     *         one), or -1 when the whole line is one run
     */
    private int runStart(int first, int step, int len) {
        for (int i = 0; i < len; i++) {
            if (lifted[first + i * step] != lifted[first + Math.floorMod(i - 1, len) * step]) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Breaks the too-long runs of one cyclic line (a pick: step 1; an end: step {@code ends}). Positions
     * are counted from a run start, so a run crossing the repeat's edge is seen whole.
     *
     * @param crossStep step between neighbours across the line
     * @param crossLen  cells in the crossing line
     */
    private boolean breakRuns(int first, int step, int len, int maxFloat, int crossStep, int crossLen) {
        int off = Math.max(0, runStart(first, step, len));
        boolean changed = false;
        int i = 0;
        while (i < len) {
            int j = i;
            boolean s = lifted[cell(first, step, len, off, i)];
            while (j + 1 < len && lifted[cell(first, step, len, off, j + 1)] == s) {
                j++;
            }
            int run = j - i + 1;
            if (run > maxFloat && run >= 3) {
                // cut at a cell strictly inside the run, so it stands alone along this line; near the middle
                int mid = i + run / 2;
                int best = mid;
                for (int d = 0; d <= run / 2; d++) {
                    int a = mid - d;
                    int b = mid + d;
                    if (a > i && a < j && crossRunAfterFlip(cell(first, step, len, off, a), crossStep, crossLen) <= maxFloat) {
                        best = a;
                        break;
                    }
                    if (b > i && b < j && crossRunAfterFlip(cell(first, step, len, off, b), crossStep, crossLen) <= maxFloat) {
                        best = b;
                        break;
                    }
                }
                lifted[cell(first, step, len, off, best)] = !s;
                changed = true;
                continue; // the shorter run left of the cut is re-scanned from its start

            } else if (run > maxFloat) {
                // a run of 2 with a limit of 1: flip its second cell (it joins the next run; later passes go on)
                lifted[cell(first, step, len, off, i + 1)] = !s;
                changed = true;
            }
            i = j + 1;
        }
        return changed;
    }

    private static int cell(int first, int step, int len, int off, int pos) {
        int q = pos + off;
        return first + (q >= len ? q - len : q) * step;
    }

    /** @return the cyclic length of the run across the line through cell {@code idx} if that cell were flipped */
    private int crossRunAfterFlip(int idx, int crossStep, int crossLen) {
        int pos = crossStep == 1 ? idx % ends : idx / ends;
        int base = idx - pos * crossStep;
        boolean t = !lifted[idx];
        int n = 1;
        for (int k = 1; k < crossLen && lifted[base + Math.floorMod(pos - k, crossLen) * crossStep] == t; k++) {
            n++;
        }
        for (int k = 1; n < crossLen && lifted[base + Math.floorMod(pos + k, crossLen) * crossStep] == t; k++) {
            n++;
        }
        return n;
    }

    /** @return the longest cyclic run of one state along any end or pick (a line of one state counts its length) */
    int longestFloat() {
        return Math.max(longestFloatAlong(true), longestFloatAlong(false));
    }

    /** @return the longest cyclic run along the picks (weft floats, true) or along the ends (warp floats, false) */
    int longestFloatAlong(boolean weft) {
        int longest = 0;
        if (weft) {
            for (int p = 0; p < picks; p++) {
                longest = Math.max(longest, longestRun(p * ends, 1, ends));
            }
        } else {
            for (int e = 0; e < ends; e++) {
                longest = Math.max(longest, longestRun(e, ends, picks));
            }
        }
        return longest;
    }

    private int longestRun(int first, int step, int len) {
        int off = runStart(first, step, len);
        if (off < 0) {
            return len;
        }
        int longest = 0;
        int run = 0;
        boolean prev = false;
        for (int i = 0; i < len; i++) {
            boolean s = lifted[cell(first, step, len, off, i)];
            run = i > 0 && s == prev ? run + 1 : 1;
            prev = s;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    /**
     * The floats of one direction: every cyclic run of one state along the picks (weft floats) or along the
     * ends (warp floats).
     *
     * @param weft true for runs along picks (weft floats), false for runs along ends (warp floats)
     * @param runs receives (line, start position, length, lifted) of every run longer than {@code over}
     * @return the number of cells lying in runs longer than {@code over}
     */
    long floats(boolean weft, int over, FloatSink runs) {
        int lines = weft ? picks : ends;
        int len = weft ? ends : picks;
        int step = weft ? 1 : ends;
        long cells = 0;
        for (int l = 0; l < lines; l++) {
            int first = weft ? l * ends : l;
            int off = runStart(first, step, len);
            if (off < 0) {
                if (len > over) { // one state the whole repeat: in the cloth the float never ends
                    runs.run(l, 0, len, lifted[first]);
                    cells += len;
                }
                continue;
            }
            int i = 0;
            while (i < len) {
                boolean s = lifted[cell(first, step, len, off, i)];
                int j = i;
                while (j + 1 < len && lifted[cell(first, step, len, off, j + 1)] == s) {
                    j++;
                }
                int run = j - i + 1;
                if (run > over) {
                    cells += run;
                    runs.run(l, (i + off) % len, run, s);
                }
                i = j + 1;
            }
        }
        return cells;
    }

    /** Receives one float: its line (pick or end), start position along it (cyclic), length and state. */
    interface FloatSink {
        void run(int line, int start, int length, boolean lifted);
    }
}
