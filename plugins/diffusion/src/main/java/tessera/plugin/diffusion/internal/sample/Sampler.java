package tessera.plugin.diffusion.internal.sample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;

import tessera.api.image.RgbImage;
import tessera.compute.Autograd;
import tessera.compute.ComputeDevice;
import tessera.compute.Tensor;
import tessera.compute.TensorScope;
import tessera.compute.guidance.GuidancePenalty;
import tessera.compute.ops.Elementwise;
import tessera.compute.ops.Shapes;
import tessera.compute.spi.CounterRng;
import tessera.plugin.diffusion.internal.model.Denoiser;
import tessera.plugin.diffusion.internal.model.LatentAutoencoder;
import tessera.plugin.diffusion.internal.model.NoiseSchedule;
import tessera.plugin.diffusion.internal.model.TextEncoder;

/**
 * DDIM (Song et al., 2021; deterministic, η = 0) over the v-prediction UNet with classifier-free guidance, and the
 * three ways a design can be steered on the way:
 * <ul>
 * <li>constraint guidance: at each step the predicted clean latent x̂₀ is decoded, the constraint penalties are
 * measured on the tile, and x̂₀ moves down their gradient before the step continues (guidance on the predicted
 * clean image, as in universal guidance, Bansal et al. 2023), so the design comes out closer to manufacturable;</li>
 * <li>image to image: sampling starts part-way, from the source's latent noised to that level ({@code strength});</li>
 * <li>inpainting and outpainting: where the mask keeps the source, the latent is replaced after every step by the
 * source noised to the step's level, so the new part grows into the kept part (RePaint-style, without resampling).</li>
 * </ul>
 * All of it runs on a {@link LatentField}, so tiles stay periodic under the requested repeat.
 */
public final class Sampler {
    private final Denoiser net;
    private final LatentAutoencoder ae;
    private final NoiseSchedule schedule;

    public Sampler(Denoiser net, LatentAutoencoder ae) {
        this.net = net;
        this.ae = ae;
        this.schedule = new NoiseSchedule(net.spec().timesteps());
    }

    /**
     * @param steps       DDIM steps, 1..timesteps
     * @param cfg         classifier-free guidance scale (1 = conditional only, no unconditional pass)
     * @param penalties   constraint penalties on the tile (sRGB [0, 1]); empty for none
     * @param guidance    strength of constraint guidance, 0..100
     * @param strength    1 = from pure noise; below 1 starts from the job's source at that noise level
     */
    public record Options(int steps, float cfg, List<GuidancePenalty> penalties, double guidance, double strength) {
        public Options {
            penalties = penalties == null ? List.of() : List.copyOf(penalties);
            if (strength <= 0 || strength > 1) {
                throw new IllegalArgumentException("strength must be in (0, 1], got " + strength);
            }
        }

        public static Options of(int steps, float cfg) {
            return new Options(steps, cfg, List.of(), 0, 1);
        }
    }

    /**
     * One design to make.
     *
     * @param prompt the text
     * @param seed   its noise
     * @param source scaled latent of a source design on the field, [C, fieldH, fieldW] values, or null
     * @param keep   per field cell, 1 where the source is kept (inpainting), or null to regenerate everywhere
     */
    public record Job(String prompt, long seed, float[] source, float[] keep) {
    }

    /** A finished design: RGB of tile 0 in [−1, 1], [3, tileH·s, tileW·s] values, and penalties before/after guidance. */
    public record Made(float[] rgb, int width, int height, Map<String, double[]> penalties) {
        /** The tile as sRGB in [0, 1], clamped. */
        public RgbImage image() {
            float[] p = rgb.clone();
            for (int i = 0; i < p.length; i++) {
                p[i] = Math.max(0f, Math.min(1f, (p[i] + 1) / 2));
            }
            return RgbImage.wrap(width, height, p);
        }
    }

    public List<Made> sample(List<Job> jobs, LatentField field, Options o, DoubleConsumer progress, BooleanSupplier cancelled) {
        ComputeDevice d = net.parameters().device();
        int c = net.spec().latentChannels(), fw = field.fieldW(), fh = field.fieldH(), plane = fw * fh;
        int n = jobs.size();
        int[] ts = schedule.sampling(o.steps());
        int first = o.strength() >= 1 ? 0 : (int) Math.min(ts.length - 1, Math.round(ts.length * (1 - o.strength())));
        boolean uncond = o.cfg() != 1f;
        List<Map<String, double[]>> measured = new ArrayList<>();
        float[] noise = new float[n * c * plane];
        float[] z = new float[n * c * plane];
        for (int i = 0; i < n; i++) {
            Job j = jobs.get(i);
            float[] tile = gaussian(j.seed(), c * field.tileW() * field.tileH());
            System.arraycopy(field.layOut(tile, c), 0, noise, i * c * plane, c * plane);
            measured.add(new LinkedHashMap<>());
        }
        double a0 = schedule.alphaBar(ts[first]);
        for (int i = 0; i < n * c * plane; i++) {
            float src = sourceAt(jobs, i, c * plane);
            z[i] = (float) (Math.sqrt(a0) * src + Math.sqrt(1 - a0) * noise[i]);
        }
        try (TensorScope scope = TensorScope.open()) {
            TextEncoder.Context ctx;
            List<String> prompts = new ArrayList<>();
            jobs.forEach(j -> prompts.add(j.prompt()));
            if (uncond) {
                jobs.forEach(j -> prompts.add(""));
            }
            try (var off = Autograd.noGrad()) {
                ctx = net.text().encode(prompts, d);
            }
            for (int s = first; s < ts.length; s++) {
                if (cancelled.getAsBoolean()) {
                    return List.of();
                }
                double a = schedule.alphaBar(ts[s]);
                double aPrev = s + 1 < ts.length ? schedule.alphaBar(ts[s + 1]) : 1;
                float[] x0;
                try (TensorScope step = TensorScope.open(); var off = Autograd.noGrad()) {
                    Tensor zt = Tensor.of(d, z, n, c, fh, fw);
                    Tensor in = uncond ? Shapes.concat(0, zt, zt) : zt;
                    float[] t = new float[in.dim(0)];
                    java.util.Arrays.fill(t, ts[s]);
                    Tensor v = net.forward(in, t, ctx);
                    if (uncond) {
                        Tensor vc = Shapes.slice(v, 0, 0, n), vu = Shapes.slice(v, 0, n, 2 * n);
                        v = Elementwise.add(vu, Elementwise.mul(Elementwise.sub(vc, vu), o.cfg()));
                    }
                    // x̂₀ = √ᾱ z − √(1−ᾱ) v
                    x0 = Elementwise.sub(Elementwise.mul(zt, (float) Math.sqrt(a)), Elementwise.mul(v, (float) Math.sqrt(1 - a))).toArray();
                }
                if (!o.penalties().isEmpty() && o.guidance() > 0 && s + 1 < ts.length) {
                    for (int i = 0; i < n; i++) {
                        guide(x0, i, field, o, measured.get(i), s == first);
                    }
                }
                for (int i = 0; i < z.length; i++) {
                    // ε̂ from x̂₀ (after guidance, so the step stays consistent with the moved estimate)
                    double eps = (z[i] - Math.sqrt(a) * x0[i]) / Math.sqrt(1 - a);
                    z[i] = (float) (Math.sqrt(aPrev) * x0[i] + Math.sqrt(1 - aPrev) * eps);
                    float keep = keepAt(jobs, i, c * plane, plane);
                    if (keep > 0) {
                        double known = Math.sqrt(aPrev) * sourceAt(jobs, i, c * plane) + Math.sqrt(1 - aPrev) * noise[i];
                        z[i] = (float) (keep * known + (1 - keep) * z[i]);
                    }
                }
                z = field.impose(z, n, c);
                progress.accept((s - first + 1.0) / (ts.length - first));
            }
            List<Made> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                try (TensorScope one = TensorScope.open(); var off = Autograd.noGrad()) {
                    float[] zi = java.util.Arrays.copyOfRange(z, i * c * plane, (i + 1) * c * plane);
                    Tensor rgb = tile(ae.decode(Tensor.of(d, zi, 1, c, fh, fw)), field);
                    if (!o.penalties().isEmpty() && o.guidance() > 0) {
                        Tensor rgb01 = Elementwise.mul(Elementwise.add(rgb, 1f), 0.5f);
                        for (GuidancePenalty p : o.penalties()) {
                            double after = p.penalty(rgb01).item();
                            measured.get(i).computeIfAbsent(p.rule(), k -> new double[] {after, after})[1] = after;
                        }
                    }
                    out.add(new Made(rgb.toArray(), rgb.dim(3), rgb.dim(2), measured.get(i)));
                }
            }
            return out;
        }
    }

    /** Moves sample i's x̂₀ down the gradient of the penalties measured on its decoded tile. */
    private void guide(float[] x0, int i, LatentField field, Options o, Map<String, double[]> measured, boolean firstStep) {
        ComputeDevice d = net.parameters().device();
        int c = net.spec().latentChannels(), size = c * field.fieldW() * field.fieldH();
        try (TensorScope s = TensorScope.open()) {
            Tensor x = Tensor.of(d, java.util.Arrays.copyOfRange(x0, i * size, (i + 1) * size), 1, c, field.fieldH(),
                    field.fieldW()).requiresGrad(true);
            Tensor rgb01 = Elementwise.mul(Elementwise.add(tile(ae.decode(x), field), 1f), 0.5f);
            Tensor total = null;
            for (GuidancePenalty p : o.penalties()) {
                Tensor v = p.penalty(rgb01);
                if (firstStep) {
                    double before = v.item();
                    measured.put(p.rule(), new double[] {before, before});
                }
                total = total == null ? v : Elementwise.add(total, v);
            }
            float[] g = Autograd.grad(total, x)[0].toArray();
            double rms = 0, xr = 0;
            for (int k = 0; k < g.length; k++) {
                rms += g[k] * g[k];
                xr += x0[i * size + k] * x0[i * size + k];
            }
            rms = Math.sqrt(rms / g.length);
            xr = Math.sqrt(xr / g.length);
            if (rms == 0 || !Double.isFinite(rms)) {
                return;
            }
            // a step of a fixed share of x̂₀'s own size per unit of strength: the penalties' scales differ by orders
            // of magnitude, their directions are what guidance needs
            double eta = 0.002 * o.guidance() * Math.max(xr, 0.1) / rms;
            for (int k = 0; k < g.length; k++) {
                x0[i * size + k] -= (float) (eta * g[k]);
            }
        }
    }

    /** Tile 0 of a decoded field. */
    private Tensor tile(Tensor rgb, LatentField field) {
        int s = net.spec().downsample();
        return Shapes.slice(Shapes.slice(rgb, 2, 0, field.tileH() * s), 3, 0, field.tileW() * s);
    }

    private static float sourceAt(List<Job> jobs, int i, int perJob) {
        float[] src = jobs.get(i / perJob).source();
        return src == null ? 0f : src[i % perJob];
    }

    private static float keepAt(List<Job> jobs, int i, int perJob, int plane) {
        Job j = jobs.get(i / perJob);
        if (j.keep() == null || j.source() == null) {
            return 0f;
        }
        return j.keep()[(i % perJob) % plane];
    }

    /** The starting noise of one tile: the compute core's counter-based normals, the same on every device. */
    static float[] gaussian(long seed, int count) {
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = CounterRng.normal(seed, i);
        }
        return out;
    }
}
