package tessera.plugin.qa.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import tessera.api.repeat.RepeatGeometry;

/** The shared-lookup fast path samples exactly what four wrapped lookups give, under every repeat. */
class DesignRepeatTest {

    @Test
    void bilinearSamplesEqualFourWrappedLookupsUnderEveryRepeat() {
        int w = 7;
        int h = 5;
        SplittableRandom rnd = new SplittableRandom(3);
        float[] a = new float[w * h];
        float[] b = new float[w * h];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rnd.nextDouble();
            b[i] = (float) rnd.nextDouble();
        }
        for (RepeatGeometry repeat : new RepeatGeometry[] {RepeatGeometry.BLOCK, RepeatGeometry.HALF_DROP,
            RepeatGeometry.HALF_BRICK, RepeatGeometry.MIRROR}) {
            DesignRepeat d = new DesignRepeat(w, h, repeat, a, b);
            float[][] out = new float[2][1];
            for (int k = 0; k < 4000; k++) {
                // points across several cells on both sides of the origin, many on a tile's last row or column
                double u = rnd.nextInt(-3 * w, 3 * w) + (k % 3 == 0 ? 0 : rnd.nextDouble());
                double v = rnd.nextInt(-3 * h, 3 * h) + (k % 5 == 0 ? 0 : rnd.nextDouble());
                d.sampleAll(u, v, out, 0);
                assertThat(out[0][0]).as("%s plane 0 at (%s, %s)", repeat, u, v).isEqualTo(reference(d, a, u, v));
                assertThat(out[1][0]).as("%s plane 1 at (%s, %s)", repeat, u, v).isEqualTo(reference(d, b, u, v));
                assertThat(d.sample(1, u, v)).as("%s sample at (%s, %s)", repeat, u, v).isEqualTo(reference(d, b, u, v));
            }
        }
    }

    private static float reference(DesignRepeat d, float[] q, double u, double v) {
        int x0 = (int) Math.floor(u);
        int y0 = (int) Math.floor(v);
        float fx = (float) (u - x0);
        float fy = (float) (v - y0);
        float a = q[d.index(x0, y0)];
        float b = q[d.index(x0 + 1, y0)];
        float c = q[d.index(x0, y0 + 1)];
        float e = q[d.index(x0 + 1, y0 + 1)];
        return (a + (b - a) * fx) * (1 - fy) + (c + (e - c) * fx) * fy;
    }
}
