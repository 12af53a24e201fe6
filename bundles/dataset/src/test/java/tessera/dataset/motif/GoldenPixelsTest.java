package tessera.dataset.motif;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import tessera.dataset.internal.TileWriter;

/**
 * Pins one tile per family to the SHA-256 of its 8-bit pixels, so a change that moves pixels for an
 * existing spec (and breaks "the same seed gives the same tile" for every data set and job record made
 * before it) is caught. When such a change is intended, bump {@code MotifSynthesizer.version()} and
 * update these hashes in the same commit.
 */
class GoldenPixelsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            STRIPES | 3229f2a3eab270ddf0dc9e29d8c8363f29b3713a5f0c3e847310df56be6e6dad
            PINSTRIPE | ed9fca27c9aba007d16105f89c3f1f7dc7fc436ee45b0b1cf694403c810bd67f
            GINGHAM | 4e6ffdf76ec4d81e435f871da136a51717d39521fafa4f11d16f327e4c822377
            TARTAN | d3c33c11d58b745165092152368ef4719580e059a2469218c5c4604644d21e35
            POLKA_DOT | e9af0803d07907a289e4fade5296316a6f834c581ea1140a8f13ad2a7cecb930
            CHEVRON | 1992b01a1b7099e17fd1466c02e7e15c3a3b8fddf77473a8d759c615d67ea2fb
            HERRINGBONE | e91f05bf74346fd90b4669b33405a4868b188bb7c6a422290815caeb3c192898
            HOUNDSTOOTH | e490ca0ef0d4a5c4bf6e05f688d57e30c28d3202bdf30ba923bf5cc11bc4efaa
            ARGYLE | e51646c23174db115ec29aa348fd7c73086dcb538398d813af26ecc4a872aae8
            FLORAL | ab43d19b9cf8fae5568559f91a8135949154e5f08ba9b7718191c7e3c99a9241
            PAISLEY | cc38abf355fdaeee8be4b0c5639d4b346ac77c8dbf0d2d40bdac056878d2dd12
            DAMASK | 93135d298a1339eca69261c04c9e4933f578a7d102414783ae81f40de90a5d76
            NORDIC_KNIT | 6756f1c0d217ff2369145027a3705c7796f742fc5117d3d788ed9befce135ba3
            GEOMETRIC | 53a820185110a0185be6468d60a1bdf733cd0d87080efbab49f14e65650fe080
            BRUSH_MARKS | 25d25ced3754b409bd93f77fe0534106b125392f125d9c74509180c48b95079a
            """)
    void pixelsOfAPinnedSpecNeverChange(MotifFamily family, String sha256) {
        MotifSpec spec = MotifSpec.sample(1000L * family.ordinal() + 1, PromptWords.of(family, null));
        assertThat(TileWriter.pixelHash(MotifSynthesizer.render(spec, 48, 40).image())).as(spec.toString()).isEqualTo(sha256);
        assertThat(MotifSynthesizer.version()).isEqualTo("2");
    }
}
