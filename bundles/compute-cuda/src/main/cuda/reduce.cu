// Reductions over chosen axes, normalisation statistics and softmax (#5). Sums accumulate in
// double like the CPU reference, so results agree to float rounding whatever the thread layout.
#include "common.cuh"

enum Reduce { R_SUM = 0, R_MAX, R_MIN };

__device__ __forceinline__ double reduce_step(int op, double acc, float v) {
    if (op == R_SUM) return acc + v;
    if (op == R_MAX) return (v > acc || v != v) ? (double) v : acc;
    return (v < acc || v != v) ? (double) v : acc;
}

__device__ __forceinline__ double reduce_join(int op, double a, double b) {
    if (op == R_SUM) return a + b;
    if (a != a) return a;
    if (b != b) return b;
    return op == R_MAX ? fmax(a, b) : fmin(a, b);
}

__device__ __forceinline__ double reduce_init(int op) {
    return op == R_SUM ? 0.0 : (op == R_MAX ? -1.0 / 0.0 : 1.0 / 0.0);
}

// kept: the output's axes (in x's strides); red: the reduced axes. One thread per output: best
// when the reduced axes are outer (neighbouring threads read neighbouring addresses).
extern "C" __global__ void reduce_per_thread(int nOut, int nRed, int op, const float* x, Layout kept, Layout red,
                                             float* out) {
    GRID_STRIDE(o, nOut) {
        int base = offset_of(kept, o);
        double acc = reduce_init(op);
        for (int r = 0; r < nRed; r++) acc = reduce_step(op, acc, x[base + offset_of(red, r)]);
        out[o] = (float) acc;
    }
}

// One block per output: best when each output reduces many elements.
extern "C" __global__ void reduce_per_block(int nOut, int nRed, int op, const float* x, Layout kept, Layout red,
                                            float* out) {
    __shared__ double scratch[32];
    for (int o = blockIdx.x; o < nOut; o += gridDim.x) {
        int base = offset_of(kept, o);
        double acc = reduce_init(op);
        for (int r = threadIdx.x; r < nRed; r += blockDim.x) acc = reduce_step(op, acc, x[base + offset_of(red, r)]);
        // tree over the block with the op's own join
        for (int s = 16; s > 0; s >>= 1) acc = reduce_join(op, acc, __shfl_xor_sync(0xffffffffu, acc, s));
        __syncthreads();
        if ((threadIdx.x & 31) == 0) scratch[threadIdx.x >> 5] = acc;
        __syncthreads();
        if (threadIdx.x < 32) {
            int warps = blockDim.x >> 5;
            double v = threadIdx.x < warps ? scratch[threadIdx.x] : reduce_init(op);
            for (int s = 16; s > 0; s >>= 1) v = reduce_join(op, v, __shfl_xor_sync(0xffffffffu, v, s));
            if (threadIdx.x == 0) out[o] = (float) v;
        }
    }
}

// x seen as [A, B, C]; per b the mean and biased variance over a and c (two passes for accuracy).
// 32-bit index arithmetic (every tensor is below 2^31 elements; 64-bit division is emulated), and
// with A == 1 (group and layer norm) each b's values are one contiguous run.
__device__ __forceinline__ unsigned norm_index(unsigned t, int A, int B, int C, int b) {
    if (A == 1) return (unsigned) b * C + t;
    unsigned a = t / C;
    return (a * B + b) * C + (t - a * C);
}

extern "C" __global__ void normalize(int A, int B, int C, float eps, const float* x, float* xhat, float* mean,
                                     float* rstd) {
    __shared__ double scratch[32];
    unsigned count = (unsigned) A * C;
    for (int b = blockIdx.x; b < B; b += gridDim.x) {
        double s = 0;
        for (unsigned t = threadIdx.x; t < count; t += blockDim.x) s += x[norm_index(t, A, B, C, b)];
        double mu = block_sum_d(s, scratch) / (double) count;
        double q = 0;
        for (unsigned t = threadIdx.x; t < count; t += blockDim.x) {
            double d = x[norm_index(t, A, B, C, b)] - mu;
            q += d * d;
        }
        double rs = 1.0 / sqrt(block_sum_d(q, scratch) / (double) count + (double) eps);
        if (threadIdx.x == 0) { mean[b] = (float) mu; rstd[b] = (float) rs; }
        float muf = (float) mu, rsf = (float) rs;
        for (unsigned t = threadIdx.x; t < count; t += blockDim.x) {
            unsigned k = norm_index(t, A, B, C, b);
            xhat[k] = (x[k] - muf) * rsf;
        }
        __syncthreads();
    }
}

extern "C" __global__ void normalize_backward(int A, int B, int C, const float* xhat, const float* rstd,
                                              const float* g, float* gx) {
    __shared__ double scratch[32];
    unsigned count = (unsigned) A * C;
    for (int b = blockIdx.x; b < B; b += gridDim.x) {
        double s1 = 0, s2 = 0;
        for (unsigned t = threadIdx.x; t < count; t += blockDim.x) {
            unsigned k = norm_index(t, A, B, C, b);
            s1 += g[k];
            s2 += (double) g[k] * xhat[k];
        }
        double m1 = block_sum_d(s1, scratch) / (double) count;
        __syncthreads();
        double m2 = block_sum_d(s2, scratch) / (double) count;
        float rs = rstd[b], m1f = (float) m1, m2f = (float) m2;
        for (unsigned t = threadIdx.x; t < count; t += blockDim.x) {
            unsigned k = norm_index(t, A, B, C, b);
            gx[k] = rs * (g[k] - m1f - xhat[k] * m2f);
        }
        __syncthreads();
    }
}

// Softmax along an axis of length L of x seen as [outer, L, inner]; one thread per (outer, inner)
// lane, which reads coalesced when inner > 1.
extern "C" __global__ void softmax_strided(int outer, int L, int inner, int logMode, const float* x, float* out) {
    GRID_STRIDE(s, outer * inner) {
        long long base = (long long) (s / inner) * L * inner + s % inner;
        double mx = -1.0 / 0.0;
        for (int j = 0; j < L; j++) mx = fmax(mx, (double) x[base + (long long) j * inner]);
        double sum = 0;
        for (int j = 0; j < L; j++) sum += exp(x[base + (long long) j * inner] - mx);
        double lse = mx + log(sum);
        for (int j = 0; j < L; j++) {
            double v = x[base + (long long) j * inner] - lse;
            out[base + (long long) j * inner] = (float) (logMode ? v : exp(v));
        }
    }
}

// Softmax over the last axis (inner == 1): one warp per row, rows of any length.
extern "C" __global__ void softmax_rows(int rows, int L, int logMode, const float* x, float* out) {
    int lane = threadIdx.x & 31;
    int warpsPerBlock = blockDim.x >> 5;
    for (int r = blockIdx.x * warpsPerBlock + (threadIdx.x >> 5); r < rows; r += gridDim.x * warpsPerBlock) {
        const float* xr = x + (long long) r * L;
        float mx = -1.f / 0.f;
        for (int j = lane; j < L; j += 32) mx = fmaxf(mx, xr[j]);
        for (int o = 16; o > 0; o >>= 1) mx = fmaxf(mx, __shfl_xor_sync(0xffffffffu, mx, o));
        double sum = 0;
        for (int j = lane; j < L; j += 32) sum += exp((double) xr[j] - mx);
        sum = warp_sum_d(sum);
        double lse = mx + log(sum);
        for (int j = lane; j < L; j += 32) {
            double v = xr[j] - lse;
            out[(long long) r * L + j] = (float) (logMode ? v : exp(v));
        }
    }
}

extern "C" __global__ void softmax_backward_strided(int outer, int L, int inner, int logMode, const float* y,
                                                    const float* gy, float* gx) {
    GRID_STRIDE(s, outer * inner) {
        long long base = (long long) (s / inner) * L * inner + s % inner;
        double dot = 0;
        for (int j = 0; j < L; j++) {
            long long k = base + (long long) j * inner;
            dot += logMode ? (double) gy[k] : (double) gy[k] * y[k];
        }
        for (int j = 0; j < L; j++) {
            long long k = base + (long long) j * inner;
            gx[k] = logMode ? (float) (gy[k] - exp((double) y[k]) * dot) : (float) (y[k] * (gy[k] - dot));
        }
    }
}

extern "C" __global__ void softmax_backward_rows(int rows, int L, int logMode, const float* y, const float* gy,
                                                 float* gx) {
    int lane = threadIdx.x & 31;
    int warpsPerBlock = blockDim.x >> 5;
    for (int r = blockIdx.x * warpsPerBlock + (threadIdx.x >> 5); r < rows; r += gridDim.x * warpsPerBlock) {
        long long row = (long long) r * L;
        double dot = 0;
        for (int j = lane; j < L; j += 32) dot += logMode ? (double) gy[row + j] : (double) gy[row + j] * y[row + j];
        dot = warp_sum_d(dot);
        for (int j = lane; j < L; j += 32) {
            long long k = row + j;
            gx[k] = logMode ? (float) (gy[k] - exp((double) y[k]) * dot) : (float) (y[k] * (gy[k] - dot));
        }
    }
}
