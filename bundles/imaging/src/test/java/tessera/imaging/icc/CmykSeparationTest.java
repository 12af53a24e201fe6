package tessera.imaging.icc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.stream.ImageInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.api.image.RgbImage;
import tessera.imaging.colour.DeltaE;
import tessera.imaging.colour.Lab;
import tessera.imaging.colour.LabImage;
import tessera.imaging.colour.Srgb;
import tessera.imaging.colour.WhitePoint;
import tessera.imaging.io.ImageFiles;
import tessera.imaging.io.PixelSource;
import tessera.imaging.io.RasterFile;
import tessera.imaging.io.TiffOptions;

class CmykSeparationTest {
    private static final CmykSeparation PERCEPTUAL = CmykSeparation.fogra39();
    private static final CmykSeparation COLORIMETRIC = new CmykSeparation(CmykProfile.fogra39(), RenderingIntent.RELATIVE_COLORIMETRIC);

    @TempDir
    Path dir;

    @Test
    void shippedProfileIsACmykPressProfile() {
        CmykProfile p = CmykProfile.fogra39();
        assertThat(p.description()).contains("FOGRA39");
        assertThat(p.bytes().length).isBetween(100_000, 1_000_000);
        assertThat(ICC_Profile.getInstance(p.bytes()).getColorSpaceType()).isEqualTo(ColorSpace.TYPE_CMYK);
    }

    @Test
    void knownColoursSeparateIntoPlausibleInks() {
        float[] paper = PERCEPTUAL.separate(1, 1, 1);
        for (float ink : paper) {
            assertThat(ink).isLessThan(0.01f);
        }

        float[] black = PERCEPTUAL.separate(0, 0, 0);
        assertThat(black[3]).isGreaterThan(0.9f); // rich black: full K under CMY
        assertThat(black[0] + black[1] + black[2] + black[3]).isBetween(2.5f, 3.32f);

        float[] red = COLORIMETRIC.separate(0.8f, 0.1f, 0.1f);
        assertThat(red[1]).isGreaterThan(0.7f); // magenta
        assertThat(red[2]).isGreaterThan(0.6f); // yellow
        assertThat(red[0]).isLessThan(0.2f); // hardly any cyan

        float[] sky = COLORIMETRIC.separate(0.4f, 0.7f, 0.9f);
        assertThat(sky[0]).isGreaterThan(sky[1]).isGreaterThan(sky[2]); // cyan leads, yellow least

        float[] grey = COLORIMETRIC.separate(0.5f, 0.5f, 0.5f);
        assertThat(grey[3]).isGreaterThan(0.2f); // ramp black generation: grey carries K
        assertThat(Math.abs(grey[0] - grey[1])).isLessThan(0.1f); // grey balance: C a little above M and Y
    }

    @Test
    void inGamutColoursRoundTripWithinAFewDeltaE() {
        // muted textile colours, all inside the coated-offset gamut
        float[][] colours = {{0.5f, 0.5f, 0.5f}, {0.8f, 0.6f, 0.5f}, {0.3f, 0.4f, 0.3f}, {0.6f, 0.5f, 0.7f},
            {0.7f, 0.7f, 0.5f}, {0.2f, 0.3f, 0.5f}, {0.9f, 0.85f, 0.8f}, {0.4f, 0.25f, 0.2f}};
        for (float[] c : colours) {
            Lab in = Srgb.toLab(c[0], c[1], c[2], WhitePoint.D50);
            float[] ink = COLORIMETRIC.separate(c[0], c[1], c[2]);
            float[] back = COLORIMETRIC.proof(ink[0], ink[1], ink[2], ink[3]);
            Lab out = Srgb.toLab(back[0], back[1], back[2], WhitePoint.D50);
            assertThat(DeltaE.ciede2000(in, out)).as("colorimetric %s", java.util.Arrays.toString(c)).isLessThan(1.5);

            float[] inkP = PERCEPTUAL.separate(c[0], c[1], c[2]);
            float[] backP = PERCEPTUAL.proof(inkP[0], inkP[1], inkP[2], inkP[3]);
            Lab outP = Srgb.toLab(backP[0], backP[1], backP[2], WhitePoint.D50);
            // perceptual compresses all of sRGB into the press gamut, so even in-gamut colours move (lavender ≈ 5.2)
            assertThat(DeltaE.ciede2000(in, outP)).as("perceptual %s", java.util.Arrays.toString(c)).isLessThan(8);
        }
    }

    @Test
    void outOfGamutColourIsMappedNotLost() {
        // sRGB pure blue lies outside offset on coated paper: the proof is close but not equal
        float[] ink = COLORIMETRIC.separate(0, 0, 1);
        float[] back = COLORIMETRIC.proof(ink[0], ink[1], ink[2], ink[3]);
        double de = DeltaE.ciede2000(Srgb.toLab(0, 0, 1, WhitePoint.D50), Srgb.toLab(back[0], back[1], back[2], WhitePoint.D50));
        assertThat(de).isBetween(3.0, 30.0);
        assertThat(back[2]).isGreaterThan(back[0]).isGreaterThan(0.1f);
    }

    @Test
    void totalInkStaysWithinTheLimit() {
        Random r = new Random(5);
        float[] p = new float[3 * 64 * 64];
        for (int i = 0; i < p.length; i++) {
            p[i] = r.nextFloat();
        }
        CmykImage cmyk = PERCEPTUAL.separate(RgbImage.wrap(64, 64, p));
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                assertThat(cmyk.totalInk(x, y)).isLessThanOrEqualTo(3.32f);
            }
        }
    }

    @Test
    void streamedSeparationEqualsWholeTileSeparation() {
        Random r = new Random(9);
        float[] p = new float[3 * 50 * 40];
        for (int i = 0; i < p.length; i++) {
            p[i] = r.nextFloat();
        }
        RgbImage tile = RgbImage.wrap(50, 40, p);
        CmykImage whole = PERCEPTUAL.separate(tile);
        PixelSource streamed = PERCEPTUAL.separate(PixelSource.of(tile));
        float[] strip = new float[4 * 7 * 50];
        for (int y = 0; y < 40; y += 7) {
            int rows = Math.min(7, 40 - y);
            streamed.readRows(y, rows, strip);
            for (int c = 0; c < 4; c++) {
                for (int rr = 0; rr < rows; rr++) {
                    for (int x = 0; x < 50; x++) {
                        assertThat(strip[(c * rows + rr) * 50 + x]).isEqualTo(whole.get(c, y + rr, x));
                    }
                }
            }
        }
    }

    @Test
    void imageSeparationTableStaysCloseToTheDirectTransform() {
        Random r = new Random(21);
        int n = 2000;
        float[] p = new float[3 * n];
        for (int i = 0; i < p.length; i++) {
            p[i] = r.nextFloat();
        }
        for (CmykSeparation sep : new CmykSeparation[] {PERCEPTUAL, COLORIMETRIC}) {
            CmykImage viaTable = sep.separate(RgbImage.wrap(n, 1, p));
            double sum = 0;
            double worstDeltaE = 0;
            float maxInk = 0;
            for (int i = 0; i < n; i++) {
                float[] direct = sep.separate(p[i], p[n + i], p[2 * n + i]);
                float[] table = new float[4];
                for (int k = 0; k < 4; k++) {
                    table[k] = viaTable.get(k, 0, i);
                    float d = Math.abs(direct[k] - table[k]);
                    maxInk = Math.max(maxInk, d);
                    sum += d;
                }
                float[] a = sep.proof(direct[0], direct[1], direct[2], direct[3]);
                float[] b = sep.proof(table[0], table[1], table[2], table[3]);
                worstDeltaE = Math.max(worstDeltaE, DeltaE.ciede2000(Srgb.toLab(a[0], a[1], a[2], WhitePoint.D50),
                        Srgb.toLab(b[0], b[1], b[2], WhitePoint.D50)));
            }
            // measured: max 0.025 (perceptual) and 0.036 (colorimetric, near gamut clipping), ΔE00 ≤ 0.66
            assertThat(maxInk).as("largest ink difference").isLessThan(0.05f);
            assertThat(sum / (4 * n)).as("mean ink difference").isLessThan(0.002);
            assertThat(worstDeltaE).as("largest printed colour difference").isLessThan(1.0);
        }
    }

    @Test
    void cmykTiffEmbedsThePressProfile() throws IOException {
        RgbImage tile = RgbImage.fromPackedRgb(2, 1, new int[] {0xffffff, 0x000000});
        Path file = dir.resolve("sep.tif");
        COLORIMETRIC.writeTiff(PixelSource.of(tile), TiffOptions.of(300).withBitDepth(16), file);
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader r = ImageIO.getImageReadersByFormatName("tiff").next();
            r.setInput(in);
            TIFFDirectory d = TIFFDirectory.createFromMetadata(r.getImageMetadata(0));
            assertThat(d.getTIFFField(34675).getAsBytes()).isEqualTo(CmykProfile.fogra39().bytes());
            var raster = r.read(0).getRaster();
            assertThat(raster.getSample(0, 0, 3)).isLessThan(700); // paper: no black ink
            assertThat(raster.getSample(1, 0, 3)).isGreaterThan(60000); // black: full K
        }
    }

    @Test
    void cmykTiffReadsBackAsItsSoftProof() throws IOException {
        RgbImage tile = RgbImage.fromPackedRgb(4, 2, new int[] {0x808080, 0xc89678, 0x4d664d, 0x9980b3, 0xb3b380, 0x334d80, 0xe6d9cc, 0x664033});
        Path file = dir.resolve("proof.tif");
        COLORIMETRIC.writeTiff(PixelSource.of(tile), TiffOptions.of(200).withBitDepth(16), file);
        RasterFile back = ImageFiles.read(file);
        assertThat(back.iccProfile()).isEqualTo(CmykProfile.fogra39().bytes());
        assertThat(back.dpiX()).isEqualTo(200.0);
        double mean = DeltaE.meanCiede2000(LabImage.of(tile), LabImage.of(back.image()));
        assertThat(mean).isLessThan(1.5);
    }

    @Test
    void rejectsProfilesThatAreNotCmyk() {
        byte[] srgb = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
        assertThatThrownBy(() -> CmykProfile.of(srgb)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a CMYK profile");
        assertThatThrownBy(() -> CmykProfile.of(new byte[10])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an ICC profile");
    }
}
