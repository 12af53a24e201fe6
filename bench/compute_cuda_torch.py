# #5: PyTorch's side of bench/compute-cuda.sh on the same GPU, same sizes and same protocol as
# tessera.compute.bench.CudaBench (warm-up, median of synchronised runs, random inputs, operands
# rotated beyond L2). Prints key: value lines prefixed torch_.
import os, sys, time, statistics, torch
from torch import nn

dev = torch.device("cuda")
SECONDS = float(sys.argv[1]) if len(sys.argv) > 1 else 2.0
PARTS = sys.argv[2].split(",") if len(sys.argv) > 2 else ["memory", "gemm", "models"]

def timed(fn, seconds=SECONDS):
    for _ in range(3):
        fn()
    torch.cuda.synchronize()
    end = time.perf_counter() + 0.3
    while time.perf_counter() < end:
        fn(); torch.cuda.synchronize()
    ms = []
    end = time.perf_counter() + seconds
    while len(ms) < 10 or (time.perf_counter() < end and len(ms) < 2000):
        t0 = time.perf_counter(); fn(); torch.cuda.synchronize()
        ms.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(ms)

print("torch_device:", torch.cuda.get_device_name(0), "torch", torch.__version__)
with torch.no_grad():
    if "memory" in PARTS:
        n = 1 << 28
        a = torch.rand(n, device=dev) * 2 - 1
        b = torch.rand(n, device=dev) * 2 - 1
        out = torch.empty(n, device=dev)
        gb = 4 * n / 1e9
        print("torch_copy_gbps: %.0f" % (2 * gb / (timed(lambda: out.copy_(a)) / 1e3)))
        print("torch_relu_gbps: %.0f" % (2 * gb / (timed(lambda: torch.relu(a, out=out) if False else torch.clamp_min(a, 0, out=out)) / 1e3)))
        print("torch_add_gbps: %.0f" % (3 * gb / (timed(lambda: torch.add(a, b, out=out)) / 1e3)))
        wide = a.view(1 << 14, 1 << 14); col = torch.rand(1 << 14, 1, device=dev); o2 = out.view(1 << 14, 1 << 14)
        print("torch_broadcast_mul_gbps: %.0f" % (2 * gb / (timed(lambda: torch.mul(wide, col, out=o2)) / 1e3)))
        sums = torch.empty(1 << 14, 1, device=dev)
        print("torch_row_sum_gbps: %.0f" % (gb / (timed(lambda: torch.sum(wide, dim=1, keepdim=True, out=sums)) / 1e3)))
        del a, b, out, wide, o2
    if "gemm" in PARTS:
        n = 4096
        A = [torch.rand(n, n, device=dev) * 2 - 1 for _ in range(4)]
        B = [torch.rand(n, n, device=dev) * 2 - 1 for _ in range(4)]
        C = torch.empty(n, n, device=dev)
        for name, tf32, dtype in (("fp32", False, torch.float32), ("tf32", True, torch.float32), ("bf16", False, torch.bfloat16)):
            torch.backends.cuda.matmul.allow_tf32 = tf32
            As = [x.to(dtype) for x in A]; Bs = [x.to(dtype) for x in B]
            Cs = C.to(dtype)
            k = [0]
            def mm():
                i = k[0] & 3; k[0] += 1
                torch.matmul(As[i], Bs[i], out=Cs)
            print("torch_gemm4096_%s_tflops: %.1f" % (name, 2.0 * n ** 3 / (timed(mm) / 1e3) / 1e12))
        torch.backends.cuda.matmul.allow_tf32 = False
        print("torch_gemm4096_fp32_bT_tflops: %.1f" % (2.0 * n ** 3 / (timed(lambda: torch.matmul(A[0], B[0].t())) / 1e3) / 1e12))
    if "models" in PARTS:
        ch = [128, 512, 512, 512, 256, 128, 64, 3]
        mods = []
        for i in range(len(ch) - 1):
            mods.append(nn.ConvTranspose2d(ch[i], ch[i + 1], 4, 1 if i == 0 else 2, 0 if i == 0 else 1, bias=False))
            if i + 2 < len(ch):
                mods += [nn.BatchNorm2d(ch[i + 1]), nn.ReLU()]
            else:
                mods.append(nn.Tanh())
        g = nn.Sequential(*mods).to(dev).eval()
        for name, tf32 in (("fp32", False), ("tf32", True)):
            torch.backends.cudnn.allow_tf32 = tf32
            torch.backends.cuda.matmul.allow_tf32 = tf32
            for batch in (1, 64):
                z = torch.randn(batch, 128, 1, 1, device=dev)
                print("torch_dcgan256_b%d_%s_ms: %.3f" % (batch, name, timed(lambda: g(z))))
        del g

        # unet64 of shared/BENCH-MODELS.md: the twin of tessera.compute.bench.Unet64
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        from unet64_torch import Unet64
        u = Unet64().to(dev).eval()
        assert abs(sum(p.numel() for p in u.parameters()) / 1e6 - 11.0) < 0.1
        for name, tf32 in (("fp32", False), ("tf32", True)):
            torch.backends.cudnn.allow_tf32 = tf32
            torch.backends.cuda.matmul.allow_tf32 = tf32
            for batch in (1, 64):
                x = torch.rand(batch, 3, 64, 64, device=dev) * 2 - 1
                t = (torch.arange(batch, device=dev) * 37 + 11) % 1000
                print("torch_unet64_b%d_%s_ms: %.3f" % (batch, name, timed(lambda: u(x, t))))
