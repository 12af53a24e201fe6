package tessera.host.rcp.workbench.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.pipeline.trust.BundleTrust;
import tessera.pipeline.trust.TrustVerdict;

/**
 * The Plugins part asks the engine's trust policy (#12) before it installs or updates: refused in strict mode with
 * the policy's reason, a warning otherwise; the same policy the CLI and the HTTP API ask.
 */
class PluginsTrustTest {
    @Test
    void strictRefusesWithTheReasonOtherwiseWarns() {
        TrustVerdict untrusted = new TrustVerdict("x 1.0.0", "ab".repeat(32), false, "not on the allow-list in F");
        assertThat(PluginsPart.admission(untrusted, true)).isEqualTo(new PluginsPart.Admission(true, "not on the allow-list in F"));
        assertThat(PluginsPart.admission(untrusted, false).refused()).isFalse();
        assertThat(PluginsPart.admission(untrusted, false).text()).contains("untrusted", "not on the allow-list in F");
        TrustVerdict listed = new TrustVerdict("x 1.0.0", "ab".repeat(32), true, "listed");
        assertThat(PluginsPart.admission(listed, true)).isEqualTo(new PluginsPart.Admission(false, ""));
    }

    @Test
    void theRunningEnginesPolicyJudgesAJarBeforeItIsPlaced(@TempDir Path tmp) throws Exception {
        Engine engine = TestRuntime.startEngine();
        BundleTrust trust = engine.await(BundleTrust.class, Duration.ofSeconds(60));
        Path jar = tmp.resolve("stranger.jar");
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", "tessera.it.stranger");
        a.putValue("Bundle-Version", "1.0.0");
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(os, mf)) {
            j.closeEntry();
        }
        PluginsPart.Admission admission = new PluginsPart().admit(jar);
        assertThat(admission.refused()).isEqualTo(trust.strict());
        assertThat(admission.text()).contains(trust.check(jar).reason());
    }
}
