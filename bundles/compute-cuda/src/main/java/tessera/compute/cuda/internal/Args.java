package tessera.compute.cuda.internal;

import java.util.ArrayList;
import java.util.List;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;

/** Kernel parameters in declaration order, for cuLaunchKernel. */
final class Args {
    private final List<Pointer> params = new ArrayList<>(16);

    Args i(int v) {
        params.add(Pointer.to(new int[] {v}));
        return this;
    }

    Args l(long v) {
        params.add(Pointer.to(new long[] {v}));
        return this;
    }

    Args f(float v) {
        params.add(Pointer.to(new float[] {v}));
        return this;
    }

    Args p(CUdeviceptr v) {
        params.add(Pointer.to(v));
        return this;
    }

    /** A struct passed by value: the kernel copies as many bytes as its parameter declares. */
    Args struct(int[] v) {
        params.add(Pointer.to(v));
        return this;
    }

    Pointer pointer() {
        return Pointer.to(params.toArray(new Pointer[0]));
    }
}
