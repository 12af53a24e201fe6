package tessera.plugin.qa.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** #10 print simulator: a clean scan matches its design through the true placement; planted defects show in the mask and the ΔE map. */
class PrintSimulatorTest {
    private static SimulatedSet set;

    @BeforeAll
    static void textures() throws Exception {
        Assumptions.assumeTrue(Textures.installed() || !"true".equals(System.getenv("CI")), "CI installs the Debian textures");
        set = new SimulatedSet(true);
    }

    private static double median(float[] v) {
        float[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }

    @Test
    void cleanScanMatchesItsDesignThroughTheTruePlacement() {
        for (long i = 0; i < 4; i++) {
            SimulatedSet.Sample s = set.sample(i, 160, 0, 0, 0);
            assertThat(s.defective()).isFalse();
            assertThat(median(s.comparison().deltaE)).as("median ΔE00 of a clean print, sample " + i).isLessThan(3.0);
        }
    }

    @Test
    void plantedDefectsAreInTheMaskAndStandOutInTheDifference() {
        int seen = 0;
        for (long i = 10; i < 16; i++) {
            SimulatedSet.Sample s = set.sample(i, 200, 2, 0, 0);
            if (!s.defective()) {
                continue; // a defect can land where it changes nothing visible (e.g. missing ink on white)
            }
            seen++;
            double in = 0;
            double out = 0;
            int nin = 0;
            int nout = 0;
            for (int p = 0; p < s.target().length; p++) {
                if (s.target()[p] > 0.5) {
                    in += s.comparison().deltaE[p];
                    nin++;
                } else if (s.target()[p] == 0) {
                    out += s.comparison().deltaE[p];
                    nout++;
                }
            }
            if (nin > 0) {
                assertThat(in / nin).as("ΔE inside vs outside the defect mask, sample " + i).isGreaterThan(2 * out / nout);
            }
        }
        assertThat(seen).isGreaterThan(2);
    }
}
