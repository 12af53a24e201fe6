package tessera.compute.cpu.internal;

import tessera.compute.Tensor;

/**
 * The common loop nest of several same-shape strided tensors: axes of size 1 dropped and axes
 * merged where every operand is contiguous across them, leaving rows of {@link #inner()} elements
 * with one stride per operand.
 */
final class Strided {
    final int[] dims;
    final int[][] strides;
    final int[] offsets;
    final int rows;

    private Strided(int[] dims, int[][] strides, int[] offsets) {
        this.dims = dims;
        this.strides = strides;
        this.offsets = offsets;
        int r = 1;
        for (int i = 0; i < dims.length - 1; i++) {
            r *= dims[i];
        }
        this.rows = r;
    }

    static Strided of(Tensor... ts) {
        int[] shape = ts[0].dims();
        int n = ts.length;
        int[][] st = new int[n][];
        int[] off = new int[n];
        for (int k = 0; k < n; k++) {
            st[k] = ts[k].strides();
            off[k] = ts[k].offset();
        }
        int rank = shape.length;
        int[] d = new int[Math.max(rank, 1)];
        int[][] s = new int[n][Math.max(rank, 1)];
        int r = 0;
        for (int i = 0; i < rank; i++) {
            if (shape[i] == 1) {
                continue;
            }
            if (r > 0 && mergeable(s, st, r - 1, i, shape[i])) {
                d[r - 1] *= shape[i];
                for (int k = 0; k < n; k++) {
                    s[k][r - 1] = st[k][i];
                }
                continue;
            }
            d[r] = shape[i];
            for (int k = 0; k < n; k++) {
                s[k][r] = st[k][i];
            }
            r++;
        }
        if (r == 0) {
            d[0] = 1;
            for (int k = 0; k < n; k++) {
                s[k][0] = 1;
            }
            r = 1;
        }
        int[] dims = java.util.Arrays.copyOf(d, r);
        int[][] strides = new int[n][];
        for (int k = 0; k < n; k++) {
            strides[k] = java.util.Arrays.copyOf(s[k], r);
        }
        return new Strided(dims, strides, off);
    }

    /** Placed axis r and the next axis i merge when, for every operand, stride(r) = stride(i) * size(i). */
    private static boolean mergeable(int[][] s, int[][] st, int r, int i, int size) {
        for (int k = 0; k < s.length; k++) {
            if (s[k][r] != st[k][i] * size) {
                return false;
            }
        }
        return true;
    }

    int inner() {
        return dims[dims.length - 1];
    }

    int innerStride(int operand) {
        return strides[operand][dims.length - 1];
    }

    /** Calls body once per row in [lo, hi) with each operand's offset of the row's first element. */
    void forRows(int lo, int hi, RowBody body) {
        int n = offsets.length;
        int outer = dims.length - 1;
        int[] idx = new int[Math.max(outer, 1)];
        int[] base = new int[n];
        int rem = lo;
        for (int a = outer - 1; a >= 0; a--) {
            idx[a] = rem % dims[a];
            rem /= dims[a];
        }
        for (int k = 0; k < n; k++) {
            int o = offsets[k];
            for (int a = 0; a < outer; a++) {
                o += idx[a] * strides[k][a];
            }
            base[k] = o;
        }
        for (int row = lo; row < hi; row++) {
            body.row(base);
            for (int a = outer - 1; a >= 0; a--) {
                if (++idx[a] < dims[a]) {
                    for (int k = 0; k < n; k++) {
                        base[k] += strides[k][a];
                    }
                    break;
                }
                idx[a] = 0;
                for (int k = 0; k < n; k++) {
                    base[k] -= (dims[a] - 1) * strides[k][a];
                }
            }
        }
    }

    @FunctionalInterface
    interface RowBody {
        void row(int[] offsets);
    }
}
