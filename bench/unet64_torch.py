# The unet64 network of shared/BENCH-MODELS.md in PyTorch: the twin of tessera.compute.bench.Unet64
# (same parameter names), shared by bench/compute-unet.sh (CPU) and bench/compute_cuda_torch.py (GPU).
import json, struct, torch
from torch import nn
import torch.nn.functional as F

class Res(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.n1, self.c1 = nn.GroupNorm(32, cin), nn.Conv2d(cin, cout, 3, padding=1)
        self.t = nn.Linear(256, cout)
        self.n2, self.c2 = nn.GroupNorm(32, cout), nn.Conv2d(cout, cout, 3, padding=1)
        self.skip = nn.Conv2d(cin, cout, 1) if cin != cout else None
    def forward(self, x, temb):
        h = self.c1(F.silu(self.n1(x))) + self.t(temb)[:, :, None, None]
        h = self.c2(F.silu(self.n2(h)))
        return h + (x if self.skip is None else self.skip(x))

class Unet64(nn.Module):
    def __init__(self, ch=(64, 128, 256)):
        super().__init__()
        self.t1, self.t2 = nn.Linear(64, 256), nn.Linear(256, 256)
        self.inp = nn.Conv2d(3, 64, 3, padding=1)
        self.down, self.downs = nn.ModuleList(), nn.ModuleList()
        c = 64
        for i, k in enumerate(ch):
            self.down.append(nn.ModuleList([Res(c, k), Res(k, k)])); c = k
            if i + 1 < len(ch): self.downs.append(nn.Conv2d(k, k, 3, stride=2, padding=1))
        self.mid = nn.ModuleList([Res(c, c), Res(c, c)])
        self.up, self.ups = nn.ModuleList(), nn.ModuleList()
        for i, k in reversed(list(enumerate(ch))):
            self.up.append(nn.ModuleList([Res(c + k, k), Res(k, k)])); c = k
            if i > 0: self.ups.append(nn.Conv2d(k, k, 3, padding=1))
        self.on, self.out = nn.GroupNorm(32, c), nn.Conv2d(c, 3, 3, padding=1)
    def forward(self, x, t):
        f = torch.exp(-torch.log(torch.tensor(10000.0)) * torch.arange(32, device=x.device) / 32)
        a = t[:, None].float() * f[None]
        temb = self.t2(F.silu(self.t1(torch.cat([a.cos(), a.sin()], 1))))
        h, skips = self.inp(x), []
        for i, blocks in enumerate(self.down):
            for b in blocks: h = b(h, temb)
            skips.append(h)
            if i < len(self.downs): h = self.downs[i](h)
        for b in self.mid: h = b(h, temb)
        for i, blocks in enumerate(self.up):
            h = torch.cat([h, skips[-1 - i]], 1)
            for b in blocks: h = b(h, temb)
            if i < len(self.ups): h = self.ups[i](F.interpolate(h, scale_factor=2, mode="nearest"))
        return self.out(F.silu(self.on(h)))

def read_safetensors(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n)); data = f.read()
    out = {}
    for k, v in header.items():
        if k == "__metadata__": continue
        assert v["dtype"] == "F32", (k, v["dtype"])
        b, e = v["data_offsets"]
        out[k] = torch.frombuffer(bytearray(data[b:e]), dtype=torch.float32).reshape(v["shape"])
    return out
