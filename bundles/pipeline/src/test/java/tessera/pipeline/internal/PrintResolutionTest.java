package tessera.pipeline.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tessera.api.design.DesignRequest;

class PrintResolutionTest {
    private static DesignRequest req(Integer px, Double widthCm, Double heightCm, Double dpi) {
        return new DesignRequest("x", null, null, 1L, null, px, null, null, widthCm, heightCm, dpi, null, null, null, null);
    }

    @Test
    void anySizeGeneratorsDrawAtPrintResolution() {
        DesignRequest r = PrintResolution.tileSizeFor(req(null, 16.0, null, 300.0), true);
        assertThat(r.tileWidthPx()).isEqualTo(1890); // 16 cm at 300 dpi, even
        assertThat(r.tileHeightPx()).isEqualTo(1890);
        DesignRequest tall = PrintResolution.tileSizeFor(req(null, 16.0, 32.0, 150.0), true);
        assertThat(tall.tileWidthPx()).isEqualTo(944); // 944.9 px, nearest even
        assertThat(tall.tileHeightPx()).isEqualTo(1890);
    }

    @Test
    void veryLargeRepeatsAreCappedKeepingTheAspect() {
        DesignRequest r = PrintResolution.tileSizeFor(req(null, 64.0, 32.0, 300.0), true);
        assertThat(r.tileWidthPx()).isEqualTo(4096);
        assertThat(r.tileHeightPx()).isEqualTo(2048);
    }

    @Test
    void anExplicitSizeOrAFixedSizeModelIsLeftAlone() {
        assertThat(PrintResolution.tileSizeFor(req(256, 16.0, null, 300.0), true).tileWidthPx()).isEqualTo(256);
        assertThat(PrintResolution.tileSizeFor(req(null, 16.0, null, 300.0), false).tileWidthPx()).isNull();
    }
}
