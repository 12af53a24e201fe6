package tessera.imaging.colour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.color.ColorSpace;
import java.util.Random;

import org.junit.jupiter.api.Test;

import tessera.api.InvalidValueException;
import tessera.api.image.RgbImage;

class ColourConversionTest {
    @Test
    void transferCurveRoundTripsAndMatchesTheStandard() {
        assertThat(Srgb.toLinear(0.5)).isCloseTo(0.214041, within(1e-6));
        assertThat(Srgb.toLinear(0.04)).isCloseTo(0.04 / 12.92, within(1e-12));
        for (double v = 0; v <= 1; v += 0.01) {
            assertThat(Srgb.toEncoded(Srgb.toLinear(v))).isCloseTo(v, within(1e-12));
        }
    }

    @Test
    void whiteIsExactlyLab100InBothWhites() {
        for (WhitePoint w : WhitePoint.values()) {
            Lab white = Srgb.toLab(1, 1, 1, w);
            assertThat(white.l()).isCloseTo(100, within(1e-9));
            assertThat(white.a()).isCloseTo(0, within(1e-9));
            assertThat(white.b()).isCloseTo(0, within(1e-9));
        }
    }

    @Test
    void primariesMatchPublishedLabValues() {
        // Lindbloom's calculator, sRGB, D65 reference white / D50 with Bradford adaptation
        Lab redD65 = Srgb.toLab(1, 0, 0, WhitePoint.D65);
        assertThat(redD65.l()).isCloseTo(53.2408, within(0.01));
        assertThat(redD65.a()).isCloseTo(80.0925, within(0.02));
        assertThat(redD65.b()).isCloseTo(67.2032, within(0.02));
        Lab redD50 = Srgb.toLab(1, 0, 0, WhitePoint.D50);
        assertThat(redD50.l()).isCloseTo(54.2917, within(0.02));
        assertThat(redD50.a()).isCloseTo(80.8049, within(0.05));
        assertThat(redD50.b()).isCloseTo(69.8910, within(0.05));
    }

    @Test
    void d50LabAgreesWithJavasIccSrgbProfile() {
        // independent reference: Java's ICC sRGB profile to the D50 ICC connection space
        ColorSpace srgb = ColorSpace.getInstance(ColorSpace.CS_sRGB);
        Random r = new Random(7);
        for (int i = 0; i < 50; i++) {
            float[] rgb = {r.nextFloat(), r.nextFloat(), r.nextFloat()};
            float[] xyz = srgb.toCIEXYZ(rgb);
            Lab viaIcc = Lab.fromXyz(new double[] {xyz[0], xyz[1], xyz[2]}, WhitePoint.D50);
            Lab ours = Srgb.toLab(rgb[0], rgb[1], rgb[2], WhitePoint.D50);
            assertThat(DeltaE.ciede2000(viaIcc, ours)).as("rgb %s", java.util.Arrays.toString(rgb)).isLessThan(1.0);
        }
    }

    @Test
    void labRoundTripsThroughXyz() {
        Random r = new Random(3);
        for (WhitePoint w : WhitePoint.values()) {
            for (int i = 0; i < 200; i++) {
                double[] rgb = {r.nextDouble(), r.nextDouble(), r.nextDouble()};
                double[] back = Srgb.fromLab(Srgb.toLab(rgb[0], rgb[1], rgb[2], w), w);
                for (int c = 0; c < 3; c++) {
                    assertThat(back[c]).isCloseTo(rgb[c], within(1e-9));
                }
            }
        }
    }

    @Test
    void bradfordMapsWhiteToWhiteAndBackToIdentity() {
        double[] d50 = ChromaticAdaptation.adapt(WhitePoint.D65.xyz(), WhitePoint.D65, WhitePoint.D50);
        assertThat(d50).containsExactly(WhitePoint.D50.xyz(), within(1e-12));
        double[] x = {0.3, 0.2, 0.5};
        double[] back = ChromaticAdaptation.adapt(ChromaticAdaptation.adapt(x, WhitePoint.D65, WhitePoint.D50), WhitePoint.D50, WhitePoint.D65);
        assertThat(back).containsExactly(x, within(1e-12));
        // the published Bradford D65→D50 matrix (Lindbloom)
        double[][] m = ChromaticAdaptation.bradford(WhitePoint.D65, WhitePoint.D50);
        assertThat(m[0]).containsExactly(new double[] {1.0478112, 0.0228866, -0.0501270}, within(1e-4));
        assertThat(m[2]).containsExactly(new double[] {-0.0092345, 0.0150436, 0.7521316}, within(1e-4));
    }

    @Test
    void bulkConversionAgreesWithThePerColourOne() {
        int w = 300;
        int h = 200;
        Random r = new Random(11);
        float[] p = new float[3 * w * h];
        for (int i = 0; i < p.length; i++) {
            p[i] = r.nextFloat();
        }
        p[0] = 0;
        p[w * h] = 0;
        p[2 * w * h] = 0; // black
        p[1] = 1;
        p[w * h + 1] = 1;
        p[2 * w * h + 1] = 1; // white
        RgbImage rgb = RgbImage.wrap(w, h, p);
        for (WhitePoint white : WhitePoint.values()) {
            LabImage lab = LabImage.of(rgb, white);
            for (int i = 0; i < w * h; i += 7) {
                int x = i % w;
                int y = i / w;
                Lab exact = Srgb.toLab(rgb.get(0, y, x), rgb.get(1, y, x), rgb.get(2, y, x), white);
                Lab fast = lab.lab(x, y);
                assertThat(fast.l()).isCloseTo(exact.l(), within(2e-3));
                assertThat(fast.a()).isCloseTo(exact.a(), within(2e-3));
                assertThat(fast.b()).isCloseTo(exact.b(), within(2e-3));
            }
            assertThat(lab.get(0, 0, 0)).isCloseTo(0f, within(1e-4f));
            assertThat(lab.get(0, 0, 1)).isCloseTo(100f, within(1e-3f));
        }
    }

    @Test
    void labImageConvertsBackToRgb() {
        RgbImage rgb = RgbImage.fromPackedRgb(3, 1, new int[] {0x112233, 0x808080, 0xff8000});
        RgbImage back = LabImage.of(rgb).toRgb();
        assertThat(back.toPackedRgb()).containsExactly(rgb.toPackedRgb());
    }

    @Test
    void wrapRejectsWrongLength() {
        assertThatThrownBy(() -> LabImage.wrap(2, 2, WhitePoint.D50, new float[5])).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("2×2");
    }
}
