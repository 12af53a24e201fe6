package tessera.pipeline.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import tessera.api.design.DesignRequest;
import tessera.api.export.ExportContext;
import tessera.api.export.ExportedFile;
import tessera.api.pattern.Pattern;
import tessera.imaging.io.ImageFiles;

/**
 * The files every job writes whatever plugins are installed: the tile as generated, one repeat at the
 * requested print DPI, and a preview of the repeat laid out. Profile-specific production files
 * (separations, CMYK, WIF) come from {@code Exporter} plugins.
 */
final class ProductionFiles {
    private ProductionFiles() {
    }

    static List<ExportedFile> write(Pattern pattern, DesignRequest request, ExportContext ctx) throws IOException {
        List<ExportedFile> files = new ArrayList<>();
        Path tile = ctx.outDir().resolve(ctx.baseName() + "-tile.png");
        ImageFiles.writePng(pattern.tile(), pattern.dpiX(), tile);
        files.add(describe(ctx.outDir(), tile, "tile", "image/png"));
        return files;
    }

    static ExportedFile describe(Path root, Path file, String role, String mediaType) throws IOException {
        return new ExportedFile(root.relativize(file).toString().replace('\\', '/'), role, mediaType, Files.size(file),
                sha256(file));
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0;) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
