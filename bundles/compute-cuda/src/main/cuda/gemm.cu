// Batched strided matrix products C[b] = A[b]·B[b] + beta·C[b] (#5). A is [M, K] with row stride
// aRs and column stride aCs (a transposed view swaps them), B is [K, N], C has row stride ldc; each
// operand has a batch stride (0 = shared). Three kernels, one tiling (128×128 tiles, 256 threads):
//   sgemm      float32 on the FMA units, exact float32 products (the default: CPU parity);
//   gemm_tf32  tensor cores through wmma m16n16k8 with TF32 operands, float32 accumulators;
//   gemm_bf16  tensor cores through wmma m16n16k16 with BF16 operands, float32 accumulators.
// Tiles are loaded through registers so that any strides work; the load pattern follows whichever
// axis is contiguous, so neighbouring threads read neighbouring addresses.
#include "common.cuh"
#include <mma.h>
#include <cuda_bf16.h>
using namespace nvcuda;

#define BM 128
#define BN 128

// ---------------------------------------------------------------- float32, FMA units, BK = 8
#define SBK 8
extern "C" __global__ void __launch_bounds__(256) sgemm(int M, int N, int K,
        const float* __restrict__ A, long long aBs, int aRs, int aCs,
        const float* __restrict__ B, long long bBs, int bRs, int bCs,
        float* __restrict__ C, long long cBs, int ldc, float beta) {
    __shared__ __align__(16) float As[2][SBK][BM];
    __shared__ __align__(16) float Bs[2][SBK][BN];
    A += blockIdx.z * aBs;
    B += blockIdx.z * bBs;
    C += blockIdx.z * cBs;
    const int m0 = blockIdx.y * BM, n0 = blockIdx.x * BN, tid = threadIdx.x;
    const bool aK = aCs == 1 && aRs != 1;   // A's rows are contiguous in k
    const bool bN = bCs == 1 || bRs != 1;   // B's rows are contiguous in n (or neither axis is)
    // A: either 4 consecutive k of one row, or 4 consecutive m of one k
    const int aRow = aK ? tid >> 1 : (tid & 31) * 4, aCol = aK ? (tid & 1) * 4 : tid >> 5;
    const int bRow = bN ? tid >> 5 : (tid & 1) * 4, bCol = bN ? (tid & 31) * 4 : tid >> 1;
    float ra[4], rb[4];
    auto loadA = [&](int k0) {
#pragma unroll
        for (int e = 0; e < 4; e++) {
            int m = m0 + aRow + (aK ? 0 : e), k = k0 + aCol + (aK ? e : 0);
            ra[e] = (m < M && k < K) ? A[(long long) m * aRs + (long long) k * aCs] : 0.f;
        }
    };
    auto loadB = [&](int k0) {
#pragma unroll
        for (int e = 0; e < 4; e++) {
            int k = k0 + bRow + (bN ? 0 : e), n = n0 + bCol + (bN ? e : 0);
            rb[e] = (k < K && n < N) ? B[(long long) k * bRs + (long long) n * bCs] : 0.f;
        }
    };
    auto store = [&](int buf) {
#pragma unroll
        for (int e = 0; e < 4; e++) {
            if (aK) As[buf][aCol + e][aRow] = ra[e]; else As[buf][aCol][aRow + e] = ra[e];
            if (bN) Bs[buf][bRow][bCol + e] = rb[e]; else Bs[buf][bRow + e][bCol] = rb[e];
        }
    };
    const int tx = tid & 15, ty = tid >> 4;
    float acc[8][8];
#pragma unroll
    for (int i = 0; i < 8; i++)
#pragma unroll
        for (int j = 0; j < 8; j++) acc[i][j] = 0.f;
    int tiles = (K + SBK - 1) / SBK;
    loadA(0); loadB(0); store(0);
    __syncthreads();
    for (int t = 0; t < tiles; t++) {
        int cur = t & 1;
        if (t + 1 < tiles) { loadA((t + 1) * SBK); loadB((t + 1) * SBK); }
#pragma unroll
        for (int k = 0; k < SBK; k++) {
            float4 a0 = *reinterpret_cast<const float4*>(&As[cur][k][ty * 4]);
            float4 a1 = *reinterpret_cast<const float4*>(&As[cur][k][ty * 4 + 64]);
            float4 b0 = *reinterpret_cast<const float4*>(&Bs[cur][k][tx * 4]);
            float4 b1 = *reinterpret_cast<const float4*>(&Bs[cur][k][tx * 4 + 64]);
            float a[8] = {a0.x, a0.y, a0.z, a0.w, a1.x, a1.y, a1.z, a1.w};
            float b[8] = {b0.x, b0.y, b0.z, b0.w, b1.x, b1.y, b1.z, b1.w};
#pragma unroll
            for (int i = 0; i < 8; i++)
#pragma unroll
                for (int j = 0; j < 8; j++) acc[i][j] = fmaf(a[i], b[j], acc[i][j]);
        }
        if (t + 1 < tiles) store(cur ^ 1);
        __syncthreads();
    }
#pragma unroll
    for (int i = 0; i < 8; i++) {
        int m = m0 + ty * 4 + (i & 3) + (i >> 2) * 64;
        if (m >= M) continue;
#pragma unroll
        for (int j = 0; j < 8; j++) {
            int n = n0 + tx * 4 + (j & 3) + (j >> 2) * 64;
            if (n >= N) continue;
            float* c = C + (long long) m * ldc + n;
            *c = beta == 0.f ? acc[i][j] : acc[i][j] + beta * *c;
        }
    }
}

// ---------------------------------------------------------------- tensor cores, BK = 32
// 8 warps as 2 (m) × 4 (n); each warp owns a 64×32 patch: 4×2 fragments of 16×16.
template <typename T> struct Mma;
template <> struct Mma<float> {   // TF32 operands held as float
    static constexpr int KS = 8, PA = 4, PB = 4;
    typedef wmma::precision::tf32 P;
    static __device__ __forceinline__ float conv(float v) { return wmma::__float_to_tf32(v); }
};
template <> struct Mma<__nv_bfloat16> {
    static constexpr int KS = 16, PA = 8, PB = 8;
    typedef __nv_bfloat16 P;
    static __device__ __forceinline__ __nv_bfloat16 conv(float v) { return __float2bfloat16_rn(v); }
};

#define TBK 32
template <typename T>
__device__ __forceinline__ void tc_gemm(int M, int N, int K, const float* __restrict__ A, long long aBs, int aRs, int aCs,
        const float* __restrict__ B, long long bBs, int bRs, int bCs, float* __restrict__ C, long long cBs, int ldc,
        float beta, unsigned char* smem) {
    typedef Mma<T> X;
    const int LDA = TBK + X::PA, LDB = BN + X::PB;
    T* As = reinterpret_cast<T*>(smem);               // [BM][LDA], row-major (m, k)
    T* Bs = As + BM * LDA;                            // [TBK][LDB], row-major (k, n)
    A += blockIdx.z * aBs;
    B += blockIdx.z * bBs;
    C += blockIdx.z * cBs;
    const int m0 = blockIdx.y * BM, n0 = blockIdx.x * BN, tid = threadIdx.x;
    const int warp = tid >> 5, lane = tid & 31, wm = warp >> 2, wn = warp & 3;
    const bool aK = aCs == 1 && aRs != 1;
    const bool bN = bCs == 1 || bRs != 1;
    float ra[16], rb[16];
    auto loadA = [&](int k0) {
#pragma unroll
        for (int j = 0; j < 4; j++)
#pragma unroll
            for (int e = 0; e < 4; e++) {
                int m = aK ? m0 + (tid >> 3) + 32 * j : m0 + (tid & 31) * 4 + e;
                int k = aK ? k0 + (tid & 7) * 4 + e : k0 + (tid >> 5) + 8 * j;
                ra[j * 4 + e] = (m < M && k < K) ? A[(long long) m * aRs + (long long) k * aCs] : 0.f;
            }
    };
    auto loadB = [&](int k0) {
#pragma unroll
        for (int j = 0; j < 4; j++)
#pragma unroll
            for (int e = 0; e < 4; e++) {
                int k = bN ? k0 + (tid >> 5) + 8 * j : k0 + (tid & 7) * 4 + e;
                int n = bN ? n0 + (tid & 31) * 4 + e : n0 + (tid >> 3) + 32 * j;
                rb[j * 4 + e] = (k < K && n < N) ? B[(long long) k * bRs + (long long) n * bCs] : 0.f;
            }
    };
    auto store = [&]() {
#pragma unroll
        for (int j = 0; j < 4; j++)
#pragma unroll
            for (int e = 0; e < 4; e++) {
                int am = aK ? (tid >> 3) + 32 * j : (tid & 31) * 4 + e, ak = aK ? (tid & 7) * 4 + e : (tid >> 5) + 8 * j;
                As[am * LDA + ak] = X::conv(ra[j * 4 + e]);
                int bk = bN ? (tid >> 5) + 8 * j : (tid & 7) * 4 + e, bn = bN ? (tid & 31) * 4 + e : (tid >> 3) + 32 * j;
                Bs[bk * LDB + bn] = X::conv(rb[j * 4 + e]);
            }
    };
    wmma::fragment<wmma::accumulator, 16, 16, X::KS, float> acc[4][2];
#pragma unroll
    for (int i = 0; i < 4; i++)
#pragma unroll
        for (int j = 0; j < 2; j++) wmma::fill_fragment(acc[i][j], 0.f);
    int tiles = (K + TBK - 1) / TBK;
    loadA(0); loadB(0);
    for (int t = 0; t < tiles; t++) {
        __syncthreads();                 // the previous tile's fragments are all read
        store();
        __syncthreads();
        if (t + 1 < tiles) { loadA((t + 1) * TBK); loadB((t + 1) * TBK); }   // in flight during the MMAs
#pragma unroll
        for (int kk = 0; kk < TBK; kk += X::KS) {
            wmma::fragment<wmma::matrix_a, 16, 16, X::KS, typename X::P, wmma::row_major> fa[4];
            wmma::fragment<wmma::matrix_b, 16, 16, X::KS, typename X::P, wmma::row_major> fb[2];
#pragma unroll
            for (int i = 0; i < 4; i++) wmma::load_matrix_sync(fa[i], As + (wm * 64 + i * 16) * LDA + kk, LDA);
#pragma unroll
            for (int j = 0; j < 2; j++) wmma::load_matrix_sync(fb[j], Bs + kk * LDB + wn * 32 + j * 16, LDB);
#pragma unroll
            for (int i = 0; i < 4; i++)
#pragma unroll
                for (int j = 0; j < 2; j++) wmma::mma_sync(acc[i][j], fa[i], fb[j], acc[i][j]);
        }
    }
    __syncthreads();
    float* stage = reinterpret_cast<float*>(smem) + warp * 256;   // 16×16 floats per warp
#pragma unroll
    for (int i = 0; i < 4; i++)
#pragma unroll
        for (int j = 0; j < 2; j++) {
            wmma::store_matrix_sync(stage, acc[i][j], 16, wmma::mem_row_major);
            __syncwarp();
#pragma unroll
            for (int e = 0; e < 8; e++) {
                int idx = lane * 8 + e, r = idx >> 4, c = idx & 15;
                int m = m0 + wm * 64 + i * 16 + r, n = n0 + wn * 32 + j * 16 + c;
                if (m < M && n < N) {
                    float* p = C + (long long) m * ldc + n;
                    *p = beta == 0.f ? stage[idx] : stage[idx] + beta * *p;
                }
            }
            __syncwarp();
        }
}

extern "C" __global__ void __launch_bounds__(256) gemm_tf32(int M, int N, int K,
        const float* __restrict__ A, long long aBs, int aRs, int aCs, const float* __restrict__ B, long long bBs,
        int bRs, int bCs, float* __restrict__ C, long long cBs, int ldc, float beta) {
    __shared__ __align__(128) unsigned char smem[(BM * (TBK + 4) + TBK * (BN + 4)) * 4];
    tc_gemm<float>(M, N, K, A, aBs, aRs, aCs, B, bBs, bRs, bCs, C, cBs, ldc, beta, smem);
}

extern "C" __global__ void __launch_bounds__(256) gemm_bf16(int M, int N, int K,
        const float* __restrict__ A, long long aBs, int aRs, int aCs, const float* __restrict__ B, long long bBs,
        int bRs, int bCs, float* __restrict__ C, long long cBs, int ldc, float beta) {
    __shared__ __align__(128) unsigned char smem[(BM * (TBK + 8) + TBK * (BN + 8)) * 2 + 8192];
    tc_gemm<__nv_bfloat16>(M, N, K, A, aBs, aRs, aCs, B, bBs, bRs, bCs, C, cBs, ldc, beta, smem);
}
