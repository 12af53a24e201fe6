// Shared helpers of Tessera's CUDA kernels (#5). Every entry point is extern "C" so that the Java
// side (tessera.compute.cuda) finds it by name with cuModuleGetFunction.
#pragma once
#include <stdint.h>

#define MAX_RANK 8

// A strided view as the Java side passes it by value: dims and strides in elements, outermost
// first. rank 0 means "contiguous": element i is at offset i (the host collapses views first, so
// most launches take this fast path).
struct Layout {
    int rank;
    int dims[MAX_RANK];
    int strides[MAX_RANK];
};

__device__ __forceinline__ int offset_of(const Layout& l, int i) {
    if (l.rank == 0) return i;
    int off = 0;
#pragma unroll
    for (int d = MAX_RANK - 1; d >= 0; --d) {
        if (d < l.rank) {
            int n = l.dims[d];
            int q = i / n;
            off += (i - q * n) * l.strides[d];
            i = q;
        }
    }
    return off;
}

#define GRID_STRIDE(i, n) for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < (n); i += blockDim.x * gridDim.x)

__device__ __forceinline__ float warp_sum(float v) {
#pragma unroll
    for (int o = 16; o > 0; o >>= 1) v += __shfl_xor_sync(0xffffffffu, v, o);
    return v;
}

__device__ __forceinline__ double warp_sum_d(double v) {
#pragma unroll
    for (int o = 16; o > 0; o >>= 1) v += __shfl_xor_sync(0xffffffffu, v, o);
    return v;
}

// Block-wide sum in double (normalisation statistics keep the CPU reference's double accumulation);
// every thread gets the result. scratch holds at least 32 doubles.
__device__ double block_sum_d(double v, double* scratch) {
    int lane = threadIdx.x & 31, warp = threadIdx.x >> 5, warps = (blockDim.x + 31) >> 5;
    v = warp_sum_d(v);
    __syncthreads();
    if (lane == 0) scratch[warp] = v;
    __syncthreads();
    double t = lane < warps ? scratch[lane] : 0.0;
    t = warp_sum_d(t);
    return t;
}
