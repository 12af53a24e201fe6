package tessera.plugin.constraints.internal.weave;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.osgi.service.component.annotations.Component;

import tessera.api.ServiceProperties;
import tessera.api.export.ExportContext;
import tessera.api.export.ExportedFile;
import tessera.api.export.Exporter;
import tessera.api.image.RgbImage;
import tessera.api.pattern.Pattern;
import tessera.api.profile.PrintProcess;
import tessera.api.profile.ProductionProfile;
import tessera.api.profile.WeaveSpec;
import tessera.imaging.repeat.WrapResampler;
import tessera.plugin.constraints.internal.colour.PaletteMap;
import tessera.plugin.constraints.internal.export.ExportFormats;
import tessera.plugin.constraints.internal.export.Processes;
import tessera.plugin.constraints.internal.export.Written;
import tessera.plugin.constraints.internal.colour.ScreenPalette;

/**
 * A WIF 1.1 weaving file for jacquard lines (#6), {@code <base>.wif}.
 *
 * <p>Design to weave: one repeat is resampled (wrap-aware) to {@code round(widthCm × endsPerCm)} ends ×
 * {@code round(heightCm × picksPerCm)} picks; its palette of at most {@code weave.weftColours} yarns is
 * found as the colour check counts it ({@link ScreenPalette}) and every cell goes to its nearest yarn in
 * CIELAB (D50). The wefts cycle pick by pick; an end is lifted where its cell is not the pick's weft colour
 * ({@link LiftPlan#fromDesign}), and binding points are inserted until no float exceeds
 * {@code weave.maxFloat} along the warp or the weft ({@link LiftPlan#bind}). The warp is one yarn, the
 * ground (the palette's largest colour).
 *
 * <p>The file follows the WIF 1.1 specification (Ravi Nielsen et al., April 20 1997,
 * http://www.tantradharma.com/maplehill/wif/wif1-1.txt): an INI-style ASCII text with the mandatory
 * {@code [WIF]} and {@code [CONTENTS]} sections, {@code [WEAVING]}, {@code [WARP]}, {@code [WEFT]},
 * {@code [COLOR PALETTE]}, {@code [COLOR TABLE]}, {@code [THREADING]} (end n on shaft n: on a jacquard
 * every end is its own "shaft"), {@code [LIFTPLAN]} (per pick the comma-separated shafts lifted, a rising
 * shed) and {@code [WEFT COLORS]}; the binding report goes in the private section
 * {@code [PRIVATE TESSERA WEAVE]}, which other programs ignore. Lines end in CR LF.
 *
 * <p>A design whose ends exceed the hooks, whose palette does not fit the wefts, or which is continuous
 * tone gets no file and no exception: the {@code repeat.hooks} and {@code colour.count} checks report it.
 */
@Component(service = Exporter.class, property = ServiceProperties.PLUGIN_ID + "=" + WifExporter.ID)
@ExportFormats({"wif"})
@Processes({"jacquard"})
public final class WifExporter implements Exporter {
    public static final String ID = "wif";
    public static final String ROLE = "wif";
    public static final String MEDIA_TYPE = "text/plain";
    private static final String EOL = "\r\n";
    private static final double MERGE_DE = 2.5;
    private static final double MIN_AREA = 0.001;

    /** What the weave came to, for the file's private section and for tests. */
    record Weave(int ends, int picks, int[] yarns, byte[] colourOf, LiftPlan plan, int bindingPoints) {
    }

    @Override
    public List<ExportedFile> export(Pattern pattern, ProductionProfile profile, ExportContext context) throws IOException {
        if (profile == null || profile.process() != PrintProcess.JACQUARD || profile.weave() == null) {
            return List.of();
        }
        Weave weave = weave(pattern, profile.weave());
        if (weave == null) {
            return List.of();
        }
        Path dir = context.outDir();
        Path file = dir.resolve(context.baseName() + ".wif");
        String version = context.provenance() != null && context.provenance().creatorTool() != null
                ? context.provenance().creatorTool() : "1";
        Written.atomically(file, StandardCharsets.US_ASCII, w -> write(w, weave, profile, version, context.baseName()));
        return List.of(ExportedFile.describe(dir, file, ROLE, MEDIA_TYPE));
    }

    /** @return the bound weave of one repeat, or null when the line cannot weave it */
    static Weave weave(Pattern pattern, WeaveSpec spec) {
        Weave drawn = unbound(pattern, spec);
        if (drawn == null) {
            return null;
        }
        int bound = drawn.plan().bind(spec.maxFloat());
        return new Weave(drawn.ends(), drawn.picks(), drawn.yarns(), drawn.colourOf(), drawn.plan(), bound);
    }

    /**
     * @return the weave of one repeat as the compound draws it, before any binding point (what the float
     *         check measures), or null when the line cannot weave it
     */
    static Weave unbound(Pattern pattern, WeaveSpec spec) {
        long ends = Math.round(pattern.widthCm() * spec.endsPerCm());
        long picks = Math.round(pattern.heightCm() * spec.picksPerCm());
        if (ends < 1 || picks < 1 || ends > spec.hooks() || picks > 16384) {
            return null;
        }
        ScreenPalette found = ScreenPalette.of(pattern.tile(), MERGE_DE, MIN_AREA, spec.weftColours());
        if (!found.fits()) {
            return null;
        }
        int[] yarns = found.palette();
        RgbImage cloth = WrapResampler.resample(pattern.tile(), pattern.repeat(), (int) ends, (int) picks);
        byte[] colourOf = PaletteMap.nearest(cloth, yarns);
        LiftPlan plan = LiftPlan.fromDesign(colourOf, (int) ends, (int) picks, yarns.length);
        return new Weave((int) ends, (int) picks, yarns, colourOf, plan, 0);
    }

    private static void write(BufferedWriter w, Weave weave, ProductionProfile profile, String version, String title)
            throws IOException {
        WeaveSpec spec = profile.weave();
        int k = weave.yarns().length;
        section(w, "WIF");
        line(w, "Version", "1.1");
        // Date and Developers name the specification's release and its authors' contact, as the spec asks
        // every writer to include (so the file is byte-for-byte reproducible)
        line(w, "Date", "April 20, 1997");
        line(w, "Developers", "wif@mhsoft.com");
        line(w, "Source Program", "Tessera");
        line(w, "Source Version", ascii(version));
        section(w, "CONTENTS");
        for (String s : List.of("COLOR PALETTE", "TEXT", "WEAVING", "WARP", "WEFT", "COLOR TABLE", "THREADING", "LIFTPLAN",
                "WEFT COLORS")) {
            line(w, s, "true");
        }
        section(w, "TEXT");
        line(w, "Title", ascii(title));
        section(w, "WEAVING");
        line(w, "Shafts", Integer.toString(weave.ends()));
        line(w, "Treadles", "0");
        line(w, "Rising Shed", "true");
        section(w, "WARP");
        line(w, "Threads", Integer.toString(weave.ends()));
        line(w, "Color", "1");
        line(w, "Units", "centimeters");
        line(w, "Spacing", num(1 / spec.endsPerCm()));
        section(w, "WEFT");
        line(w, "Threads", Integer.toString(weave.picks()));
        line(w, "Color", "1"); // the default; [WEFT COLORS] gives every pick's
        line(w, "Units", "centimeters");
        line(w, "Spacing", num(1 / spec.picksPerCm()));
        section(w, "COLOR PALETTE");
        line(w, "Entries", Integer.toString(k));
        line(w, "Form", "RGB");
        line(w, "Range", "0,255");
        section(w, "COLOR TABLE");
        for (int j = 0; j < k; j++) {
            int c = weave.yarns()[j];
            line(w, Integer.toString(j + 1), ((c >> 16) & 0xff) + "," + ((c >> 8) & 0xff) + "," + (c & 0xff));
        }
        section(w, "THREADING");
        for (int e = 1; e <= weave.ends(); e++) {
            line(w, Integer.toString(e), Integer.toString(e));
        }
        section(w, "LIFTPLAN");
        LiftPlan plan = weave.plan();
        StringBuilder sb = new StringBuilder();
        for (int p = 0; p < weave.picks(); p++) {
            sb.setLength(0);
            for (int e = 0; e < weave.ends(); e++) {
                if (plan.lifted(p, e)) {
                    if (!sb.isEmpty()) {
                        sb.append(',');
                    }
                    sb.append(e + 1);
                }
            }
            line(w, Integer.toString(p + 1), sb.toString());
        }
        section(w, "WEFT COLORS");
        for (int p = 0; p < weave.picks(); p++) {
            line(w, Integer.toString(p + 1), Integer.toString(LiftPlan.weftOf(p, k) + 1));
        }
        section(w, "PRIVATE TESSERA WEAVE");
        line(w, "Profile", ascii(profile.id()));
        line(w, "Hooks", Integer.toString(spec.hooks()));
        line(w, "Max Float", Integer.toString(spec.maxFloat()));
        line(w, "Binding Points", Integer.toString(weave.bindingPoints()));
        line(w, "Compound", "wefts cycle per pick; end lifted where the cell is not the pick's weft colour");
    }

    private static void section(BufferedWriter w, String name) throws IOException {
        w.write("[" + name + "]" + EOL);
    }

    private static void line(BufferedWriter w, String key, String value) throws IOException {
        w.write(key + "=" + value + EOL);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    /** WIF is ASCII: anything else becomes '?'. */
    private static String ascii(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return "WifExporter[jacquard, WIF 1.1]";
    }
}
