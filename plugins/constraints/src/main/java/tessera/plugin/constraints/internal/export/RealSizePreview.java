package tessera.plugin.constraints.internal.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import tessera.api.ServiceProperties;
import tessera.api.export.ExportContext;
import tessera.api.export.ExportedFile;
import tessera.api.export.Exporter;
import tessera.api.image.RgbImage;
import tessera.api.pattern.Pattern;
import tessera.api.profile.ProductionProfile;
import tessera.imaging.io.ImageFiles;
import tessera.imaging.repeat.RepeatLayout;
import tessera.imaging.repeat.WrapResampler;

/**
 * The repeat laid out at real size (#6), {@code <base>-preview-real-size.png}: a piece of fabric
 * {@code widthCm} × {@code heightCm} (default 100 × 50 cm) at screen resolution ({@code dpi}, default 96,
 * written into the PNG's pHYs so a viewer at 100 % shows it life-size on a calibrated screen), with a
 * centimetre ruler along the top and the left edge: a tick every cm, longer every 5, numbered every 10,
 * and red marks where each repeat begins. The tile is resampled wrap-aware to the preview's resolution and
 * laid out with its own repeat (half drops drop, mirrors mirror). Written for jobs with a production line
 * only: a 7 M-pixel PNG costs about a second, too much for every quick sketch (the pipeline's own 3 × 3
 * preview serves those).
 */
@Component(service = Exporter.class, property = ServiceProperties.PLUGIN_ID + "=" + RealSizePreview.ID)
@ExportFormats("png")
@Processes({"rotary-screen", "flatbed-screen", "digital-inkjet", "jacquard", "dye-sublimation"})
public final class RealSizePreview implements Exporter {
    public static final String ID = "preview";
    public static final String ROLE = "preview-real-size";
    /** Ruler strip, px. */
    static final int RULER = 28;
    private static final float[] INK = {0.1f, 0.1f, 0.1f};
    private static final float[] REPEAT_MARK = {0.85f, 0.1f, 0.1f};

    /** Configuration (pid {@code tessera.plugin.constraints.internal.export.RealSizePreview}). */
    public @interface Config {
        /** Width of the fabric shown, cm (1–500). */
        double widthCm() default 100;

        /** Height of the fabric shown, cm (1–500). */
        double heightCm() default 50;

        /** Screen resolution, pixels per inch (24–300); 96 is the CSS reference pixel. */
        double dpi() default 96;
    }

    private final double widthCm;
    private final double heightCm;
    private final double dpi;

    @Activate
    public RealSizePreview(Config config) {
        this(config.widthCm(), config.heightCm(), config.dpi());
    }

    RealSizePreview(double widthCm, double heightCm, double dpi) {
        this.widthCm = Math.clamp(widthCm, 1, 500);
        this.heightCm = Math.clamp(heightCm, 1, 500);
        this.dpi = Math.clamp(dpi, 24, 300);
    }

    /** @return a preview of 100 × 50 cm at 96 dpi */
    public static RealSizePreview withDefaults() {
        return new RealSizePreview(100, 50, 96);
    }

    @Override
    public List<ExportedFile> export(Pattern pattern, ProductionProfile profile, ExportContext context) throws IOException {
        if (profile == null) {
            return List.of();
        }
        double pxPerCm = dpi / 2.54;
        int tw = Math.max(1, (int) Math.round(pattern.widthCm() * pxPerCm));
        int th = Math.max(1, (int) Math.round(pattern.heightCm() * pxPerCm));
        int w = (int) Math.round(widthCm * pxPerCm);
        int h = (int) Math.round(heightCm * pxPerCm);
        RgbImage tile = WrapResampler.resample(pattern.tile(), pattern.repeat(), tw, th);
        RgbImage fabric = RepeatLayout.of(tile, pattern.repeat()).render(tile, 0, 0, w, h);
        RgbImage sheet = withRulers(fabric, pxPerCm, tw, th);
        Path file = context.outDir().resolve(context.baseName() + "-preview-real-size.png");
        ImageFiles.writePng(sheet, dpi, file);
        return List.of(ExportedFile.describe(context.outDir(), file, ROLE, "image/png"));
    }

    /** @return the fabric with a white ruler strip above and to the left */
    static RgbImage withRulers(RgbImage fabric, double pxPerCm, int tileW, int tileH) {
        int w = fabric.width() + RULER;
        int h = fabric.height() + RULER;
        float[] out = new float[3 * w * h];
        java.util.Arrays.fill(out, 1f);
        int n = w * h;
        int fn = fabric.width() * fabric.height();
        float[] f = fabric.planesView();
        for (int y = 0; y < fabric.height(); y++) {
            for (int c = 0; c < 3; c++) {
                System.arraycopy(f, c * fn + y * fabric.width(), out, c * n + (y + RULER) * w + RULER, fabric.width());
            }
        }
        Canvas canvas = new Canvas(out, w, h);
        for (int cm = 0; cm * pxPerCm < fabric.width(); cm++) {
            int x = RULER + (int) Math.round(cm * pxPerCm);
            int len = cm % 10 == 0 ? 14 : cm % 5 == 0 ? 9 : 5;
            canvas.rect(x, RULER - len, 1, len, INK);
            if (cm % 10 == 0 && cm > 0) {
                Digits.draw(canvas, Integer.toString(cm), x + 2, 3, INK);
            }
        }
        for (int cm = 0; cm * pxPerCm < fabric.height(); cm++) {
            int y = RULER + (int) Math.round(cm * pxPerCm);
            int len = cm % 10 == 0 ? 14 : cm % 5 == 0 ? 9 : 5;
            canvas.rect(RULER - len, y, len, 1, INK);
            if (cm % 10 == 0 && cm > 0) {
                Digits.draw(canvas, Integer.toString(cm), 2, y + 2, INK);
            }
        }
        for (int x = 0; x < fabric.width(); x += tileW) {
            canvas.rect(RULER + x, RULER - 4, 1, 4, REPEAT_MARK);
        }
        for (int y = 0; y < fabric.height(); y += tileH) {
            canvas.rect(RULER - 4, RULER + y, 4, 1, REPEAT_MARK);
        }
        Digits.draw(canvas, "CM", 3, 3, INK);
        return RgbImage.wrap(w, h, out);
    }

    /** Planar RGB pixels to draw on. */
    record Canvas(float[] planes, int width, int height) {
        void rect(int x0, int y0, int rw, int rh, float[] rgb) {
            int n = width * height;
            for (int y = Math.max(0, y0); y < Math.min(height, y0 + rh); y++) {
                for (int x = Math.max(0, x0); x < Math.min(width, x0 + rw); x++) {
                    for (int c = 0; c < 3; c++) {
                        planes[c * n + y * width + x] = rgb[c];
                    }
                }
            }
        }
    }

    /**
     * Ruler numbers in a 3 × 5 pixel font drawn at 2 × (6 × 10 px a glyph): no font machinery (AWT needs
     * fonts the server may not have), the same pixels everywhere.
     */
    static final class Digits {
        private static final String[] GLYPHS = {
            "111101101101111", "010110010010111", "111001111100111", "111001111001111", "101101111001001",
            "111100111001111", "111100111101111", "111001001010010", "111101111101111", "111101111001111"};
        private static final String C = "111100100100111";
        private static final String M = "101111111101101";

        private Digits() {
        }

        static void draw(Canvas canvas, String text, int x, int y, float[] rgb) {
            for (char ch : text.toCharArray()) {
                String g = ch == 'C' ? C : ch == 'M' ? M : GLYPHS[ch - '0'];
                for (int i = 0; i < 15; i++) {
                    if (g.charAt(i) == '1') {
                        canvas.rect(x + 2 * (i % 3), y + 2 * (i / 3), 2, 2, rgb);
                    }
                }
                x += 8;
            }
        }
    }

    @Override
    public String toString() {
        return "RealSizePreview[" + widthCm + " × " + heightCm + " cm at " + dpi + " dpi]";
    }
}
