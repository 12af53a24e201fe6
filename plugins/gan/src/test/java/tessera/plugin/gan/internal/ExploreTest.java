package tessera.plugin.gan.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.api.image.RgbImage;
import tessera.compute.Tensor;
import tessera.compute.guidance.GuidancePenalty;
import tessera.compute.ops.Elementwise;
import tessera.compute.ops.Reductions;
import tessera.plugin.gan.internal.explore.BrandPreset;
import tessera.plugin.gan.internal.explore.ConstraintGuidance;
import tessera.plugin.gan.internal.explore.LatentMoves;
import tessera.plugin.gan.internal.explore.LatentSearch;
import tessera.plugin.gan.internal.explore.Projection;
import tessera.plugin.gan.internal.model.GanSpec;
import tessera.plugin.gan.internal.model.LatentCode;
import tessera.plugin.gan.internal.model.TileRenderer;

class ExploreTest {
    static final GanSpec SPEC = PeriodicGeneratorTest.SPEC;

    @Test
    void ringRadiusOrdersTheDistanceFromTheDesign() {
        LatentCode c = LatentCode.sample(SPEC, 4, 0, 0);
        double[] mean = new double[3];
        LatentMoves.Radius[] radii = LatentMoves.Radius.values();
        for (int k = 0; k < 3; k++) {
            for (LatentCode v : LatentMoves.ring(SPEC, c, radii[k], 16, 77, 4, 4)) {
                mean[k] += LatentMoves.distance(c.global(), v.global()) / 16;
            }
        }
        assertThat(mean[0]).isLessThan(mean[1]);
        assertThat(mean[1]).isLessThan(mean[2]);
    }

    @Test
    void interpolationStartsAndEndsAtTheDesigns() {
        LatentCode a = LatentCode.sample(SPEC, 1, 0, 0), b = LatentCode.sample(SPEC, 2, 1, 0);
        List<LatentCode> path = LatentMoves.interpolate(SPEC, a, b, 5, 4, 4);
        assertThat(path.get(0).global()).containsExactly(a.global(), org.assertj.core.data.Offset.offset(1e-5f));
        assertThat(path.get(4).global()).containsExactly(b.global(), org.assertj.core.data.Offset.offset(1e-5f));
        assertThat(path.get(4).localNoise(SPEC, 4, 4)).containsExactly(b.localNoise(SPEC, 4, 4), org.assertj.core.data.Offset.offset(1e-5f));
        assertThat(path.get(4).family()).isEqualTo(1);
    }

    @Test
    void styleMixingTakesGlobalFromOneAndLayoutFromTheOther() {
        LatentCode style = LatentCode.sample(SPEC, 1, 0, 0), layout = LatentCode.sample(SPEC, 2, 1, 0);
        LatentCode m = LatentMoves.mix(SPEC, style, layout, 4, 4);
        assertThat(m.global()).containsExactly(style.global());
        assertThat(m.localNoise(SPEC, 4, 4)).containsExactly(layout.localNoise(SPEC, 4, 4));
    }

    @Test
    void projectionRecoversAModelTileFarBetterThanItsStart() {
        LatentCode truth = LatentCode.sample(SPEC, 21, 0, 0);
        RgbImage target = new TileRenderer(PeriodicGeneratorTest.G).render(List.of(truth), 32, 32, null).get(0);
        LatentSearch.Outcome o = Projection.project(PeriodicGeneratorTest.G, target, 0, 0, 60, 5);
        assertThat(o.last()).as("MSE after 60 steps vs the best random start").isLessThan(0.5 * o.first());
    }

    @Test
    void presetSamplesStayInsideTheFittedRegion(@TempDir Path dir) throws Exception {
        List<LatentCode> refs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            refs.add(LatentCode.sample(SPEC, 100 + i, 1, 0));
        }
        BrandPreset p = BrandPreset.fit("nordic-home-ss27", "Nordic Home SS27", "test", SPEC, refs);
        p.save(dir.resolve("p.json"));
        BrandPreset back = BrandPreset.load(dir.resolve("p.json"));
        assertThat(back.centre()).containsExactly(p.centre());
        assertThat(back.family()).isEqualTo(1);
        for (int i = 0; i < 50; i++) {
            assertThat(back.contains(back.sample(SPEC, i).global())).isTrue();
        }
        assertThat(back.contains(LatentCode.sample(SPEC, 999, 0, 0).global())).as("a random code is off brand").isFalse();
    }

    @Test
    void guidanceLowersThePenaltyAndRecordsBeforeAndAfter() {
        // a real penalty built from compute ops: mean brightness above 0.3 (as an ink-limit penalty would be)
        GuidancePenalty dark = new GuidancePenalty() {
            @Override
            public String rule() {
                return "test.brightness";
            }

            @Override
            public Tensor penalty(Tensor image) {
                return Elementwise.square(Elementwise.relu(Elementwise.add(Reductions.mean(image), -0.3f)));
            }
        };
        ConstraintGuidance.Guided g = ConstraintGuidance.guide(PeriodicGeneratorTest.G, LatentCode.sample(SPEC, 8, 0, 0),
                4, 4, List.of(dark), 60);
        double[] ba = g.penalties().get("test.brightness");
        assertThat(ba[0]).isGreaterThan(0);
        assertThat(ba[1]).isLessThan(ba[0] * 0.8);
    }
}
