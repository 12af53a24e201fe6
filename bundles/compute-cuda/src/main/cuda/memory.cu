// Fills, copies, counter-based random numbers and axpby (#5).
#include "common.cuh"

extern "C" __global__ void fill_strided(int n, float value, float* out, Layout lo) {
    GRID_STRIDE(i, n) out[offset_of(lo, i)] = value;
}

extern "C" __global__ void copy_strided(int n, const float* src, Layout ls, float* dst, Layout ld) {
    GRID_STRIDE(i, n) dst[offset_of(ld, i)] = src[offset_of(ls, i)];
}

// CounterRng (tessera.compute.spi): splitmix64's finalizer over seed + (i+1)·φ; 24 random bits.
__device__ __forceinline__ unsigned long long mix64(unsigned long long z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

__device__ __forceinline__ float uniform01(unsigned long long seed, unsigned long long i) {
    return (float) (mix64(seed + (i + 1ULL) * 0x9E3779B97F4A7C15ULL) >> 40) * 5.9604644775390625e-8f;
}

extern "C" __global__ void random_uniform(int n, unsigned long long seed, float a, float b, float* out) {
    GRID_STRIDE(i, n) out[i] = a + (b - a) * uniform01(seed, (unsigned long long) i);
}

// Box–Muller in double, as the CPU reference computes it, so that a seed gives the same tensor.
extern "C" __global__ void random_normal(int n, unsigned long long seed, float mean, float std, float* out) {
    GRID_STRIDE(i, n) {
        double u1 = uniform01(seed, 2ULL * i);
        double u2 = uniform01(seed, 2ULL * i + 1ULL);
        float z = (float) (sqrt(-2.0 * log(1.0 - u1)) * cos(2.0 * 3.141592653589793 * u2));
        out[i] = mean + std * z;
    }
}

extern "C" __global__ void axpby(int n, float alpha, const float* x, float beta, float* y) {
    GRID_STRIDE(i, n) y[i] = alpha * x[i] + beta * y[i];
}

// 16-byte variant for aligned contiguous fills (memory-bound kernels aim at the copy bandwidth).
extern "C" __global__ void fill4(int n4, float value, float4* out) {
    float4 v = make_float4(value, value, value, value);
    GRID_STRIDE(i, n4) out[i] = v;
}

extern "C" __global__ void copy4(int n4, const float4* src, float4* dst) {
    GRID_STRIDE(i, n4) dst[i] = src[i];
}
