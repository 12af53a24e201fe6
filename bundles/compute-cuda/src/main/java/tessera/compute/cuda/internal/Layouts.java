package tessera.compute.cuda.internal;

import tessera.compute.ComputeException;
import tessera.compute.Tensor;

/**
 * The {@code Layout} struct of common.cuh, as the int array passed by value to a kernel: rank, 8
 * dims, 8 strides. Views are collapsed first (size-1 axes dropped, axes merged where memory runs
 * on), so a contiguous tensor becomes rank 0, the kernels' fast path.
 */
final class Layouts {
    static final int MAX_RANK = 8;
    static final int[] CONTIGUOUS = new int[1 + 2 * MAX_RANK];

    private Layouts() {
    }

    static int[] of(Tensor t) {
        return of(t.dims(), t.strides());
    }

    static int[] of(int[] dims, int[] strides) {
        int[] d = new int[dims.length];
        int[] s = new int[dims.length];
        int r = 0;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == 1) {
                continue;
            }
            if (r > 0 && s[r - 1] == strides[i] * dims[i]) {
                d[r - 1] *= dims[i];
                s[r - 1] = strides[i];
            } else {
                d[r] = dims[i];
                s[r] = strides[i];
                r++;
            }
        }
        if (r == 0 || (r == 1 && s[0] == 1)) {
            return CONTIGUOUS;
        }
        if (r > MAX_RANK) {
            throw new ComputeException("a view of rank " + r + " after merging axes exceeds the CUDA kernels' "
                    + MAX_RANK + "; make it contiguous first");
        }
        int[] l = new int[1 + 2 * MAX_RANK];
        l[0] = r;
        System.arraycopy(d, 0, l, 1, r);
        System.arraycopy(s, 0, l, 1 + MAX_RANK, r);
        return l;
    }

    static boolean contiguous(int[] layout) {
        return layout[0] == 0;
    }
}
