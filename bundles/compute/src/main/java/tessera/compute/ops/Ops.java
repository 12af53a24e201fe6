package tessera.compute.ops;

import java.util.Arrays;
import tessera.compute.ComputeDevice;
import tessera.compute.ComputeException;
import tessera.compute.Shape;
import tessera.compute.Tensor;
import tessera.compute.spi.Kernels;

/** Checks and allocation shared by the op classes. */
final class Ops {
    private Ops() {
    }

    /** The one device of all non-null inputs, or a message naming both devices. */
    static ComputeDevice device(String op, Tensor... ts) {
        ComputeDevice d = null;
        for (Tensor t : ts) {
            if (t == null) {
                continue;
            }
            t.buffer();
            if (d == null) {
                d = t.device();
            } else if (t.device() != d) {
                throw new ComputeException(op + ": inputs are on " + d.id() + " and " + t.device().id()
                        + "; move them to one device first");
            }
        }
        return d;
    }

    static Kernels k(Tensor t) {
        return t.device().kernels();
    }

    static Tensor out(ComputeDevice d, Shape s) {
        return Tensor.empty(d, s);
    }

    static Tensor out(ComputeDevice d, int... dims) {
        return Tensor.empty(d, dims);
    }

    /** A contiguous tensor with t's values: t itself or a copy (no autograd; for kernel inputs). */
    static Tensor contig(Tensor t) {
        if (t.isContiguous()) {
            return t;
        }
        Tensor c = Tensor.empty(t.device(), t.shape());
        t.device().kernels().copy(t, c);
        return c;
    }

    static void require(boolean ok, String message) {
        if (!ok) {
            throw new ComputeException(message);
        }
    }

    static void rank(String op, Tensor t, int rank, String layout) {
        if (t.rank() != rank) {
            throw new ComputeException(op + " needs a rank-" + rank + " " + layout + " tensor, got " + t.shape());
        }
    }

    static String str(int[] a) {
        return Arrays.toString(a);
    }
}
