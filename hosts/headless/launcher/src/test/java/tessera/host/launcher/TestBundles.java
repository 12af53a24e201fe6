package tessera.host.launcher;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import aQute.bnd.osgi.Builder;
import aQute.bnd.osgi.Jar;

/** Packages test plugins from the compiled test classes with bnd, as a plugin author's build would. */
final class TestBundles {
    private TestBundles() {
    }

    static Path build(Path dir, String bsn, String version, String pkg, Map<String, String> extra) throws Exception {
        try (Builder b = new Builder()) {
            b.setProperty("Bundle-SymbolicName", bsn);
            b.setProperty("Bundle-Version", version);
            b.setProperty("Private-Package", pkg);
            b.setProperty("-dsannotations", "*");
            b.setProperty("-noextraheaders", "true");
            extra.forEach(b::setProperty);
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                b.addClasspath(new File(entry));
            }
            Jar jar = b.build();
            if (!b.getErrors().isEmpty()) {
                throw new IllegalStateException("bnd errors for " + bsn + ": " + b.getErrors());
            }
            Files.createDirectories(dir);
            Path out = dir.resolve(bsn + "-" + version + ".jar");
            jar.write(out.toFile());
            return out;
        }
    }

    static Path swapgen(Path dir, String version) throws Exception {
        return build(dir, "tessera.it.swapgen", version, "tessera.it.swap", Map.of());
    }
}
