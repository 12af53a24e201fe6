// Tensor-core matrix products (#5): C[b] = A[b]·B[b] + beta·C[b] with BF16 or TF32 operands and
// float32 accumulation, through mma.sync (m16n8k16 bf16, m16n8k8 tf32).
//
// Two steps. pack_* rewrites each operand once into the layout the tensor cores want: rows of K
// contiguous values ("TN": A as [M][K], B transposed to [N][K]), converted (BF16 round-to-nearest,
// or TF32 rounded with cvt.rna), zero-padded to whole tiles so the main loop needs no bounds
// checks, from any strides. The main kernels then stream 128×128×32 tiles through a 3-stage
// cp.async pipeline in shared memory; 8 warps (2 × 4) each own a 64×32 patch of C, two blocks per
// SM. Measured on an H100 (ncu): the TF32 kernel keeps the mma pipe 46% busy; 128×256 tiles (one
// block per SM) were no faster, and cuBLAS's lead comes from Hopper's wgmma, which this path lacks.
#include "common.cuh"
#include <cuda_bf16.h>
// mma.sync statements are not volatile: they touch no memory, and leaving the compiler free to
// interleave them with the next fragment loads is what keeps the tensor cores fed.

#define TBM 128
#define TBN 128
#define TBK 32
#define STAGES 3

// ---------------------------------------------------------------- packing
// dst[b][r][c] for r < R, c < Cc from src[b·sBs + r·rs + c·cs]; zeros in the padding up to
// [Rp][Kp]. 32×32 tiles through shared memory, so reads are coalesced whichever source axis is
// contiguous and writes always are.
template <typename T>
__device__ __forceinline__ T convert(float v);
template <> __device__ __forceinline__ __nv_bfloat16 convert<__nv_bfloat16>(float v) { return __float2bfloat16_rn(v); }
template <> __device__ __forceinline__ float convert<float>(float v) {
    unsigned r;
    asm("cvt.rna.tf32.f32 %0, %1;" : "=r"(r) : "f"(v));
    return __uint_as_float(r);
}

template <typename T>
__device__ void pack(int R, int Cc, int Rp, int Kp, const float* src, long long sBs, int rs, int cs, T* dst) {
    __shared__ float tile[32][33];
    src += blockIdx.z * sBs;
    dst += (long long) blockIdx.z * Rp * Kp;
    int r0 = blockIdx.y * 32, c0 = blockIdx.x * 32;
    bool rowsContiguous = rs == 1 && cs != 1;
    for (int j = threadIdx.y; j < 32; j += 8) {
        // read: threadIdx.x runs along the source's contiguous axis
        int r = rowsContiguous ? r0 + threadIdx.x : r0 + j;
        int c = rowsContiguous ? c0 + j : c0 + threadIdx.x;
        float v = (r < R && c < Cc) ? src[(long long) r * rs + (long long) c * cs] : 0.f;
        if (rowsContiguous) tile[threadIdx.x][j] = v; else tile[j][threadIdx.x] = v;
    }
    __syncthreads();
    for (int j = threadIdx.y; j < 32; j += 8) {
        int r = r0 + j, c = c0 + threadIdx.x;
        if (r < Rp && c < Kp) dst[(long long) r * Kp + c] = convert<T>(tile[j][threadIdx.x]);
    }
}

extern "C" __global__ void pack_bf16(int R, int Cc, int Rp, int Kp, const float* src, long long sBs, int rs, int cs,
                                     __nv_bfloat16* dst) {
    pack<__nv_bfloat16>(R, Cc, Rp, Kp, src, sBs, rs, cs, dst);
}

extern "C" __global__ void pack_tf32(int R, int Cc, int Rp, int Kp, const float* src, long long sBs, int rs, int cs,
                                     float* dst) {
    pack<float>(R, Cc, Rp, Kp, src, sBs, rs, cs, dst);
}

// ---------------------------------------------------------------- pipeline helpers
__device__ __forceinline__ void cp_async16(void* smem, const void* gmem) {
    unsigned s = (unsigned) __cvta_generic_to_shared(smem);
    asm volatile("cp.async.cg.shared.global [%0], [%1], 16;" ::"r"(s), "l"(gmem));
}
__device__ __forceinline__ void cp_commit() { asm volatile("cp.async.commit_group;"); }
template <int N> __device__ __forceinline__ void cp_wait() { asm volatile("cp.async.wait_group %0;" ::"n"(N)); }

__device__ __forceinline__ void store_c(float* C, int ldc, int M, int N, int m, int n, float v0, float v1, float beta) {
    if (m >= M) return;
    float* p = C + (long long) m * ldc + n;
    if (n < N) p[0] = beta == 0.f ? v0 : v0 + beta * p[0];
    if (n + 1 < N) p[1] = beta == 0.f ? v1 : v1 + beta * p[1];
}

// ---------------------------------------------------------------- BF16, m16n8k16
// Shared rows of 32 bf16 padded to 40 (80 bytes): the 8 rows an ldmatrix reads fall in distinct banks.
#define LDS_B 40
template <int NT>   // n8 tiles per warp: BN = 32·NT (4: 128 columns)
__device__ __forceinline__ void bf16_tn(int M, int N, int Kp, const __nv_bfloat16* __restrict__ A, long long aBs,
        const __nv_bfloat16* __restrict__ B, long long bBs, float* __restrict__ C, long long cBs, int ldc, float beta,
        unsigned char* smem) {
    constexpr int BN_ = 32 * NT;
    __nv_bfloat16* sA = reinterpret_cast<__nv_bfloat16*>(smem);
    __nv_bfloat16* sB = sA + STAGES * TBM * LDS_B;
    const int tid = threadIdx.x, lane = tid & 31, warp = tid >> 5, wm = warp >> 2, wn = warp & 3;
    const int m0 = blockIdx.y * TBM, n0 = blockIdx.x * BN_;
    A += blockIdx.z * aBs + (long long) m0 * Kp;
    B += blockIdx.z * bBs + (long long) n0 * Kp;
    C += blockIdx.z * cBs;
    auto load = [&](int stage, int k0) {
#pragma unroll
        for (int i = 0; i < 2; i++) {
            int id = tid + i * 256, row = id >> 2, ch = (id & 3) * 8;
            cp_async16(sA + (stage * TBM + row) * LDS_B + ch, A + (long long) row * Kp + k0 + ch);
        }
#pragma unroll
        for (int i = 0; i < NT / 2; i++) {
            int id = tid + i * 256, row = id >> 2, ch = (id & 3) * 8;
            cp_async16(sB + (stage * BN_ + row) * LDS_B + ch, B + (long long) row * Kp + k0 + ch);
        }
    };
    float acc[4][NT][4];
#pragma unroll
    for (int i = 0; i < 4; i++)
#pragma unroll
        for (int j = 0; j < NT; j++)
#pragma unroll
            for (int e = 0; e < 4; e++) acc[i][j][e] = 0.f;
    const int tiles = Kp / TBK;
#pragma unroll
    for (int s = 0; s < STAGES - 1; s++) {
        if (s < tiles) load(s, s * TBK);
        cp_commit();
    }
    for (int t = 0; t < tiles; t++) {
        cp_wait<STAGES - 2>();
        __syncthreads();
        int nt = t + STAGES - 1;
        if (nt < tiles) load(nt % STAGES, nt * TBK);
        cp_commit();
        const __nv_bfloat16* a = sA + (t % STAGES) * TBM * LDS_B;
        const __nv_bfloat16* b = sB + (t % STAGES) * BN_ * LDS_B;
#pragma unroll
        for (int kk = 0; kk < TBK; kk += 16) {
            unsigned af[4][4], bf[NT][2];
#pragma unroll
            for (int i = 0; i < 4; i++) {
                const __nv_bfloat16* p = a + (wm * 64 + i * 16 + (lane & 15)) * LDS_B + kk + (lane >> 4) * 8;
                unsigned s = (unsigned) __cvta_generic_to_shared(p);
                asm volatile("ldmatrix.sync.aligned.m8n8.x4.shared.b16 {%0,%1,%2,%3}, [%4];"
                             : "=r"(af[i][0]), "=r"(af[i][1]), "=r"(af[i][2]), "=r"(af[i][3]) : "r"(s));
            }
#pragma unroll
            for (int j = 0; j < NT; j += 2) {
                int g = lane >> 3;
                const __nv_bfloat16* p = b + (wn * 8 * NT + j * 8 + (g >> 1) * 8 + (lane & 7)) * LDS_B + kk + (g & 1) * 8;
                unsigned s = (unsigned) __cvta_generic_to_shared(p);
                asm volatile("ldmatrix.sync.aligned.m8n8.x4.shared.b16 {%0,%1,%2,%3}, [%4];"
                             : "=r"(bf[j][0]), "=r"(bf[j][1]), "=r"(bf[j + 1][0]), "=r"(bf[j + 1][1]) : "r"(s));
            }
#pragma unroll
            for (int i = 0; i < 4; i++)
#pragma unroll
                for (int j = 0; j < NT; j++)
                    asm("mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32 {%0,%1,%2,%3}, {%4,%5,%6,%7}, "
                                 "{%8,%9}, {%0,%1,%2,%3};"
                                 : "+f"(acc[i][j][0]), "+f"(acc[i][j][1]), "+f"(acc[i][j][2]), "+f"(acc[i][j][3])
                                 : "r"(af[i][0]), "r"(af[i][1]), "r"(af[i][2]), "r"(af[i][3]), "r"(bf[j][0]), "r"(bf[j][1]));
        }
    }
    cp_wait<0>();
#pragma unroll
    for (int i = 0; i < 4; i++)
#pragma unroll
        for (int j = 0; j < NT; j++) {
            int m = m0 + wm * 64 + i * 16 + (lane >> 2), n = n0 + wn * 8 * NT + j * 8 + (lane & 3) * 2;
            store_c(C, ldc, M, N, m, n, acc[i][j][0], acc[i][j][1], beta);
            store_c(C, ldc, M, N, m + 8, n, acc[i][j][2], acc[i][j][3], beta);
        }
}

extern "C" __global__ void __launch_bounds__(256) gemm_bf16_tn_128(int M, int N, int Kp, const __nv_bfloat16* __restrict__ A,
        long long aBs, const __nv_bfloat16* __restrict__ B, long long bBs, float* __restrict__ C, long long cBs, int ldc,
        float beta) {
    extern __shared__ __align__(16) unsigned char smem[];
    bf16_tn<4>(M, N, Kp, A, aBs, B, bBs, C, cBs, ldc, beta, smem);
}


// ---------------------------------------------------------------- TF32, m16n8k8
// Shared rows of 32 floats padded to 36: fragment loads (row lane/4, column lane%4) hit 32 banks.
#define LDS_T 36
template <int NT>
__device__ __forceinline__ void tf32_tn(int M, int N, int Kp, const float* __restrict__ A, long long aBs,
        const float* __restrict__ B, long long bBs, float* __restrict__ C, long long cBs, int ldc, float beta,
        unsigned char* smem) {
    constexpr int BN_ = 32 * NT;
    float* sA = reinterpret_cast<float*>(smem);
    float* sB = sA + STAGES * TBM * LDS_T;
    const int tid = threadIdx.x, lane = tid & 31, warp = tid >> 5, wm = warp >> 2, wn = warp & 3;
    const int m0 = blockIdx.y * TBM, n0 = blockIdx.x * BN_;
    A += blockIdx.z * aBs + (long long) m0 * Kp;
    B += blockIdx.z * bBs + (long long) n0 * Kp;
    C += blockIdx.z * cBs;
    auto load = [&](int stage, int k0) {
#pragma unroll
        for (int i = 0; i < 4; i++) {
            int id = tid + i * 256, row = id >> 3, ch = (id & 7) * 4;
            cp_async16(sA + (stage * TBM + row) * LDS_T + ch, A + (long long) row * Kp + k0 + ch);
        }
#pragma unroll
        for (int i = 0; i < NT; i++) {
            int id = tid + i * 256, row = id >> 3, ch = (id & 7) * 4;
            cp_async16(sB + (stage * BN_ + row) * LDS_T + ch, B + (long long) row * Kp + k0 + ch);
        }
    };
    float acc[4][NT][4];
#pragma unroll
    for (int i = 0; i < 4; i++)
#pragma unroll
        for (int j = 0; j < NT; j++)
#pragma unroll
            for (int e = 0; e < 4; e++) acc[i][j][e] = 0.f;
    const int tiles = Kp / TBK;
#pragma unroll
    for (int s = 0; s < STAGES - 1; s++) {
        if (s < tiles) load(s, s * TBK);
        cp_commit();
    }
    const int r = lane >> 2, q = lane & 3;
    for (int t = 0; t < tiles; t++) {
        cp_wait<STAGES - 2>();
        __syncthreads();
        int nt = t + STAGES - 1;
        if (nt < tiles) load(nt % STAGES, nt * TBK);
        cp_commit();
        const float* a = sA + (t % STAGES) * TBM * LDS_T;
        const float* b = sB + (t % STAGES) * BN_ * LDS_T;
#pragma unroll
        for (int kk = 0; kk < TBK; kk += 8) {
            unsigned af[4][4], bf[NT][2];
#pragma unroll
            for (int i = 0; i < 4; i++) {
                const float* p = a + (wm * 64 + i * 16 + r) * LDS_T + kk + q;
                af[i][0] = __float_as_uint(p[0]);
                af[i][1] = __float_as_uint(p[8 * LDS_T]);
                af[i][2] = __float_as_uint(p[4]);
                af[i][3] = __float_as_uint(p[8 * LDS_T + 4]);
            }
#pragma unroll
            for (int j = 0; j < NT; j++) {
                const float* p = b + (wn * 8 * NT + j * 8 + r) * LDS_T + kk + q;
                bf[j][0] = __float_as_uint(p[0]);
                bf[j][1] = __float_as_uint(p[4]);
            }
#pragma unroll
            for (int i = 0; i < 4; i++)
#pragma unroll
                for (int j = 0; j < NT; j++)
                    asm("mma.sync.aligned.m16n8k8.row.col.f32.tf32.tf32.f32 {%0,%1,%2,%3}, {%4,%5,%6,%7}, "
                                 "{%8,%9}, {%0,%1,%2,%3};"
                                 : "+f"(acc[i][j][0]), "+f"(acc[i][j][1]), "+f"(acc[i][j][2]), "+f"(acc[i][j][3])
                                 : "r"(af[i][0]), "r"(af[i][1]), "r"(af[i][2]), "r"(af[i][3]), "r"(bf[j][0]), "r"(bf[j][1]));
        }
    }
    cp_wait<0>();
#pragma unroll
    for (int i = 0; i < 4; i++)
#pragma unroll
        for (int j = 0; j < NT; j++) {
            int m = m0 + wm * 64 + i * 16 + r, n = n0 + wn * 8 * NT + j * 8 + q * 2;
            store_c(C, ldc, M, N, m, n, acc[i][j][0], acc[i][j][1], beta);
            store_c(C, ldc, M, N, m + 8, n, acc[i][j][2], acc[i][j][3], beta);
        }
}

extern "C" __global__ void __launch_bounds__(256) gemm_tf32_tn_128(int M, int N, int Kp, const float* __restrict__ A,
        long long aBs, const float* __restrict__ B, long long bBs, float* __restrict__ C, long long cBs, int ldc,
        float beta) {
    extern __shared__ __align__(16) unsigned char smem[];
    tf32_tn<4>(M, N, Kp, A, aBs, B, bBs, C, cBs, ldc, beta, smem);
}

