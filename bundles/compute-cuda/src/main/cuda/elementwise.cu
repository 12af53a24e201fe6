// Elementwise unary and binary ops with broadcasting (any strides in, contiguous out) and their
// derivatives (#5). Op codes are fixed here and mapped by name on the Java side (CudaOps), so the
// order of the Java enums never matters.
#include "common.cuh"

enum Unary {
    U_NEG = 0, U_ABS, U_SQUARE, U_SQRT, U_RSQRT, U_EXP, U_LOG, U_RECIPROCAL, U_SCALE, U_ADD_SCALAR, U_POW,
    U_RELU, U_LEAKY_RELU, U_SILU, U_GELU, U_GELU_TANH, U_TANH, U_SIGMOID, U_SOFTPLUS, U_SIN, U_COS, U_SIGN
};
enum Binary { B_ADD = 0, B_SUB, B_MUL, B_DIV, B_MAX, B_MIN, B_GT, B_GE, B_EQ };

#define SQRT_2_OVER_PI 0.7978845608028654f
#define INV_SQRT_2 0.7071067811865476f
#define INV_SQRT_2PI 0.3989422804014327f

__device__ __forceinline__ float sigmoidf_(float x) {
    if (x >= 0.f) return 1.f / (1.f + expf(-x));
    float e = expf(x);
    return e / (1.f + e);
}

__device__ __forceinline__ float unary_f(int op, float a, float x) {
    switch (op) {
        case U_NEG: return -x;
        case U_ABS: return fabsf(x);
        case U_SQUARE: return x * x;
        case U_SQRT: return sqrtf(x);
        case U_RSQRT: return 1.f / sqrtf(x);
        case U_EXP: return expf(x);
        case U_LOG: return logf(x);
        case U_RECIPROCAL: return 1.f / x;
        case U_SCALE: return a * x;
        case U_ADD_SCALAR: return x + a;
        case U_POW: return powf(x, a);
        case U_RELU: return x > 0.f ? x : 0.f;
        case U_LEAKY_RELU: return x > 0.f ? x : a * x;
        case U_SILU: return x * sigmoidf_(x);
        case U_GELU: return 0.5f * x * (1.f + erff(x * INV_SQRT_2));
        case U_GELU_TANH: return 0.5f * x * (1.f + tanhf(SQRT_2_OVER_PI * (x + 0.044715f * x * x * x)));
        case U_TANH: return tanhf(x);
        case U_SIGMOID: return sigmoidf_(x);
        case U_SOFTPLUS: return fmaxf(x, 0.f) + log1pf(expf(-fabsf(x)));
        case U_SIN: return sinf(x);
        case U_COS: return cosf(x);
        case U_SIGN: return x > 0.f ? 1.f : (x < 0.f ? -1.f : (x == 0.f ? 0.f : x));
    }
    return __int_as_float(0x7fc00000);
}

__device__ __forceinline__ float derivative_f(int op, float a, float x) {
    switch (op) {
        case U_NEG: return -1.f;
        case U_ABS: return x > 0.f ? 1.f : (x < 0.f ? -1.f : (x == 0.f ? 0.f : x));
        case U_SQUARE: return 2.f * x;
        case U_SQRT: return 0.5f / sqrtf(x);
        case U_RSQRT: return -0.5f / (x * sqrtf(x));
        case U_EXP: return expf(x);
        case U_LOG: return 1.f / x;
        case U_RECIPROCAL: return -1.f / (x * x);
        case U_SCALE: return a;
        case U_ADD_SCALAR: return 1.f;
        case U_POW: return a * powf(x, a - 1.f);
        case U_RELU: return x > 0.f ? 1.f : 0.f;
        case U_LEAKY_RELU: return x > 0.f ? 1.f : a;
        case U_SILU: { float s = sigmoidf_(x); return s * (1.f + x * (1.f - s)); }
        case U_GELU: return 0.5f * (1.f + erff(x * INV_SQRT_2)) + x * INV_SQRT_2PI * expf(-0.5f * x * x);
        case U_GELU_TANH: {
            float u = SQRT_2_OVER_PI * (x + 0.044715f * x * x * x);
            float t = tanhf(u);
            float du = SQRT_2_OVER_PI * (1.f + 3.f * 0.044715f * x * x);
            return 0.5f * (1.f + t) + 0.5f * x * (1.f - t * t) * du;
        }
        case U_TANH: { float t = tanhf(x); return 1.f - t * t; }
        case U_SIGMOID: { float s = sigmoidf_(x); return s * (1.f - s); }
        case U_SOFTPLUS: return sigmoidf_(x);
        case U_SIN: return cosf(x);
        case U_COS: return -sinf(x);
        case U_SIGN: return 0.f;
    }
    return __int_as_float(0x7fc00000);
}

__device__ __forceinline__ float binary_f(int op, float a, float b) {
    switch (op) {
        case B_ADD: return a + b;
        case B_SUB: return a - b;
        case B_MUL: return a * b;
        case B_DIV: return a / b;
        case B_MAX: return (a != a || b != b) ? __int_as_float(0x7fc00000) : fmaxf(a, b);
        case B_MIN: return (a != a || b != b) ? __int_as_float(0x7fc00000) : fminf(a, b);
        case B_GT: return a > b ? 1.f : 0.f;
        case B_GE: return a >= b ? 1.f : 0.f;
        case B_EQ: return a == b ? 1.f : 0.f;
    }
    return __int_as_float(0x7fc00000);
}

// out may alias x (in-place ops): each element is read before it is written by the same thread.
extern "C" __global__ void unary_strided(int n, int op, float alpha, const float* x, Layout lx, float* out, Layout lo) {
    GRID_STRIDE(i, n) out[offset_of(lo, i)] = unary_f(op, alpha, x[offset_of(lx, i)]);
}

// Contiguous fast path: four elements per thread with 16-byte accesses (n4 = n / 4, aligned).
extern "C" __global__ void unary4(int n4, int op, float alpha, const float4* x, float4* out) {
    GRID_STRIDE(i, n4) {
        float4 v = x[i];
        v.x = unary_f(op, alpha, v.x); v.y = unary_f(op, alpha, v.y);
        v.z = unary_f(op, alpha, v.z); v.w = unary_f(op, alpha, v.w);
        out[i] = v;
    }
}

extern "C" __global__ void unary_backward(int n, int op, float alpha, const float* x, const float* gy, float* gx) {
    GRID_STRIDE(i, n) gx[i] = gy[i] * derivative_f(op, alpha, x[i]);
}

extern "C" __global__ void binary_strided(int n, int op, const float* a, Layout la, const float* b, Layout lb,
                                          float* out, Layout lo) {
    GRID_STRIDE(i, n) out[offset_of(lo, i)] = binary_f(op, a[offset_of(la, i)], b[offset_of(lb, i)]);
}

extern "C" __global__ void binary4(int n4, int op, const float4* a, const float4* b, float4* out) {
    GRID_STRIDE(i, n4) {
        float4 x = a[i], y = b[i];
        x.x = binary_f(op, x.x, y.x); x.y = binary_f(op, x.y, y.y);
        x.z = binary_f(op, x.z, y.z); x.w = binary_f(op, x.w, y.w);
        out[i] = x;
    }
}
