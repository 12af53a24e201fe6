# The periodic GAN generator of tessera.plugin.gan in PyTorch, for bench/gan.sh: loads Tessera's weights, checks the
# output of one input against Tessera's, then times a 256 px tile at batch 1 and a 2048 px field (BENCH-MODELS.md
# protocol: warm-up >= 1 s, >= 7 runs and >= 3 s, median). Usage: gan_twin.py parity.safetensors threads
import json, math, struct, sys, time
import torch
import torch.nn.functional as F

def read(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n)); data = f.read()
    meta = header.pop("__metadata__", {})
    out = {}
    for k, v in header.items():
        assert v["dtype"] == "F32", (k, v["dtype"])
        b, e = v["data_offsets"]
        out[k] = torch.frombuffer(bytearray(data[b:e]), dtype=torch.float32).reshape(v["shape"])
    return out, meta

def conv(x, w, b):
    return F.conv2d(F.pad(x, (1, 1, 1, 1), mode="circular"), w, b)

def forward(t, spec, local, glob, fam, pal, phases):
    n, _, fh, fw = local.shape
    style = torch.cat([glob, t["family"][fam], t["palette"][pal]], 1)
    g = style.shape[1]
    parts = [local, style[:, :, None, None].expand(n, g, fh, fw)]
    p = spec["periodicWaves"]
    if p:
        k = torch.tanh(F.linear(style, t["wave.weight"], t["wave.bias"])) * (math.pi / 2)
        kx = 2 * math.pi * torch.round(k[:, :p] * fw / (2 * math.pi)) / fw   # block torus lattice, as Torus.snap
        ky = 2 * math.pi * torch.round(k[:, p:] * fh / (2 * math.pi)) / fh
        xs = torch.arange(fw, dtype=torch.float32)[None, None, None, :]
        ys = torch.arange(fh, dtype=torch.float32)[None, None, :, None]
        parts.append(torch.sin(kx[:, :, None, None] * xs + ky[:, :, None, None] * ys + phases[:, :, None, None]))
    x = torch.cat(parts, 1)
    for i in range(len(spec["widths"])):
        if i:
            x = F.interpolate(x, scale_factor=2, mode="nearest")
        x = conv(x, t["level%d.conv.weight" % i], t["level%d.conv.bias" % i])
        x = F.group_norm(x, spec["groups"], t["level%d.norm.weight" % i], t["level%d.norm.bias" % i], 1e-5)
        x = F.relu(x)
    x = F.interpolate(x, scale_factor=2, mode="nearest")
    return torch.tanh(conv(x, t["rgb.weight"], t["rgb.bias"]))

def median_ms(fn, warm, runs, secs):
    end = time.perf_counter() + warm
    fn()
    while time.perf_counter() < end:
        fn()
    ms, start = [], time.perf_counter()
    while len(ms) < runs or time.perf_counter() - start < secs:
        t = time.perf_counter(); fn(); ms.append((time.perf_counter() - t) * 1000)
    ms.sort()
    return ms[len(ms) // 2]

t, meta = read(sys.argv[1])
torch.set_num_threads(int(sys.argv[2]))
spec = json.loads(meta["spec"])
with torch.no_grad():
    fam = t["in.family"].long(); pal = t["in.palette"].long()
    y = forward(t, spec, t["in.local"], t["in.global"], fam, pal, t["in.phases"])
    print("max_abs_diff_tessera_vs_torch_64px: %.2e" % (y - t["out"]).abs().max().item())
    s = 2 ** len(spec["widths"])
    def field(px):
        c = px // s
        return (torch.randn(1, spec["localChannels"], c, c), torch.randn(1, spec["globalChannels"]), fam, pal,
                torch.rand(1, spec["periodicWaves"]) * 6.28)
    a = field(256); b = field(2048)
    print("torch_256_batch1_ms: %.4g" % median_ms(lambda: forward(t, spec, *a), 1, 7, 3))
    print("torch_2048_field_ms: %.4g" % median_ms(lambda: forward(t, spec, *b), 0, 3, 0))
    print("torch_threads: %d" % torch.get_num_threads())
