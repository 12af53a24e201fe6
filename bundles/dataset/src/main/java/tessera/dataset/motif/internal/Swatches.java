package tessera.dataset.motif.internal;

/** Swatch tables for {@link Canvas#paint}: index 0 the ground, then the motif inks. */
final class Swatches {
    private Swatches() {
    }

    static float[][] of(InkSet inks) {
        float[][] s = new float[inks.motifInks() + 1][];
        s[0] = inks.ground().channels();
        for (int i = 0; i < inks.motifInks(); i++) {
            s[i + 1] = inks.ink(i).channels();
        }
        return s;
    }
}
