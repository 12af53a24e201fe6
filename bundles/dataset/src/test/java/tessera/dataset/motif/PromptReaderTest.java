package tessera.dataset.motif;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import tessera.api.repeat.RepeatGeometry;
import tessera.api.repeat.RepeatType;

class PromptReaderTest {
    @Test
    void readsTheLeadsBrief() {
        PromptWords w = PromptReader.words("minimalist floral, Nordic palette, half-drop repeat, 64 cm rotary screen, 6 colours");
        assertThat(w.family()).isEqualTo(MotifFamily.FLORAL);
        assertThat(w.palette().id()).isEqualTo("nordic");
        assertThat(w.repeat()).isEqualTo(RepeatGeometry.HALF_DROP);
        assertThat(w.colours()).as("'6 colours' wins over minimalist's default; '64 cm' is no colour count").isEqualTo(6);
        assertThat(w.density()).isLessThan(0.4);
        MotifSpec spec = PromptReader.read("minimalist floral, Nordic palette, half-drop repeat, 64 cm rotary screen, 6 colours", 7);
        assertThat(spec.family()).isEqualTo(MotifFamily.FLORAL);
        assertThat(spec.effectiveColours()).isEqualTo(6);
        Motif m = MotifSynthesizer.render(spec, 64, 64);
        assertThat(m.caption()).contains("floral").contains("Nordic palette").contains("half-drop repeat").contains("6 colours");
    }

    @Test
    void sageGinghamHalfDrop() {
        PromptWords w = PromptReader.words("sage gingham, half-drop");
        assertThat(w.family()).isEqualTo(MotifFamily.GINGHAM);
        assertThat(w.palette().id()).isEqualTo("sage");
        assertThat(w.repeat()).isEqualTo(RepeatGeometry.HALF_DROP);
        assertThat(w.matched()).containsExactly("sage", "gingham", "half drop");
        assertThat(PromptReader.repeat("sage gingham, half-drop")).contains(RepeatGeometry.HALF_DROP);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            botanical print with leaves, pastel colours | floral      | pastel
            plaid for a winter scarf                     | tartan      | scandinavian-winter
            Fair Isle sweater yoke                       | nordic-knit |
            Nordic knit with snowflakes                  | nordic-knit | nordic
            nordic                                       | nordic-knit | nordic
            navy polka dots on white, nautical           | polka-dot   | coastal
            hound's tooth in black & white               | houndstooth | monochrome
            dogtooth jacket                              | houndstooth |
            zig-zag chevron, jewel tones                 | chevron     | jewel
            earthy herringbone tweed                     | herringbone | earth
            argyle socks, indigo                         | argyle      | indigo
            boteh teardrops in terracotta                | paisley     | terracotta
            baroque damask wallpaper                     | damask      |
            bauhaus geometric tiles, neon                | geometric   | neon
            painterly brush strokes, blush pink          | brush-marks | blush
            chalk stripe suiting                         | pinstripe   |
            breton stripes                               | stripes     |
            """)
    void understandsSynonyms(String prompt, String family, String palette) {
        PromptWords w = PromptReader.words(prompt);
        assertThat(w.family()).as(prompt).isEqualTo(MotifFamily.of(family));
        if (palette != null) {
            assertThat(w.palette()).as(prompt).isNotNull();
            assertThat(w.palette().id()).as(prompt).isEqualTo(palette);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            tossed roses, half drop           | half-drop
            daisies in a half-drop repeat     | half-drop
            halfdrop florals                  | half-drop
            stripes, brick repeat             | half-brick
            half brick tiles                  | half-brick
            mirrored damask                   | mirror
            mirror repeat paisley             | mirror
            straight repeat gingham           | block
            full drop plaid                   | block
            quarter drop spots                | drop:0.25
            """)
    void readsRepeatWords(String prompt, String repeat) {
        assertThat(PromptReader.repeat(prompt)).as(prompt).contains(RepeatGeometry.parse(repeat));
    }

    @Test
    void noRepeatWordsMeansEmpty() {
        assertThat(PromptReader.repeat("sage gingham")).isEmpty();
        assertThat(PromptReader.repeat("")).isEmpty();
        assertThat(PromptReader.repeat(null)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            6 colours       | 6
            six colors      | 6
            4-colour print  | 4
            three colourway | 3
            two-tone check  | 2
            printed on 5 screens | 5
            """)
    void readsColourCounts(String prompt, int colours) {
        assertThat(PromptReader.words(prompt).colours()).as(prompt).isEqualTo(colours);
    }

    @Test
    void readsDensityScaleAndOrientation() {
        PromptWords dense = PromptReader.words("dense small-scale ditsy florals");
        assertThat(dense.density()).isGreaterThan(0.6);
        assertThat(dense.scale()).isLessThan(0.3);
        PromptWords sparse = PromptReader.words("sparse, large scale dots");
        assertThat(sparse.density()).isLessThan(0.4);
        assertThat(sparse.scale()).isGreaterThan(0.6);
        assertThat(PromptReader.words("vertical stripes").rotation()).isEqualTo(90.0);
        assertThat(PromptReader.words("diagonal stripes").rotation()).isEqualTo(45.0);
        MotifSpec spec = PromptReader.read("vertical stripes", 3);
        assertThat(MotifSynthesizer.render(spec, 32, 32).caption()).contains("vertical").contains("stripes");
    }

    @Test
    void unknownWordsAreIgnoredAndTheSeedDecidesTheRest() {
        PromptWords w = PromptReader.words("something lovely for a kitchen towel, please!");
        assertThat(w).isEqualTo(PromptWords.NONE);
        assertThat(PromptReader.read("lovely", 11)).isEqualTo(MotifSpec.sample(11));
        // the same prompt and seed always give the same spec; fixing the palette keeps the seed's family
        assertThat(PromptReader.read("gingham", 5)).isEqualTo(PromptReader.read("gingham", 5));
        assertThat(PromptReader.read("sage", 5).family()).isEqualTo(MotifSpec.sample(5).family());
        assertThat(PromptReader.read("sage gingham", 5).repeat()).isEqualTo(MotifSpec.sample(5).repeat());
    }

    @Test
    void firstNamedThingWins() {
        PromptWords w = PromptReader.words("floral stripes in neon, or maybe pastel");
        assertThat(w.family()).isEqualTo(MotifFamily.FLORAL);
        assertThat(w.palette().id()).isEqualTo("neon");
        assertThat(PromptReader.words("third drop").repeat()).isEqualTo(new RepeatGeometry(RepeatType.DROP, 0.333));
    }
}
