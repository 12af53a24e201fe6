// Batched strided matrix products C[b] = A[b]·B[b] + beta·C[b] (#5). A is [M, K] with row stride
// aRs and column stride aCs (a transposed view swaps them), B is [K, N], C has row stride ldc; each
// operand has a batch stride (0 = shared). sgemm is the float32 product on the FMA units (the
// default: CPU parity); the tensor-core products are in gemm_tc.cu. Tiles are loaded through
// registers so that any strides work; the load pattern follows whichever axis is contiguous, so
// neighbouring threads read neighbouring addresses.
#include "common.cuh"

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
