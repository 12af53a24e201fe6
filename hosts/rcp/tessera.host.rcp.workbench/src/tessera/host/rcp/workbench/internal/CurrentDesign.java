package tessera.host.rcp.workbench.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import tessera.api.job.ServiceUse;
import tessera.api.pattern.Pattern;
import tessera.imaging.io.ImageFiles;

/**
 * The design the studio works on: what the Constraints, Export, Provenance and QA parts act on. It lives in
 * the application's e4 context ({@code CurrentDesign.class}), so a part opened later still sees it, and a
 * repair replaces it there for every part at once.
 *
 * @param pattern   the tile with its repeat and physical size, as the constraint solvers and exporters take it
 * @param tile      the tile's PNG (the canvas shows it; QA uses it as the default source)
 * @param profile   the chosen production profile id, or null for profile-free checks
 * @param generator the generator that made it (role {@code generator} of the job record), or null for a file
 * @param revision  0 as generated, +1 per repair
 * @param label     for the user, e.g. "design 2 of 4, seed 77"
 * @param origin    the generation job and design it came from (its request, seed and generator), or null for a
 *                  file: what an export records as its provenance
 */
public record CurrentDesign(Pattern pattern, Path tile, String profile, ServiceUse generator, int revision,
        String label, Variation origin) {

    /** A design with no generation job behind it (a file). */
    public CurrentDesign(Pattern pattern, Path tile, String profile, ServiceUse generator, int revision, String label) {
        this(pattern, tile, profile, generator, revision, label, null);
    }

    /** Candidate {@code index} of a finished job, read back from its tile PNG. */
    static CurrentDesign of(DesignResult result, int index) throws IOException {
        return of(new Variation(result, index));
    }

    /** A design of a finished job, read back from its tile PNG. */
    static CurrentDesign of(Variation v) throws IOException {
        var req = v.request();
        Pattern p = new Pattern(ImageFiles.read(v.tile()).image(), req.repeatOrDefault(), req.tileWidthCmOrDefault(),
                req.tileHeightCmOrDefault(), v.labels());
        return new CurrentDesign(p, v.tile(), req.profile(), v.generator(), 0, v.job().view(v.index()).label(), v);
    }

    /** @return this design against another profile */
    CurrentDesign withProfile(String id) {
        return new CurrentDesign(pattern, tile, id, generator, revision, label, origin);
    }

    /**
     * The repaired design, its tile written beside the original ({@code <name>-r<revision>.png}) so the
     * canvas, QA and the user's file browser all see what the studio now holds.
     */
    CurrentDesign repaired(Pattern next) throws IOException {
        int rev = revision + 1;
        String name = tile.getFileName().toString().replaceFirst("(-r\\d+)?\\.png$", "");
        Path file = tile.resolveSibling(name + "-r" + rev + ".png");
        ImageFiles.writePng(next.tile(), next.dpiX(), file);
        return new CurrentDesign(next, file, profile, generator, rev, label.replaceFirst(", repaired \\d+×$", "")
                + ", repaired " + rev + "×", origin);
    }

    /** @return the design with these colourways (constraints plugin label {@code colourway.<name>}) for export */
    CurrentDesign withColourways(Map<String, String> ways) {
        var labels = new java.util.LinkedHashMap<>(pattern.labels());
        labels.keySet().removeIf(k -> k.startsWith(COLOURWAY_LABEL));
        ways.forEach((name, colours) -> labels.put(COLOURWAY_LABEL + name, colours));
        Pattern p = new Pattern(pattern.tile(), pattern.repeat(), pattern.widthCm(), pattern.heightCm(), labels);
        return new CurrentDesign(p, tile, profile, generator, revision, label, origin);
    }

    /** The label prefix the constraints plugin's Colourways exporter reads (docs/constraints.md). */
    static final String COLOURWAY_LABEL = "colourway.";

    /** @return what the canvas needs to show this design at real size */
    TileView view() {
        return new TileView(tile, pattern.repeat(), pattern.widthCm(), pattern.heightCm(), label);
    }

    /** @return the job folder the design came from, where derived files go by default */
    Path folder() {
        return tile.toAbsolutePath().getParent();
    }

    /** @return one line for the user: label, repeat, physical and pixel size */
    String summary() {
        return String.format(java.util.Locale.ROOT, "%s · %s · %.1f × %.1f cm · %d × %d px", label, pattern.repeat().label(),
                pattern.widthCm(), pattern.heightCm(), pattern.tile().width(), pattern.tile().height());
    }

    /** What the parts say while there is no design. */
    static final String NONE = "No design yet: generate one in the Design view.";
}
