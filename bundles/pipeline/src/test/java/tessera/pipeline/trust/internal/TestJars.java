package tessera.pipeline.trust.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import jdk.security.jarsigner.JarSigner;

/** Bundle jars, signing keys and trust stores made on the spot, as an administrator would with keytool. */
final class TestJars {
    private TestJars() {
    }

    static Path bundle(Path dir, String bsn, Map<String, String> entries) throws IOException {
        Files.createDirectories(dir);
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
        m.getMainAttributes().putValue("Bundle-SymbolicName", bsn);
        m.getMainAttributes().putValue("Bundle-Version", "1.0.0");
        Path jar = dir.resolve(bsn + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), m)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        return jar;
    }

    /** A key pair in a PKCS12 key store, made by the JDK's keytool (the JDK has no public API for it). */
    record Key(PrivateKey key, X509Certificate cert, List<X509Certificate> chain) {
    }

    static Key key(Path dir, String cn) throws Exception {
        Path ks = dir.resolve(cn + ".p12");
        Files.deleteIfExists(ks);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keyalg", "EC", "-groupname", "secp256r1", "-alias", "signer", "-dname", "CN=" + cn,
                "-validity", "30", "-keystore", ks.toString(), "-storetype", "PKCS12", "-storepass", "secret")
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool failed: " + log);
        }
        KeyStore store = KeyStore.getInstance(ks.toFile(), "secret".toCharArray());
        X509Certificate cert = (X509Certificate) store.getCertificate("signer");
        return new Key((PrivateKey) store.getKey("signer", "secret".toCharArray()), cert, List.of(cert));
    }

    static Path sign(Path jar, Key key, Path signed) throws Exception {
        JarSigner signer = new JarSigner.Builder(key.key(),
                CertificateFactory.getInstance("X.509").generateCertPath(key.chain())).build();
        try (ZipFile in = new ZipFile(jar.toFile()); OutputStream out = Files.newOutputStream(signed)) {
            signer.sign(in, out);
        }
        return signed;
    }

    /** A trust store holding these certificates, as 'keytool -importcert' makes one. */
    static Path trustStore(Path file, String password, X509Certificate... certs) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        for (int i = 0; i < certs.length; i++) {
            ks.setCertificateEntry("signer-" + i, certs[i]);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, password.toCharArray());
        }
        return file;
    }

    /**
     * A copy of a jar, signature files included, with some entries' bytes replaced and some entries added:
     * what someone changing a signed jar without the key can do.
     */
    static Path tamper(Path jar, Map<String, String> replace, Map<String, String> add, Path out) throws IOException {
        try (ZipFile in = new ZipFile(jar.toFile()); ZipOutputStream zo = new ZipOutputStream(Files.newOutputStream(out))) {
            for (ZipEntry e : java.util.Collections.list(in.entries())) {
                zo.putNextEntry(new ZipEntry(e.getName()));
                String r = replace.get(e.getName());
                zo.write(r != null ? r.getBytes(StandardCharsets.UTF_8) : in.getInputStream(e).readAllBytes());
            }
            for (Map.Entry<String, String> e : add.entrySet()) {
                zo.putNextEntry(new ZipEntry(e.getKey()));
                zo.write(e.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
