package tessera.plugin.provenance.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;

/**
 * Real third-party files for the tests (#7), taken from test-scoped Maven Central jars on the class path
 * and copied into a temporary folder; nothing of them is committed.
 */
final class Corpora {
    private Corpora() {
    }

    /**
     * Copies every non-class entry under {@code folder/} of the jar holding {@code probe} to {@code target/<label>/}.
     *
     * @return the number of files copied
     */
    static int extract(String probe, String folder, Path target, String label) throws IOException {
        URL url = Corpora.class.getClassLoader().getResource(probe);
        if (url == null) {
            throw new IllegalStateException(probe + " is not on the test class path; the pom's test jars provide it");
        }
        JarURLConnection c = (JarURLConnection) url.openConnection();
        c.setUseCaches(false);
        int n = 0;
        try (JarFile jar = c.getJarFile()) {
            for (var e : (Iterable<java.util.jar.JarEntry>) jar.stream()::iterator) {
                String name = e.getName();
                if (e.isDirectory() || !name.startsWith(folder + "/") || name.endsWith(".class")) {
                    continue;
                }
                Path out = target.resolve(label).resolve(name.substring(folder.length() + 1));
                Files.createDirectories(out.getParent());
                try (InputStream in = jar.getInputStream(e)) {
                    Files.copy(in, out);
                }
                n++;
            }
        }
        return n;
    }
}
