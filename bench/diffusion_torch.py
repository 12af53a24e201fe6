# The diffusion plugin's denoiser (UNet with cross- and self-attention, circular convolutions) and decoder in
# PyTorch, functional over Tessera's own parameter names: the twin that bench/diffusion.sh checks for parity and
# times side by side (#9). Usage: diffusion_torch.py PARITY.safetensors THREADS [steps=25] [runs=3]
import json, math, struct, sys, time
import torch
import torch.nn.functional as F
sys.path.insert(0, "bench")
from unet64_torch import read_safetensors

def header(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        return json.loads(f.read(n))

class Twin:
    def __init__(self, p, spec):
        self.p, self.s = p, spec
    def conv(self, name, x, stride=1):
        w, b = self.p[name + ".weight"], self.p[name + ".bias"]
        if w.shape[-1] == 3:
            x = F.pad(x, (1, 1, 1, 1), mode="circular")
        return F.conv2d(x, w, b, stride=stride)
    def lin(self, name, x):
        return F.linear(x, self.p[name + ".weight"], self.p[name + ".bias"])
    def gn(self, name, x):
        return F.group_norm(x, self.s["groups"], self.p[name + ".weight"], self.p[name + ".bias"], 1e-5)
    def res(self, name, x, temb):
        h = self.conv(name + ".conv1", F.silu(self.gn(name + ".norm1", x)))
        h = h + self.lin(name + ".time", temb)[:, :, None, None]
        h = self.conv(name + ".conv2", F.silu(self.gn(name + ".norm2", h)))
        return (x if x.shape[1] == h.shape[1] else self.conv(name + ".skip", x)) + h
    def attn(self, name, x, ctx, mask):
        n, c, hh, ww = x.shape
        heads = self.s["heads"]; dh = c // heads
        cells = self.gn(name + ".norm", x).reshape(n, c, hh * ww).permute(0, 2, 1)
        src = cells if ctx is None else ctx
        q = self.lin(name + ".q", cells).reshape(n, -1, heads, dh).permute(0, 2, 1, 3)
        k = self.lin(name + ".k", src).reshape(n, -1, heads, dh).permute(0, 2, 1, 3)
        v = self.lin(name + ".v", src).reshape(n, -1, heads, dh).permute(0, 2, 1, 3)
        sc = q @ k.transpose(-1, -2) / math.sqrt(dh)
        if ctx is not None:
            sc = sc + mask
        a = (sc.softmax(-1) @ v).permute(0, 2, 1, 3).reshape(n, hh * ww, c)
        return x + self.lin(name + ".out", a).permute(0, 2, 1).reshape(n, c, hh, ww)
    def temb(self, t):
        half = self.s["timeDim"] // 2
        f = torch.exp(-math.log(10000) * torch.arange(half, dtype=torch.float64) / half)
        a = t[:, None].double() * f[None]
        e = torch.cat([a.sin(), a.cos()], 1).float()
        return F.silu(self.lin("unet.time2", F.silu(self.lin("unet.time1", e))))
    def unet(self, z, t, ctx, mask):
        te = self.temb(t)
        h0 = self.res("unet.down0", self.conv("unet.in", z), te)
        h1 = self.res("unet.down1", self.conv("unet.pool0", h0, 2), te)
        h1 = self.attn("unet.down1.cross", h1, ctx, mask)
        m = self.res("unet.mid1", self.conv("unet.pool1", h1, 2), te)
        m = self.attn("unet.mid.cross", m, ctx, mask)
        m = self.attn("unet.mid.self", m, None, None)
        m = self.res("unet.mid2", m, te)
        u1 = self.conv("unet.unpool1", F.interpolate(m, scale_factor=2, mode="nearest"))
        u1 = self.attn("unet.up1.cross", self.res("unet.up1", torch.cat([u1, h1], 1), te), ctx, mask)
        u0 = self.conv("unet.unpool0", F.interpolate(u1, scale_factor=2, mode="nearest"))
        u0 = self.res("unet.up0", torch.cat([u0, h0], 1), te)
        return self.conv("unet.out", F.silu(self.gn("unet.outnorm", u0)))
    def decode(self, z):
        x = F.silu(self.conv("dec.in", z / self.s["latentScale"]))
        for i in range(len(self.s["aeWidths"]) - 1, 0, -1):
            x = F.silu(self.conv("dec.conv%d" % i, x))
            x = F.interpolate(x, scale_factor=2, mode="nearest")
            x = F.silu(self.conv("dec.up%d" % i, x))
        return self.conv("dec.out", x)

def alpha_bar(t, steps):
    if t < 0: return 1.0
    s = 0.008
    f = math.cos(((t + 1) / steps + s) / (1 + s) * math.pi / 2); f0 = math.cos(s / (1 + s) * math.pi / 2)
    return max(1e-5, min(0.99999, f * f / (f0 * f0)))

def sample(tw, ctx, mask, steps, size, cfg=2.0):
    T = tw.s["timesteps"]; c = tw.s["latentChannels"]; cells = size // tw.s["downsample"]
    ts = [round((T - 1) * (1 - i / steps)) for i in range(steps)]
    z = torch.randn(1, c, cells, cells)
    for i, t in enumerate(ts):
        a = alpha_bar(t, T); ap = alpha_bar(ts[i + 1], T) if i + 1 < steps else 1.0
        v = tw.unet(torch.cat([z, z]), torch.full((2,), float(t)), ctx, mask)
        v = v[1:] + cfg * (v[:1] - v[1:])
        x0 = math.sqrt(a) * z - math.sqrt(1 - a) * v
        eps = (z - math.sqrt(a) * x0) / math.sqrt(1 - a)
        z = math.sqrt(ap) * x0 + math.sqrt(1 - ap) * eps
    return tw.decode(z)

def main():
    path, threads = sys.argv[1], int(sys.argv[2])
    steps = int(sys.argv[3]) if len(sys.argv) > 3 else 25
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    torch.set_num_threads(threads)
    spec = json.loads(header(path)["__metadata__"]["spec"])
    t = read_safetensors(path)
    net = {k[4:]: v for k, v in t.items() if k.startswith("net.")}
    ae = {k[3:]: v for k, v in t.items() if k.startswith("ae.")}
    p = dict(net); p.update(ae)
    tw = Twin(p, spec)
    with torch.no_grad():
        v = tw.unet(t["in.z"], torch.tensor([500.0, 500.0]), t["in.context"], t["in.mask"])
        rgb = tw.decode(t["in.z"][:1])
        dv = (v - t["out.v"]).abs().max().item(); dr = (rgb - t["out.rgb"]).abs().max().item()
        print("parity_unet_max_abs_diff: %.3g" % dv)
        print("parity_decoder_max_abs_diff: %.3g" % dr)
        if not (dv < 1e-3 and dr < 1e-3):
            print("error: the PyTorch twin does not match Tessera's outputs", file=sys.stderr); sys.exit(3)
        ctx, mask = t["in.context"], t["in.mask"]
        sample(tw, ctx, mask, steps, 256)
        ms = []
        for _ in range(runs):
            t0 = time.perf_counter(); sample(tw, ctx, mask, steps, 256); ms.append((time.perf_counter() - t0) * 1000)
        ms.sort()
        print("torch_256_%dsteps_ms: %.1f" % (steps, ms[len(ms) // 2]))
        print("torch_threads: %d" % threads)
        print("torch_version: %s" % torch.__version__)

main()
