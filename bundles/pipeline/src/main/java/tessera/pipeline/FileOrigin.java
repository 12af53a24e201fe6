package tessera.pipeline;

import java.io.IOException;
import java.nio.file.Path;

import tessera.api.InvalidValueException;
import tessera.api.export.OutputProvenance;
import tessera.api.job.DesignOrigin;
import tessera.api.job.ServiceUse;
import tessera.imaging.io.XmpPacket;

/**
 * The origin a PNG or TIFF that Tessera wrote names in its XMP (generator, model, job, design, seed, prompt),
 * for {@code tessera check}/{@code export} and the HTTP API to pass to
 * {@link tessera.api.job.DesignPipeline#runPattern(tessera.api.pattern.Pattern, String, boolean, DesignOrigin,
 * tessera.api.job.JobOptions, tessera.api.job.JobListener) runPattern}. XMP is not signed: the origin is marked
 * {@link DesignOrigin#FILE}, and a packet that is damaged or does not hold together gives an unknown origin with
 * a note instead of failing the export.
 */
public final class FileOrigin {
    private FileOrigin() {
    }

    /**
     * @param file a PNG or TIFF
     * @return the origin it names; an unknown origin (no generator) whose note says why when its XMP is damaged,
     *         foreign or inconsistent; null when the file carries no XMP at all or is not a PNG or TIFF
     */
    public static DesignOrigin read(Path file) {
        String name = file.getFileName().toString();
        XmpPacket xmp;
        try {
            xmp = XmpPacket.read(file);
        } catch (IOException e) {
            return DesignOrigin.unknown(DesignOrigin.FILE, name + ": its XMP cannot be read (" + e.getMessage()
                    + "); the design is treated as having no known origin");
        }
        if (xmp == null) {
            return null;
        }
        try {
            OutputProvenance p = xmp.provenance();
            if (p.generator() == null) {
                return DesignOrigin.unknown(DesignOrigin.FILE, name + " carries XMP but no Tessera generator"
                        + (xmp.creatorTool() == null ? "" : " (made with " + xmp.creatorTool() + ")")
                        + "; the design is treated as having no known origin");
            }
            String id = tessera.api.Check.id("generator", p.generator());
            ServiceUse gen = new ServiceUse("generator", id, p.generatorVersion(), null, p.modelId());
            return new DesignOrigin(gen, p.modelVersion(), p.manifestSha256(), p.originJobId(), p.candidate(), p.seed(),
                    p.prompt(), DesignOrigin.FILE, "read from the XMP of " + name);
        } catch (InvalidValueException e) {
            return DesignOrigin.unknown(DesignOrigin.FILE, name + ": its XMP names an origin that does not hold ("
                    + e.getMessage() + "); the design is treated as having no known origin");
        }
    }
}
