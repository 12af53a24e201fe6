package tessera.host.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

import tessera.pipeline.trust.internal.TrustGate;

/**
 * #12 plugin trust policy, strict mode, through every install path of the real host: the hot folder,
 * the CLI ({@code tessera bundles install/update}) and the HTTP API ({@code POST/PUT /api/bundles}). An unknown jar is refused with its SHA-256
 * and what to do; a listed jar and a jar signed (with the JDK's keytool and jarsigner, as an
 * administrator would) by a key in the trust store load; the same signed jar with one entry changed is
 * refused.
 */
class TrustPolicyIT {
    private static final String[] STRICT = {"tessera.strict", "tessera.trust.storepass"};
    @TempDir
    static Path tmp;
    static Path data;
    static Path jars;
    static Engine engine;

    @BeforeAll
    static void start() throws Exception {
        System.setProperty("tessera.strict", "true"); // Felix falls back to system properties
        System.setProperty("tessera.trust.storepass", "changeit");
        data = tmp.resolve("data");
        jars = tmp.resolve("jars");
        Files.createDirectories(data.resolve("trust"));
        engine = new Engine(data);
    }

    @AfterAll
    static void stop() throws Exception {
        Arrays.stream(STRICT).forEach(System::clearProperty);
        if (engine != null) {
            engine.close();
        }
    }

    private static Path plugin(String name) throws Exception {
        return TestBundles.build(jars, "tessera.it.trust." + name, "1.0.0", "tessera.it.swap", Map.of());
    }

    @Test
    void anUntrustedJarDroppedIntoTheHotFolderNeverResolvesAndIsUninstalled() throws Exception {
        Path jar = plugin("dropped");
        String sha = sha256(jar);
        Files.copy(jar, engine.hot().resolve("dropped.jar"));
        String refusal = awaitRefusal("tessera.it.trust.dropped");
        assertThat(refusal).contains("refused: bundle tessera.it.trust.dropped 1.0.0 (sha256 " + sha
                + ") is not signed by a trusted key nor on the allow-list in " + data.resolve("trust/allowed.sha256"))
                .contains("echo " + sha + " >> ").contains("or sign it");
        awaitGone("tessera.it.trust.dropped");
        // the gate keeps it from resolving before it is uninstalled: it never got past INSTALLED
        assertThat(find("tessera.it.trust.dropped")).isEmpty();
    }

    @Test
    void theCliRefusesAnUntrustedJarAndInstallsAListedOne() throws Exception {
        Path jar = plugin("cli");
        Engine.Result r = engine.cli("bundles", "install", jar.toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("tessera bundles install: refused: bundle tessera.it.trust.cli 1.0.0 (sha256 "
                + sha256(jar) + ") is not signed by a trusted key nor on the allow-list");
        assertThat(engine.hot().resolve("tessera.it.trust.cli.jar")).doesNotExist();

        Files.writeString(data.resolve("trust/allowed.sha256"), sha256(jar) + "  tessera.it.trust.cli-1.0.0.jar\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Engine.Result ok = engine.cli("bundles", "install", jar.toString());
        assertThat(ok.code()).as(ok.toString()).isZero();
        assertThat(ok.out()).contains("installed tessera.it.trust.cli 1.0.0: active, plugins swapgen");

        Path unlisted = TestBundles.build(jars.resolve("v2"), "tessera.it.trust.cli", "2.0.0", "tessera.it.swap", Map.of());
        Engine.Result upd = engine.cli("bundles", "update", unlisted.toString());
        assertThat(upd.code()).as(upd.toString()).isEqualTo(1);
        assertThat(upd.err()).contains("tessera bundles update: refused: bundle tessera.it.trust.cli 2.0.0 (sha256 " + sha256(unlisted));
        assertThat(find("tessera.it.trust.cli").orElseThrow().getVersion().toString()).isEqualTo("1.0.0");
    }

    @Test
    void aJarSignedByATrustedKeyLoadsAndTheSameJarTamperedIsRefused() throws Exception {
        Path keys = Files.createDirectories(tmp.resolve("keys"));
        Path signing = keys.resolve("acme-signing.p12");
        tool("keytool", "-genkeypair", "-keyalg", "EC", "-groupname", "secp256r1", "-alias", "acme", "-dname",
                "CN=Acme Plugins,O=Acme", "-validity", "30", "-keystore", signing.toString(), "-storepass", "s3cret");
        tool("keytool", "-exportcert", "-rfc", "-alias", "acme", "-keystore", signing.toString(), "-storepass", "s3cret",
                "-file", keys.resolve("acme.pem").toString());
        tool("keytool", "-importcert", "-noprompt", "-alias", "acme", "-file", keys.resolve("acme.pem").toString(),
                "-keystore", data.resolve("trust/signers.p12").toString(), "-storepass", "changeit");
        Path signed = jars.resolve("signed.jar");
        tool("jarsigner", "-keystore", signing.toString(), "-storepass", "s3cret", "-signedjar", signed.toString(),
                plugin("signed").toString(), "acme");

        Files.copy(signed, engine.hot().resolve("signed.jar"));
        Bundle b = awaitActive("tessera.it.trust.signed");
        assertThat(b.getState()).isEqualTo(Bundle.ACTIVE);
        // the gate judged the framework's own copy of the bytes, not the file FileInstall read them from
        assertThat(TrustGate.installedJar(b).toString()).contains("tessera-felix-").endsWith("bundle.jar");

        Path tampered = jars.resolve("tampered.jar");
        rewrite(tool("jarsigner", "-keystore", signing.toString(), "-storepass", "s3cret", "-signedjar",
                jars.resolve("to-tamper.jar").toString(), plugin("tampered").toString(), "acme"), tampered);
        Files.copy(tampered, engine.hot().resolve("tampered.jar"));
        assertThat(awaitRefusal("tessera.it.trust.tampered")).contains("signature does not verify")
                .contains("changed after it was signed");
        awaitGone("tessera.it.trust.tampered");
    }

    @Test
    void theHttpApiRefusesAnUntrustedJarWith403AndAuditsIt() throws Exception {
        Path sdata = tmp.resolve("server");
        String admin = ServerProcess.token(sdata, "ada", "admin");
        Path jar = plugin("http");
        try (ServerProcess server = ServerProcess.start(sdata, "--strict")) {
            HttpResponse<String> r = server.send("POST", "/api/bundles", admin, "application/java-archive", Files.readAllBytes(jar));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
            assertThat(ServerProcess.json(r).path("error").asText()).startsWith("bundle tessera.it.trust.http 1.0.0 (sha256 "
                    + sha256(jar) + ") is not signed by a trusted key nor on the allow-list in " + sdata.resolve("trust/allowed.sha256"));
            assertThat(sdata.resolve("hot/tessera.it.trust.http.jar")).doesNotExist();
            assertThat(server.get("/api/audit", admin).body()).contains("bundle.refused");

            Files.createDirectories(sdata.resolve("trust"));
            Files.writeString(sdata.resolve("trust/allowed.sha256"), sha256(jar) + "\n");
            HttpResponse<String> ok = server.send("POST", "/api/bundles", admin, "application/java-archive", Files.readAllBytes(jar));
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
            assertThat(ServerProcess.json(ok).path("state").asText()).isEqualTo("active");
            assertThat(ServerProcess.json(ok).path("trust").asText()).isEqualTo("listed in " + sdata.resolve("trust/allowed.sha256"));

            Path unlisted = TestBundles.build(jars.resolve("http-v2"), "tessera.it.trust.http", "2.0.0", "tessera.it.swap", Map.of());
            HttpResponse<String> upd = server.send("PUT", "/api/bundles/tessera.it.trust.http", admin, "application/java-archive",
                    Files.readAllBytes(unlisted));
            assertThat(upd.statusCode()).as(upd.body()).isEqualTo(403);
            assertThat(ServerProcess.json(upd).path("error").asText()).contains("bundle tessera.it.trust.http 2.0.0 (sha256 "
                    + sha256(unlisted));
        }
    }

    /** The refusal line {@code tessera bundles list} prints for this bundle, once the gate has judged it. */
    private static String awaitRefusal(String bsn) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            Optional<String> line = engine.cli("bundles", "list").out().lines()
                    .filter(l -> l.startsWith("refused: bundle " + bsn + " ")).findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no refusal of " + bsn + " within 20 s; bundles list: " + engine.cli("bundles", "list").out());
    }

    private static void awaitGone(String bsn) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (find(bsn).isPresent() && System.currentTimeMillis() < deadline) {
            assertThat(find(bsn).map(Bundle::getState).orElse(Bundle.UNINSTALLED)).as(bsn + " must never resolve")
                    .isIn(Bundle.INSTALLED, Bundle.UNINSTALLED);
            Thread.sleep(20);
        }
        assertThat(find(bsn)).as(bsn + " is uninstalled").isEmpty();
    }

    private static Bundle awaitActive(String bsn) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            Optional<Bundle> b = find(bsn);
            if (b.isPresent() && b.get().getState() == Bundle.ACTIVE) {
                return b.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError(bsn + " did not become active; bundles list: " + engine.cli("bundles", "list").out());
    }

    private static Optional<Bundle> find(String bsn) {
        return Arrays.stream(engine.runtime.framework().getBundleContext().getBundles())
                .filter(b -> bsn.equals(b.getSymbolicName())).findFirst();
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    /** Runs a JDK tool from the running JDK's bin folder; returns the last argument that names a jar it wrote. */
    private static Path tool(String name, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", name).toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(name + " failed: " + log);
        }
        int signedJar = cmd.indexOf("-signedjar");
        return signedJar > 0 ? Path.of(cmd.get(signedJar + 1)) : null;
    }

    /** A copy of a signed jar with one class's bytes changed and the signature files kept, as an attacker would. */
    private static void rewrite(Path signed, Path out) throws IOException {
        try (ZipFile in = new ZipFile(signed.toFile()); ZipOutputStream zo = new ZipOutputStream(Files.newOutputStream(out))) {
            for (ZipEntry e : java.util.Collections.list(in.entries())) {
                byte[] bytes = in.getInputStream(e).readAllBytes();
                if (e.getName().endsWith("SwapGenerator.class")) {
                    bytes[bytes.length - 1] ^= 1;
                }
                zo.putNextEntry(new ZipEntry(e.getName()));
                zo.write(bytes);
            }
        }
    }
}
