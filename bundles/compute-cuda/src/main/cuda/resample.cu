// Pooling, and one separable gather that serves upsampling, padding and both of their gradients
// (#5). The host builds, per axis, the list of (source index, weight) taps of every destination
// index: forward from the filter, backward by inverting the forward lists. Every output element is
// then a fixed-order sum, so results are deterministic (no atomics) and match the CPU's order.
#include "common.cuh"

// tables: rowStart[outH+1], rowTap[2*nRow] (index, float bits), colStart[outW+1], colTap[2*nCol].
extern "C" __global__ void separable_gather(int planes, int inH, int inW, int outH, int outW, const float* src,
                                            float* dst, const int* rowStart, const int* rowTap, const int* colStart,
                                            const int* colTap) {
    int per = outH * outW;
    GRID_STRIDE(i, planes * per) {
        int p = i / per, r = i - p * per;
        int y = r / outW, x = r - y * outW;
        const float* s = src + (long long) p * inH * inW;
        float acc = 0.f;
        for (int a = rowStart[y]; a < rowStart[y + 1]; a++) {
            int sy = rowTap[2 * a];
            float wy = __int_as_float(rowTap[2 * a + 1]);
            for (int b = colStart[x]; b < colStart[x + 1]; b++) {
                acc += (wy * __int_as_float(colTap[2 * b + 1])) * s[sy * inW + colTap[2 * b]];
            }
        }
        dst[i] = acc;
    }
}

// Max pools route to the first maximum in row-major window order; NaN wins (CPU rule).
__device__ __forceinline__ int window_argmax(const float* xp, int H, int W, int y0, int x0, int kH, int kW, float* best) {
    int ya = max(0, y0), yb = min(H, y0 + kH), xa = max(0, x0), xb = min(W, x0 + kW);
    float bv = -1.f / 0.f;
    int arg = -1;
    for (int iy = ya; iy < yb; iy++)
        for (int ix = xa; ix < xb; ix++) {
            float v = xp[iy * W + ix];
            if (v > bv || arg < 0 || v != v) { bv = v; arg = iy * W + ix; }
        }
    *best = bv;
    return arg;
}

extern "C" __global__ void pool_forward(int planes, int H, int W, int OH, int OW, int kH, int kW, int sH, int sW,
                                        int pH, int pW, int isMax, const float* x, float* out) {
    int per = OH * OW;
    GRID_STRIDE(i, planes * per) {
        int p = i / per, r = i - p * per;
        int oy = r / OW, ox = r - oy * OW;
        const float* xp = x + (long long) p * H * W;
        int y0 = oy * sH - pH, x0 = ox * sW - pW;
        if (isMax) {
            float best;
            window_argmax(xp, H, W, y0, x0, kH, kW, &best);
            out[i] = best;
        } else {
            int ya = max(0, y0), yb = min(H, y0 + kH), xa = max(0, x0), xb = min(W, x0 + kW);
            double s = 0;
            for (int iy = ya; iy < yb; iy++)
                for (int ix = xa; ix < xb; ix++) s += xp[iy * W + ix];
            out[i] = (float) (s * (double) (1.f / (kH * kW)));
        }
    }
}

// Gradient by gathering over the windows that contain each input pixel (no atomics).
extern "C" __global__ void pool_backward(int planes, int H, int W, int OH, int OW, int kH, int kW, int sH, int sW,
                                         int pH, int pW, int isMax, const float* x, const float* gy, float* gx) {
    int per = H * W;
    float inv = 1.f / (kH * kW);
    GRID_STRIDE(i, planes * per) {
        int p = i / per, r = i - p * per;
        int iy = r / W, ix = r - iy * W;
        const float* xp = x + (long long) p * H * W;
        const float* gp = gy + (long long) p * OH * OW;
        // windows oy with oy*sH - pH <= iy < oy*sH - pH + kH
        int oyLo = max(0, (iy + pH - kH + sH) / sH), oyHi = min(OH - 1, (iy + pH) / sH);
        int oxLo = max(0, (ix + pW - kW + sW) / sW), oxHi = min(OW - 1, (ix + pW) / sW);
        if (iy + pH - kH + 1 < 0) oyLo = 0;
        if (ix + pW - kW + 1 < 0) oxLo = 0;
        float acc = 0.f;
        for (int oy = oyLo; oy <= oyHi; oy++) {
            int y0 = oy * sH - pH;
            if (iy < y0 || iy >= y0 + kH) continue;
            for (int ox = oxLo; ox <= oxHi; ox++) {
                int x0 = ox * sW - pW;
                if (ix < x0 || ix >= x0 + kW) continue;
                float g = gp[oy * OW + ox];
                if (isMax) {
                    float best;
                    if (window_argmax(xp, H, W, y0, x0, kH, kW, &best) == r) acc += g;
                } else {
                    acc += g * inv;
                }
            }
        }
        gx[i] = acc;
    }
}
