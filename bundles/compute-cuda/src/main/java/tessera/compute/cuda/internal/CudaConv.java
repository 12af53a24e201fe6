package tessera.compute.cuda.internal;

import jcuda.driver.CUdeviceptr;
import tessera.compute.Conv2dSpec;

/**
 * One convolution geometry on the GPU, as GEMMs over column buffers (conv.cu). Images go through in
 * chunks of {@code nc} so that columns and the GEMM's output fit the device's scratch memory; one
 * batched GEMM per chunk covers every group.
 */
final class CudaConv {
    private final CudaDevice dev;
    private final CudaKernels k;
    private final int n;
    private final int c;
    private final int h;
    private final int w;
    private final int co;
    private final int kh;
    private final int kw;
    private final int oh;
    private final int ow;
    private final int g;
    private final Conv2dSpec s;
    private final int cog;
    private final int ckkg;
    private final int ckk;
    private final int p;
    private final int nc;

    /** x [N, C, H, W], weight [Co, C/g, kH, kW], y [N, Co, OH, OW]. */
    CudaConv(CudaDevice dev, CudaKernels k, int[] x, int[] wt, int[] y, Conv2dSpec spec) {
        this.dev = dev;
        this.k = k;
        this.n = x[0];
        this.c = x[1];
        this.h = x[2];
        this.w = x[3];
        this.co = wt[0];
        this.kh = wt[2];
        this.kw = wt[3];
        this.oh = y[2];
        this.ow = y[3];
        this.s = spec;
        this.g = spec.groups();
        this.cog = co / g;
        this.ckkg = wt[1] * kh * kw;
        this.ckk = c * kh * kw;
        this.p = oh * ow;
        long perImage = (long) (ckk + co) * p;
        this.nc = (int) Math.max(1, Math.min(n, dev.scratchFloats() / Math.max(1, perImage)));
    }

    /** A 1×1, stride-1, unpadded convolution of one image reads the image itself as its columns. */
    private boolean pointwise() {
        return kh == 1 && kw == 1 && s.strideH() == 1 && s.strideW() == 1 && s.padH() == 0 && s.padW() == 0
                && s.dilationH() == 1 && s.dilationW() == 1;
    }

    private Args geometry(int chunk) {
        return new Args().i(chunk).i(c).i(h).i(w).i(kh).i(kw).i(oh).i(ow).i(s.strideH()).i(s.strideW()).i(s.padH())
                .i(s.padW()).i(s.dilationH()).i(s.dilationW());
    }

    private CUdeviceptr columns(CUdeviceptr x, int n0, int chunk, CUdeviceptr scratch) {
        CUdeviceptr xc = x.withByteOffset(4L * n0 * c * h * w);
        if (chunk == 1 && pointwise()) {
            return xc;
        }
        dev.launch1d("conv", "im2col", (long) ckk * chunk * p, geometry(chunk).p(xc).p(scratch));
        return scratch;
    }

    void forward(CUdeviceptr x, CUdeviceptr wt, CUdeviceptr bias, CUdeviceptr y) {
        if (n == 0 || co == 0 || p == 0) {
            return;
        }
        CUdeviceptr scratch = dev.scratch((long) (ckk + co) * nc * p);
        CUdeviceptr tmp = scratch.withByteOffset(4L * ckk * nc * p);
        for (int n0 = 0; n0 < n; n0 += nc) {
            int chunk = Math.min(nc, n - n0);
            long cols = (long) chunk * p;
            CUdeviceptr col = columns(x, n0, chunk, scratch);
            CUdeviceptr yc = y.withByteOffset(4L * n0 * co * p);
            // one image without bias: the GEMM's [Co][1][P] output is the image's own layout
            boolean direct = chunk == 1 && bias == null;
            CUdeviceptr out = direct ? yc : tmp;
            k.gemm(cog, (int) cols, ckkg, wt, (long) cog * ckkg, ckkg, 1, col, (long) ckkg * cols, (int) cols, 1,
                    out, (long) cog * cols, (int) cols, 0f, g);
            if (!direct) {
                dev.launch1d("conv", "cn_to_nchw", (long) chunk * co * p,
                        new Args().i(chunk).i(co).i(p).p(tmp).p(bias == null ? new CUdeviceptr() : bias).p(yc));
            }
        }
    }

    /** gx of conv2d given gy; also the forward of a transposed convolution. */
    void backwardInput(CUdeviceptr gy, CUdeviceptr wt, CUdeviceptr gx) {
        if (n == 0 || c == 0 || h * w == 0) {
            return;
        }
        CUdeviceptr scratch = dev.scratch((long) (ckk + co) * nc * p);
        CUdeviceptr gyp = scratch.withByteOffset(4L * ckk * nc * p);
        for (int n0 = 0; n0 < n; n0 += nc) {
            int chunk = Math.min(nc, n - n0);
            long cols = (long) chunk * p;
            CUdeviceptr gyc = gy.withByteOffset(4L * n0 * co * p);
            CUdeviceptr gxc = gx.withByteOffset(4L * n0 * c * h * w);
            CUdeviceptr src = chunk == 1 ? gyc : gyp;
            if (chunk > 1) {
                dev.launch1d("conv", "nchw_to_cn", (long) chunk * co * p, new Args().i(chunk).i(co).i(p).p(gyc).p(gyp));
            }
            boolean direct = chunk == 1 && pointwise();
            CUdeviceptr gcol = direct ? gxc : scratch;
            // per group: Wᵀ [CKKg, Cog] · gy [Cog, cols]
            k.gemm(ckkg, (int) cols, cog, wt, (long) cog * ckkg, 1, ckkg, src, (long) cog * cols, (int) cols, 1,
                    gcol, (long) ckkg * cols, (int) cols, 0f, g);
            if (!direct) {
                dev.launch1d("conv", "col2im", (long) chunk * c * h * w, geometry(chunk).p(gcol).p(gxc));
            }
        }
    }

    void backwardWeight(CUdeviceptr x, CUdeviceptr gy, CUdeviceptr gw) {
        if (co == 0 || ckkg == 0) {
            return;
        }
        if (n == 0 || p == 0) {
            dev.launch1d("memory", "fill_strided", (long) co * ckkg,
                    new Args().i(co * ckkg).f(0f).p(gw).struct(Layouts.CONTIGUOUS));
            return;
        }
        CUdeviceptr scratch = dev.scratch((long) (ckk + co) * nc * p);
        CUdeviceptr gyp = scratch.withByteOffset(4L * ckk * nc * p);
        for (int n0 = 0; n0 < n; n0 += nc) {
            int chunk = Math.min(nc, n - n0);
            long cols = (long) chunk * p;
            CUdeviceptr col = columns(x, n0, chunk, scratch);
            CUdeviceptr gyc = gy.withByteOffset(4L * n0 * co * p);
            CUdeviceptr src = chunk == 1 ? gyc : gyp;
            if (chunk > 1) {
                dev.launch1d("conv", "nchw_to_cn", (long) chunk * co * p, new Args().i(chunk).i(co).i(p).p(gyc).p(gyp));
            }
            // per group: gy [Cog, cols] · colᵀ [cols, CKKg], accumulated over chunks
            k.gemm(cog, ckkg, (int) cols, src, (long) cog * cols, (int) cols, 1, col, (long) ckkg * cols, 1, (int) cols,
                    gw, (long) cog * ckkg, ckkg, n0 == 0 ? 0f : 1f, g);
        }
    }
}
