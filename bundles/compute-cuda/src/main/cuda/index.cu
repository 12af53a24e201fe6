// Embedding rows, their gradient, and optimizer steps (#5).
#include "common.cuh"

extern "C" __global__ void gather_rows(int n, int D, const float* table, const int* rows, float* out) {
    GRID_STRIDE(i, n * D) {
        int r = i / D;
        out[i] = table[(long long) rows[r] * D + (i - r * D)];
    }
}

// CSR built on the host: for each distinct table row u, the positions i with rows[i] == u, in
// ascending order, so repeated rows add up in a fixed order (deterministic, no atomics).
extern "C" __global__ void scatter_add_rows(int nUnique, int D, const float* g, const int* uniqueRows,
                                            const int* start, const int* positions, float* gtable) {
    GRID_STRIDE(i, nUnique * D) {
        int u = i / D, d = i - u * D;
        float acc = gtable[(long long) uniqueRows[u] * D + d];
        for (int k = start[u]; k < start[u + 1]; k++) acc += g[(long long) positions[k] * D + d];
        gtable[(long long) uniqueRows[u] * D + d] = acc;
    }
}

// One Adam/AdamW step, the CPU reference's arithmetic (tessera.compute.spi.AdamStep).
extern "C" __global__ void adam_step(int n, float lr, float b1, float b2, float eps, float wd, int decoupled,
                                     float stepSize, float sqrtBc2, float* p, const float* g, float* m, float* v) {
    GRID_STRIDE(i, n) {
        float w = p[i];
        float gr = g[i];
        if (decoupled) w -= lr * wd * w; else gr += wd * w;
        float mi = b1 * m[i] + (1.f - b1) * gr;
        float vi = b2 * v[i] + (1.f - b2) * gr * gr;
        m[i] = mi;
        v[i] = vi;
        p[i] = w - stepSize * mi / (sqrtf(vi) / sqrtBc2 + eps);
    }
}
