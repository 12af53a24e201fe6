package tessera.plugin.constraints.internal.ink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tessera.api.constraint.ConstraintReport;
import tessera.api.constraint.RepairResult;
import tessera.api.constraint.Severity;
import tessera.api.constraint.Violation;
import tessera.api.pattern.Pattern;
import tessera.api.profile.ProductionProfile;
import tessera.api.repeat.RepeatGeometry;
import tessera.imaging.icc.CmykImage;
import tessera.imaging.icc.CmykSeparation;
import tessera.imaging.icc.RenderingIntent;
import tessera.plugin.constraints.internal.Designs;

class InkSolverTest {
    private static final InkSolver SOLVER = InkSolver.withDefaults();
    private static final ProductionProfile INKJET = Designs.profile("inkjet-300-cmyk"); // 280 %, ΔE tolerance 3

    /** Rich black (the line's FOGRA29 profile separates it at its 300 % limit) and deep navy beside light, printable colours. */
    private static Pattern darkAndLight() {
        return Designs.pattern(Designs.bands(128, 64, 0x0d0d12, 0x10183a, 0xe6d9cc, 0xc89678), RepeatGeometry.BLOCK, 10, 5);
    }

    /** Screen primaries no CMYK press prints, beside a printable grey. */
    private static Pattern screenColours() {
        return Designs.pattern(Designs.bands(96, 48, 0x00ff00, 0x0000ff, 0x808080), RepeatGeometry.BLOCK, 10, 5);
    }

    @Test
    void richDarksOverTheInkLimitAreAnErrorWithWhereAndHowMuch() {
        ConstraintReport r = SOLVER.check(darkAndLight(), INKJET);
        assertThat(r.passed()).isFalse();
        Violation v = r.violations().stream().filter(x -> x.rule().equals(InkSolver.COVERAGE)).findFirst().orElseThrow();
        assertThat(v.severity()).isEqualTo(Severity.ERROR);
        assertThat(v.measured()).isGreaterThan(280);
        assertThat(v.limit()).isEqualTo(280.0);
        assertThat(v.unit()).isEqualTo("%");
        assertThat(v.message()).contains("280 %").contains("inkjet-300-cmyk");
        assertThat(v.where().x()).isLessThan(64); // the dark bands are the left half
        assertThat(r.measures().get("ink.overLimitPercent")).isBetween(20.0, 51.0);
    }

    @Test
    void screenPrimariesAreOutOfGamutAndPrintableColoursAreNot() {
        ConstraintReport r = SOLVER.check(screenColours(), INKJET);
        Violation v = r.violations().stream().filter(x -> x.rule().equals(InkSolver.GAMUT)).findFirst().orElseThrow();
        assertThat(v.severity()).isEqualTo(Severity.WARNING);
        assertThat(r.measures().get("ink.outOfGamutPercent")).isBetween(60.0, 67.0); // green and blue, not the grey
        assertThat(r.measures().get("ink.outOfGamutMeanDe")).isGreaterThan(10);
        // the 8-ink reactive line prints more than its CMYK profile: the same finding is only for the record there
        ConstraintReport eight = SOLVER.check(screenColours(), Designs.profile("inkjet-600-reactive-8"));
        assertThat(eight.violations()).filteredOn(x -> x.rule().equals(InkSolver.GAMUT))
                .singleElement().satisfies(x -> assertThat(x.severity()).isEqualTo(Severity.INFO));

        Pattern light = Designs.pattern(Designs.bands(64, 32, 0xe6d9cc, 0xc89678, 0x808080, 0x9980b3), RepeatGeometry.BLOCK, 10, 5);
        ConstraintReport ok = SOLVER.check(light, INKJET);
        assertThat(ok.violations()).isEmpty();
        assertThat(ok.measures().get("ink.maxCoveragePercent")).isLessThan(280);
    }

    @Test
    void repairLimitsInkAndMapsTheGamutReportingTheCost() {
        for (Pattern p : new Pattern[] {darkAndLight(), screenColours()}) {
            ConstraintReport before = SOLVER.check(p, INKJET);
            RepairResult r = SOLVER.repair(p, INKJET);
            assertThat(r.changes()).singleElement().asString().contains("ΔE2000").contains("280 %");
            assertThat(r.after().passed()).isTrue();
            assertThat(r.after().measures().get("ink.overLimitPercent")).isLessThan(0.5);
            assertThat(r.after().measures().get("ink.outOfGamutPercent"))
                    .isLessThan(Math.max(0.5, before.measures().get("ink.outOfGamutPercent") / 4));
            // an independent look through imaging's separation table (not the solver's own grid)
            CmykSeparation sep = new CmykSeparation(LineIcc.of(INKJET), RenderingIntent.RELATIVE_COLORIMETRIC);
            CmykImage inks = sep.separate(r.pattern().tile());
            int over = 0;
            for (int y = 0; y < inks.height(); y++) {
                for (int x = 0; x < inks.width(); x++) {
                    over += inks.totalInk(x, y) > 2.8 + InkSolver.TAC_SLACK ? 1 : 0;
                }
            }
            assertThat(over).isLessThanOrEqualTo(inks.width() * inks.height() / 200);
        }
        // printable colours are left as they are
        Pattern light = Designs.pattern(Designs.bands(64, 32, 0xe6d9cc, 0xc89678, 0x808080), RepeatGeometry.BLOCK, 10, 5);
        RepairResult none = SOLVER.repair(light, INKJET);
        assertThat(none.changes()).isEmpty();
        assertThat(none.pattern()).isSameAs(light);
    }

    @Test
    void inkLimitReplacesGreyWithBlackBeforeTakingColourAway() {
        float[] planes = {0.9f, 0.3f, 0.85f, 0.2f, 0.8f, 0.2f, 0.9f, 0.1f}; // two pixels, C M Y K planes
        int changed = InkLimit.apply(planes, 0, 2, 2, 2.8);
        assertThat(changed).isEqualTo(1); // the second pixel (0.8 total) is under the limit
        float total = planes[0] + planes[2] + planes[4] + planes[6];
        assertThat(total).isLessThanOrEqualTo(2.8f + 1e-5f).isGreaterThan(2.79f);
        assertThat(planes[6]).as("K took the grey").isGreaterThan(0.9f);
        assertThat(planes[1]).isEqualTo(0.3f);
        assertThat(planes[7]).isEqualTo(0.1f);
        // full black cannot take more grey: C, M and Y are scaled down instead
        float[] black = {1, 1, 1, 1};
        InkLimit.apply(black, 0, 1, 1, 2.5);
        assertThat(black[3]).isEqualTo(1f);
        assertThat(black[0] + black[1] + black[2] + black[3]).isCloseTo(2.5f, org.assertj.core.data.Offset.offset(1e-5f));
    }

    @Test
    void theLinesOwnProfileDecidesCoverageAndGamut() {
        // the same line, limit and tolerance; only inkjet.iccProfile differs: uncoated FOGRA29 (300 %) against coated FOGRA39 (330 %)
        ProductionProfile uncoated = Designs.withIcc(INKJET, "tessera-fogra29");
        ProductionProfile coated = Designs.withIcc(INKJET, LineIcc.FOGRA39);
        Pattern design = Designs.pattern(Designs.bands(192, 64, 0x0d0d12, 0x10183a, 0xc8102e, 0x00843d, 0x1d5fbf, 0xe6d9cc),
                RepeatGeometry.BLOCK, 10, 5);
        ConstraintReport u = SOLVER.check(design, uncoated);
        ConstraintReport c = SOLVER.check(design, coated);
        assertThat(c.measures().get("ink.maxCoveragePercent")).as("coated offset lays more ink in the darks")
                .isGreaterThan(u.measures().get("ink.maxCoveragePercent") + 10);
        assertThat(u.measures().get("ink.outOfGamutPercent")).as("uncoated paper's smaller gamut leaves more outside")
                .isGreaterThan(c.measures().get("ink.outOfGamutPercent") + 5);
        assertThat(u.violations()).filteredOn(v -> v.rule().equals(InkSolver.GAMUT)).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("FOGRA29"));
        // the repair maps into the line's gamut: what the coated line keeps, the uncoated one changes
        RepairResult ru = SOLVER.repair(design, uncoated);
        assertThat(ru.changes()).singleElement().asString().contains("FOGRA29");
        assertThat(ru.after().measures().get("ink.outOfGamutPercent")).isLessThan(u.measures().get("ink.outOfGamutPercent") / 4);
    }

    @Test
    void noInkjetProfileNothingMeasured() {
        assertThat(SOLVER.check(darkAndLight(), null).measures()).isEmpty();
        assertThat(SOLVER.check(darkAndLight(), Designs.profile("rotary-64-6")).violations()).isEmpty();
    }
}
