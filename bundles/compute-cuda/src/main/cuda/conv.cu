// Convolution as GEMM over column buffers (#5). The column buffer of a chunk of Nc images is laid
// out [C·kH·kW][Nc][OH·OW], so that one GEMM per group covers the whole chunk: forward
// W[Co, C·k²] · col → [Co][Nc][OH·OW]; input gradient Wᵀ · gy → col, folded back by col2im;
// weight gradient gy · colᵀ, the chunk's images and pixels forming one long K axis.
#include "common.cuh"

extern "C" __global__ void im2col(int Nc, int C, int H, int W, int kH, int kW, int OH, int OW, int sH, int sW,
                                  int pH, int pW, int dH, int dW, const float* x, float* col) {
    int ohw = OH * OW;
    long long total = (long long) C * kH * kW * Nc * ohw;
    for (long long i = blockIdx.x * (long long) blockDim.x + threadIdx.x; i < total; i += (long long) blockDim.x * gridDim.x) {
        int p = (int) (i % ohw);
        long long r = i / ohw;
        int n = (int) (r % Nc);
        int q = (int) (r / Nc);                 // (c, kh, kw)
        int kw = q % kW, kh = (q / kW) % kH, c = q / (kW * kH);
        int oy = p / OW, ox = p - oy * OW;
        int iy = oy * sH - pH + kh * dH, ix = ox * sW - pW + kw * dW;
        col[i] = (iy >= 0 && iy < H && ix >= 0 && ix < W) ? x[(((long long) n * C + c) * H + iy) * W + ix] : 0.f;
    }
}

// Folds a column-buffer gradient back onto the image: each input pixel gathers the taps that read
// it, in a fixed order (deterministic, no atomics).
extern "C" __global__ void col2im(int Nc, int C, int H, int W, int kH, int kW, int OH, int OW, int sH, int sW,
                                  int pH, int pW, int dH, int dW, const float* col, float* gx) {
    int ohw = OH * OW;
    long long total = (long long) Nc * C * H * W;
    for (long long i = blockIdx.x * (long long) blockDim.x + threadIdx.x; i < total; i += (long long) blockDim.x * gridDim.x) {
        int ix = (int) (i % W);
        int iy = (int) ((i / W) % H);
        int c = (int) ((i / ((long long) W * H)) % C);
        int n = (int) (i / ((long long) W * H * C));
        float acc = 0.f;
        for (int kh = 0; kh < kH; kh++) {
            int ty = iy + pH - kh * dH;
            if (ty < 0 || ty % sH) continue;
            int oy = ty / sH;
            if (oy >= OH) continue;
            for (int kw = 0; kw < kW; kw++) {
                int tx = ix + pW - kw * dW;
                if (tx < 0 || tx % sW) continue;
                int ox = tx / sW;
                if (ox >= OW) continue;
                long long q = ((long long) c * kH + kh) * kW + kw;
                acc += col[(q * Nc + n) * ohw + oy * OW + ox];
            }
        }
        gx[i] = acc;
    }
}

// [Co][Nc][P] (GEMM result) → out[n0 + n][co][P] (+ bias[co] when bias is not null).
extern "C" __global__ void cn_to_nchw(int Nc, int Co, int P, const float* src, const float* bias, float* out) {
    long long total = (long long) Nc * Co * P;
    for (long long i = blockIdx.x * (long long) blockDim.x + threadIdx.x; i < total; i += (long long) blockDim.x * gridDim.x) {
        int p = (int) (i % P);
        int co = (int) ((i / P) % Co);
        int n = (int) (i / ((long long) P * Co));
        float v = src[((long long) co * Nc + n) * P + p];
        out[i] = bias ? v + bias[co] : v;
    }
}

// gy[n0 + n][co][P] → [Co][Nc][P], the GEMM operand layout.
extern "C" __global__ void nchw_to_cn(int Nc, int Co, int P, const float* src, float* dst) {
    long long total = (long long) Nc * Co * P;
    for (long long i = blockIdx.x * (long long) blockDim.x + threadIdx.x; i < total; i += (long long) blockDim.x * gridDim.x) {
        int p = (int) (i % P);
        int n = (int) ((i / P) % Nc);
        int co = (int) (i / ((long long) P * Nc));
        dst[i] = src[((long long) n * Co + co) * P + p];
    }
}
