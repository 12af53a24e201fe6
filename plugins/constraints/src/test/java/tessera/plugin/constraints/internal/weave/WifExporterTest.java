package tessera.plugin.constraints.internal.weave;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.api.export.ExportContext;
import tessera.api.export.ExportedFile;
import tessera.api.export.OutputProvenance;
import tessera.api.pattern.Pattern;
import tessera.api.profile.ProductionProfile;
import tessera.api.repeat.RepeatGeometry;
import tessera.plugin.constraints.internal.Designs;

class WifExporterTest {
    private static final int GROUND = 0xf4ecd8;
    private static final int BLUE = 0x1d3fbb;
    private static final int RED = 0xd62828;

    @TempDir
    Path dir;

    private ExportContext context() {
        return new ExportContext(dir, "design-01", new OutputProvenance("Tessera test", "procedural", "1.0.0", null, null,
                "algorithmicMedia", "job-1"));
    }

    /** A WIF reader: sections and keys case-insensitive (stored upper-case), ';' comments, CR LF or LF. */
    static Map<String, Map<String, String>> readWif(Path file) throws IOException {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (String raw : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                String name = line.substring(1, line.length() - 1).strip().toUpperCase(Locale.ROOT);
                assertThat(sections).as("section %s once", name).doesNotContainKey(name);
                current = new LinkedHashMap<>();
                sections.put(name, current);
                continue;
            }
            int eq = line.indexOf('=');
            assertThat(eq).as("key=value: %s", line).isPositive();
            assertThat(current).as("a key before any section").isNotNull();
            current.put(line.substring(0, eq).strip().toUpperCase(Locale.ROOT), line.substring(eq + 1).strip());
        }
        return sections;
    }

    /** @return the lift plan read back: [pick][end] */
    static boolean[][] liftplan(Map<String, Map<String, String>> wif, int ends, int picks) {
        boolean[][] up = new boolean[picks][ends];
        for (Map.Entry<String, String> e : wif.get("LIFTPLAN").entrySet()) {
            int pick = Integer.parseInt(e.getKey());
            assertThat(pick).isBetween(1, picks);
            if (e.getValue().isEmpty()) {
                continue;
            }
            for (String s : e.getValue().split(",")) {
                int end = Integer.parseInt(s.strip());
                assertThat(end).as("lifted end of pick %d", pick).isBetween(1, ends);
                up[pick - 1][end - 1] = true;
            }
        }
        return up;
    }

    static int longestFloat(boolean[][] up) {
        int picks = up.length;
        int ends = up[0].length;
        int longest = 0;
        for (int p = 0; p < picks; p++) {
            int run = 0;
            for (int e = 0; e < ends; e++) {
                run = e > 0 && up[p][e] == up[p][e - 1] ? run + 1 : 1;
                longest = Math.max(longest, run);
            }
        }
        for (int e = 0; e < ends; e++) {
            int run = 0;
            for (int p = 0; p < picks; p++) {
                run = p > 0 && up[p][e] == up[p - 1][e] ? run + 1 : 1;
                longest = Math.max(longest, run);
            }
        }
        return longest;
    }

    private static Pattern discs(double cm) {
        return Designs.pattern(Designs.antiAliasedDiscs(256, GROUND, BLUE, RED), RepeatGeometry.BLOCK, cm, cm);
    }

    @Test
    void writesAWifThatParsesBackWithMatchingCountsAndNoLongFloats() throws IOException {
        ProductionProfile profile = Designs.profile("jacquard-2688"); // 48 ends/cm, 36 picks/cm, 4 wefts, float 10
        Pattern p = discs(4);
        List<ExportedFile> files = new WifExporter().export(p, profile, context());

        assertThat(files).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("design-01.wif");
            assertThat(f.role()).isEqualTo("wif");
            assertThat(f.bytes()).isEqualTo(Files.size(dir.resolve(f.path())));
            assertThat(f.sha256()).isEqualTo(ExportedFile.sha256(dir.resolve(f.path())));
        });
        int ends = 192; // 4 cm × 48
        int picks = 144; // 4 cm × 36
        Map<String, Map<String, String>> wif = readWif(dir.resolve("design-01.wif"));
        assertThat(wif.get("WIF")).containsEntry("VERSION", "1.1").containsEntry("SOURCE PROGRAM", "Tessera")
                .containsKeys("DATE", "DEVELOPERS", "SOURCE VERSION");
        for (Map.Entry<String, String> c : wif.get("CONTENTS").entrySet()) {
            assertThat(c.getValue()).isEqualTo("true");
            assertThat(wif).as("listed section present").containsKey(c.getKey());
        }
        assertThat(wif.get("CONTENTS")).containsKeys("WEAVING", "WARP", "WEFT", "COLOR PALETTE", "COLOR TABLE", "LIFTPLAN",
                "THREADING", "WEFT COLORS");
        assertThat(wif.get("WEAVING")).containsEntry("SHAFTS", Integer.toString(ends)).containsEntry("RISING SHED", "true");
        assertThat(Integer.parseInt(wif.get("WEAVING").get("SHAFTS"))).isLessThanOrEqualTo(profile.weave().hooks());
        assertThat(wif.get("WARP")).containsEntry("THREADS", Integer.toString(ends)).containsEntry("UNITS", "centimeters");
        assertThat(Double.parseDouble(wif.get("WARP").get("SPACING"))).isCloseTo(1 / 48.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(wif.get("WEFT")).containsEntry("THREADS", Integer.toString(picks));
        assertThat(Double.parseDouble(wif.get("WEFT").get("SPACING"))).isCloseTo(1 / 36.0, org.assertj.core.data.Offset.offset(1e-6));

        Map<String, String> palette = wif.get("COLOR PALETTE");
        assertThat(palette).containsEntry("FORM", "RGB").containsEntry("RANGE", "0,255");
        int entries = Integer.parseInt(palette.get("ENTRIES"));
        assertThat(entries).isEqualTo(3).isLessThanOrEqualTo(profile.weave().weftColours());
        assertThat(wif.get("COLOR TABLE")).hasSize(entries);
        List<Integer> colours = new ArrayList<>();
        for (int j = 1; j <= entries; j++) {
            String[] rgb = wif.get("COLOR TABLE").get(Integer.toString(j)).split(",");
            assertThat(rgb).hasSize(3);
            colours.add(Integer.parseInt(rgb[0]) << 16 | Integer.parseInt(rgb[1]) << 8 | Integer.parseInt(rgb[2]));
        }
        assertThat(colours).containsExactlyInAnyOrder(GROUND, BLUE, RED);
        assertThat(wif.get("THREADING")).hasSize(ends);
        assertThat(wif.get("WEFT COLORS")).hasSize(picks)
                .allSatisfy((k, v) -> assertThat(Integer.parseInt(v)).isBetween(1, entries));

        assertThat(wif.get("LIFTPLAN")).hasSize(picks);
        boolean[][] up = liftplan(wif, ends, picks);
        assertThat(longestFloat(up)).isLessThanOrEqualTo(profile.weave().maxFloat());

        // the weave still draws the design: the pick's weft shows (warp down) mostly where the design has its colour
        WifExporter.Weave weave = WifExporter.weave(p, profile.weave());
        assertThat(wif.get("PRIVATE TESSERA WEAVE")).containsEntry("BINDING POINTS", Integer.toString(weave.bindingPoints()));
        assertThat(weave.bindingPoints()).isPositive().isLessThan(ends * picks / 4);
        int agree = 0;
        for (int pk = 0; pk < picks; pk++) {
            for (int e = 0; e < ends; e++) {
                boolean designUp = weave.colourOf()[pk * ends + e] != LiftPlan.weftOf(pk, entries);
                agree += designUp == up[pk][e] ? 1 : 0;
            }
        }
        assertThat(agree).isEqualTo(ends * picks - weave.bindingPoints());
    }

    @Test
    void aOneColourDesignIsBoundEverywhere() throws IOException {
        ProductionProfile profile = Designs.profile("jacquard-6144"); // float 12
        Pattern p = Designs.pattern(Designs.bands(64, 64, GROUND), RepeatGeometry.BLOCK, 2, 2);
        WifExporter.Weave weave = WifExporter.weave(p, profile.weave());
        assertThat(weave.yarns()).containsExactly(GROUND);
        assertThat(weave.bindingPoints()).isPositive();
        assertThat(weave.plan().longestFloat()).isLessThanOrEqualTo(12);
        assertThat(new WifExporter().export(p, profile, context())).hasSize(1);
        Map<String, Map<String, String>> wif = readWif(dir.resolve("design-01.wif"));
        assertThat(longestFloat(liftplan(wif, 128, 96))).isLessThanOrEqualTo(12);
    }

    @Test
    void bindingHoldsEveryFloatLimitOnRandomAndSolidPlans() {
        SplittableRandom rnd = new SplittableRandom(6);
        for (int m = 1; m <= 16; m++) {
            for (int trial = 0; trial < 4; trial++) {
                // the cloth repeats the plan, so floats are cyclic; with a limit of 1 an odd count of ends or
                // picks cannot alternate round the wrap (a float of 2 is forced), so that limit gets even counts
                int ends = 20 + rnd.nextInt(60) & (m == 1 ? ~1 : ~0);
                int picks = 20 + rnd.nextInt(60) & (m == 1 ? ~1 : ~0);
                LiftPlan plan = new LiftPlan(ends, picks);
                double density = trial == 0 ? 0 : trial == 1 ? 1 : rnd.nextDouble();
                for (int pk = 0; pk < picks; pk++) {
                    for (int e = 0; e < ends; e++) {
                        plan.set(pk, e, rnd.nextDouble() < density);
                    }
                }
                plan.bind(m);
                assertThat(plan.longestFloat()).as("limit %d, trial %d", m, trial).isLessThanOrEqualTo(m);
            }
        }
    }

    /** Pairs of binding points (cells changed by binding) that touch at a corner: the start of a twill line. */
    private static int diagonalPairs(LiftPlan before, LiftPlan after) {
        int n = 0;
        for (int pk = 0; pk + 1 < after.picks(); pk++) {
            for (int e = 0; e < after.ends(); e++) {
                if (before.lifted(pk, e) == after.lifted(pk, e)) {
                    continue;
                }
                for (int d = -1; d <= 1; d += 2) {
                    int f = Math.floorMod(e + d, after.ends());
                    n += before.lifted(pk + 1, f) != after.lifted(pk + 1, f) ? 1 : 0;
                }
            }
        }
        return n;
    }

    @Test
    void satinBindingCutsEveryFloatWithFewerEvenlySpreadPointsThanBisection() {
        // a plain ground (floats both ways over the whole repeat) and the disc design, at the two shipped limits
        for (int max : new int[] {10, 12}) {
            LiftPlan ground = new LiftPlan(132, 99);
            LiftPlan discs = WifExporter.unbound(discs(4), Designs.profile("jacquard-2688").weave()).plan();
            for (LiftPlan drawn : List.of(ground, discs)) {
                LiftPlan bisected = drawn.copy();
                int before = bisected.bindByBisection(max);
                LiftPlan satin = drawn.copy();
                int after = satin.bind(max);
                assertThat(satin.longestFloat()).as("limit %d", max).isLessThanOrEqualTo(max);
                // where floats run both ways one satin point cuts a warp and a weft float at once: about half the points;
                // the discs' floats run along the picks only, where cutting at the middle is already near the fewest
                assertThat(after).as("binding points, limit %d: satin against bisection %d", max, before).isPositive()
                        .isLessThan(drawn == ground ? before / 2 : before);
                assertThat(diagonalPairs(drawn, satin)).as("corner-touching points, satin").isLessThan(diagonalPairs(drawn, bisected) / 4 + 1);
            }
        }
        // on a ground that is a whole number of 11-thread satins: exactly one point per satin repeat and per 11 threads, no twill
        LiftPlan ground = new LiftPlan(132, 99);
        LiftPlan satin = ground.copy();
        assertThat(satin.bind(10)).isEqualTo(132 * 99 / 11);
        assertThat(satin.longestFloat()).isEqualTo(10);
        assertThat(diagonalPairs(ground, satin)).isZero();
    }

    @Test
    void theSatinMoveSpreadsPointsAndNeverTwills() {
        assertThat(SatinBinder.move(5)).isEqualTo(2);
        assertThat(SatinBinder.move(8)).isEqualTo(3);
        assertThat(SatinBinder.move(11)).isEqualTo(3);
        assertThat(SatinBinder.move(4)).isZero(); // a 4-thread "satin" is a broken twill at best
        assertThat(SatinBinder.move(6)).isZero();
        assertThat(SatinBinder.forFloat(5).repeat()).isEqualTo(5); // 6 has no satin: one thread shorter
        assertThat(SatinBinder.forFloat(3)).isNull();
        for (int r = 5; r <= 65; r++) {
            int m = SatinBinder.move(r);
            if (m > 0) {
                assertThat(m).as("r %d", r).isNotIn(1, r - 1);
            }
        }
    }

    @Test
    void bindingLeavesAPlanWithinTheLimitUntouched() {
        LiftPlan plan = new LiftPlan(8, 8);
        for (int pk = 0; pk < 8; pk++) {
            for (int e = 0; e < 8; e++) {
                plan.set(pk, e, ((pk + e) & 1) == 0);
            }
        }
        assertThat(plan.bind(1)).isZero();
        assertThat(plan.longestFloat()).isEqualTo(1);
    }

    @Test
    void writesNothingWithoutAJacquardProfileOrWhenTheHooksDoNotHoldTheRepeat() throws IOException {
        WifExporter exporter = new WifExporter();
        assertThat(exporter.export(discs(4), null, context())).isEmpty();
        assertThat(exporter.export(discs(4), Designs.profile("rotary-64-6"), context())).isEmpty();
        assertThat(exporter.export(discs(4), Designs.profile("inkjet-300-cmyk"), context())).isEmpty();
        assertThat(exporter.export(discs(60), Designs.profile("jacquard-2688"), context())).isEmpty(); // 2880 ends > 2688 hooks
        // more colours than wefts
        Pattern twelve = Designs.pattern(Designs.bands(120, 60, Designs.TWELVE), RepeatGeometry.BLOCK, 4, 2);
        assertThat(exporter.export(twelve, Designs.profile("jacquard-2688"), context())).isEmpty();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void isAnExporterComponentForJacquardWritingWif() throws IOException {
        Path xml = Path.of("target/classes/OSGI-INF/" + WifExporter.class.getName() + ".xml");
        String d = Files.readString(xml);
        assertThat(d).contains("tessera.api.export.Exporter").contains("name=\"tessera.plugin.id\"")
                .contains("value=\"wif\"");
        // String[] properties are written in the element body, even with one value
        assertThat(d).containsPattern("name=\"tessera.export.formats\"[^>]*>\\s*wif\\s*<")
                .containsPattern("name=\"tessera.processes\"[^>]*>\\s*jacquard\\s*<");
    }
}
