package tessera.imaging.colour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class DeltaETest {
    record Pair(int id, Lab first, Lab second, double deltaE) {
    }

    /** Sharma, Wu & Dalal (2005) Table 1; see the header of the resource for the source. */
    static List<Pair> sharmaPairs() throws IOException {
        List<Pair> pairs = new ArrayList<>();
        try (var in = DeltaETest.class.getResourceAsStream("/ciede2000-sharma-2005.txt");
                var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.trim().split("\\s+");
                // pair 1 L1 a1 b1 ap1 cp1 hp1 hbar1 G T SL SC SH RT dE 2 L2 a2 b2 ...
                pairs.add(new Pair(Integer.parseInt(f[0]),
                        new Lab(Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4])),
                        new Lab(Double.parseDouble(f[17]), Double.parseDouble(f[18]), Double.parseDouble(f[19])),
                        Double.parseDouble(f[15])));
            }
        }
        return pairs;
    }

    @Test
    void allThirtyFourSharmaPairsMatchToFourDecimals() throws IOException {
        List<Pair> pairs = sharmaPairs();
        assertThat(pairs).hasSize(34);
        for (Pair p : pairs) {
            assertThat(DeltaE.ciede2000(p.first(), p.second())).as("pair %d", p.id()).isCloseTo(p.deltaE(), within(5e-5));
            assertThat(DeltaE.ciede2000(p.second(), p.first())).as("pair %d swapped", p.id()).isCloseTo(p.deltaE(), within(5e-5));
        }
    }

    @Test
    void identicalColoursDifferByZero() {
        Lab c = new Lab(43.2, 12.5, -30.1);
        assertThat(DeltaE.ciede2000(c, c)).isZero();
        assertThat(DeltaE.cie76(c, c)).isZero();
    }

    @Test
    void cie76IsEuclidean() {
        assertThat(DeltaE.cie76(new Lab(50, 0, 0), new Lab(53, 4, 0))).isEqualTo(5.0);
    }

    @Test
    void lightnessWeightHalvesALightnessOnlyDifference() {
        Lab x = new Lab(50, 0, 0);
        Lab y = new Lab(54, 0, 0);
        double ref = DeltaE.ciede2000(x, y);
        double textile = DeltaE.ciede2000(50, 0, 0, 54, 0, 0, 2, 1, 1);
        assertThat(textile).isCloseTo(ref / 2, within(1e-12));
    }

    @Test
    void mapComparesImagesPixelByPixel() {
        float[] a = new float[3 * 2];
        float[] b = new float[3 * 2];
        a[0] = 50;
        b[0] = 50;
        a[1] = 50;
        b[1] = 54;
        LabImage x = LabImage.wrap(2, 1, WhitePoint.D50, a);
        LabImage y = LabImage.wrap(2, 1, WhitePoint.D50, b);
        float[] map = DeltaE.ciede2000Map(x, y);
        assertThat(map[0]).isZero();
        assertThat((double) map[1]).isCloseTo(DeltaE.ciede2000(new Lab(50, 0, 0), new Lab(54, 0, 0)), within(1e-5));
        assertThat(DeltaE.meanCiede2000(x, y)).isCloseTo(map[1] / 2.0, within(1e-6));
    }
}
