// Convolution as GEMM over column buffers (#5). The column buffer of a chunk of Nc images is laid
// out [C·kH·kW][Nc][OH·OW], so that one GEMM per group covers the whole chunk: forward
// W[Co, C·k²] · col → [Co][Nc][OH·OW]; input gradient Wᵀ · gy → col, folded back by col2im;
// weight gradient gy · colᵀ, the chunk's images and pixels forming one long K axis.
#include "common.cuh"

// Index arithmetic is 32-bit: every buffer here is below 2^31 elements (the column scratch is
// bounded by the device's scratch size), and 64-bit division is emulated and slow on the GPU.
extern "C" __global__ void im2col(int Nc, int C, int H, int W, int kH, int kW, int OH, int OW, int sH, int sW,
                                  int pH, int pW, int dH, int dW, const float* x, float* col) {
    unsigned ohw = OH * OW;
    unsigned total = (unsigned) C * kH * kW * Nc * ohw;
    for (unsigned i = blockIdx.x * blockDim.x + threadIdx.x; i < total; i += blockDim.x * gridDim.x) {
        unsigned p = i % ohw;
        unsigned r = i / ohw;
        unsigned n = r % Nc;
        unsigned q = r / Nc;                 // (c, kh, kw)
        int kw = q % kW, kh = (q / kW) % kH, c = q / (kW * kH);
        int oy = p / OW, ox = p - oy * OW;
        int iy = oy * sH - pH + kh * dH, ix = ox * sW - pW + kw * dW;
        col[i] = (iy >= 0 && iy < H && ix >= 0 && ix < W) ? x[((n * C + c) * H + iy) * W + ix] : 0.f;
    }
}

// Folds a column-buffer gradient back onto the image: each input pixel gathers the taps that read
// it, in a fixed order (deterministic, no atomics). Without dilation only the taps congruent to
// the pixel modulo the stride can reach it, so those are the only ones visited.
extern "C" __global__ void col2im(int Nc, int C, int H, int W, int kH, int kW, int OH, int OW, int sH, int sW,
                                  int pH, int pW, int dH, int dW, const float* col, float* gx) {
    unsigned ohw = OH * OW;
    unsigned total = (unsigned) Nc * C * H * W;
    for (unsigned i = blockIdx.x * blockDim.x + threadIdx.x; i < total; i += blockDim.x * gridDim.x) {
        int ix = i % W;
        unsigned t = i / W;
        int iy = t % H;
        t /= H;
        int c = t % C;
        int n = t / C;
        const float* cn = col + n * ohw;
        float acc = 0.f;
        if (dH == 1 && dW == 1) {
            int ry = iy + pH, rx = ix + pW;
            for (int kh = ry % sH; kh < kH; kh += sH) {
                if (ry < kh) break;          // taps further right reach only earlier rows
                int oy = (ry - kh) / sH;
                if (oy >= OH) continue;
                for (int kw = rx % sW; kw < kW; kw += sW) {
                    if (rx < kw) break;
                    int ox = (rx - kw) / sW;
                    if (ox >= OW) continue;
                    unsigned q = (c * kH + kh) * kW + kw;
                    acc += cn[q * Nc * ohw + oy * OW + ox];
                }
            }
        } else {
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
                    unsigned q = (c * kH + kh) * kW + kw;
                    acc += cn[q * Nc * ohw + oy * OW + ox];
                }
            }
        }
        gx[i] = acc;
    }
}

// [Co][Nc][P] (GEMM result) → out[n0 + n][co][P] (+ bias[co] when bias is not null).
extern "C" __global__ void cn_to_nchw(int Nc, int Co, int P, const float* src, const float* bias, float* out) {
    unsigned total = (unsigned) Nc * Co * P;
    for (unsigned i = blockIdx.x * blockDim.x + threadIdx.x; i < total; i += blockDim.x * gridDim.x) {
        unsigned p = i % P;
        unsigned t = i / P;
        unsigned co = t % Co;
        unsigned n = t / Co;
        float v = src[(co * Nc + n) * P + p];
        out[i] = bias ? v + bias[co] : v;
    }
}

// gy[n0 + n][co][P] → [Co][Nc][P], the GEMM operand layout.
extern "C" __global__ void nchw_to_cn(int Nc, int Co, int P, const float* src, float* dst) {
    unsigned total = (unsigned) Nc * Co * P;
    for (unsigned i = blockIdx.x * blockDim.x + threadIdx.x; i < total; i += blockDim.x * gridDim.x) {
        unsigned p = i % P;
        unsigned t = i / P;
        unsigned n = t % Nc;
        unsigned co = t / Nc;
        dst[i] = src[(n * Co + co) * P + p];
    }
}
