package tessera.plugin.diffusion.internal.model;

/**
 * The cosine noise schedule (Nichol and Dhariwal, 2021): ᾱ(t) = cos²(((t/T) + s)/(1 + s) · π/2), with the
 * v-parameterisation's conversions. Cosine rather than linear because small latents lose their structure early
 * under a linear schedule, wasting most steps on pure noise.
 */
public final class NoiseSchedule {
    private static final double S = 0.008;
    private final int steps;

    public NoiseSchedule(int steps) {
        this.steps = steps;
    }

    public int steps() {
        return steps;
    }

    /** ᾱ at timestep t (0 = almost clean, steps − 1 = almost pure noise); t = −1 is the clean image (ᾱ = 1). */
    public double alphaBar(double t) {
        if (t < 0) {
            return 1;
        }
        double f = Math.cos(((t + 1) / steps + S) / (1 + S) * Math.PI / 2);
        double f0 = Math.cos(S / (1 + S) * Math.PI / 2);
        return Math.max(1e-5, Math.min(0.99999, f * f / (f0 * f0)));
    }

    /**
     * Evenly spaced timesteps for a sampler of {@code n} steps, from the noisiest down; the last one is followed by
     * the clean image.
     */
    public int[] sampling(int n) {
        if (n < 1 || n > steps) {
            throw new IllegalArgumentException("sampling steps must be 1.." + steps + ", got " + n);
        }
        int[] ts = new int[n];
        for (int i = 0; i < n; i++) {
            ts[i] = (int) Math.round((steps - 1) * (1 - (double) i / n));
        }
        return ts;
    }
}
