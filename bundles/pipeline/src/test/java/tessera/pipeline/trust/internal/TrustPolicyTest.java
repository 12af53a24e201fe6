package tessera.pipeline.trust.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.pipeline.trust.TrustVerdict;

/** #12: the plugin trust policy on real jars: listed, signed by a trusted key, tampered, unknown. */
class TrustPolicyTest {
    @TempDir
    static Path tmp;
    static Path allow;
    static Path store;
    static TestJars.Key trustedKey;
    static TestJars.Key strangerKey;
    static Path plain;

    @BeforeAll
    static void keys() throws Exception {
        trustedKey = TestJars.key(tmp, "Tessera Test Signer");
        strangerKey = TestJars.key(tmp, "Stranger");
        store = TestJars.trustStore(tmp.resolve("signers.p12"), "changeit", trustedKey.cert());
        allow = tmp.resolve("allowed.sha256");
        plain = TestJars.bundle(tmp.resolve("jars"), "acme.plugin", Map.of("acme/Plugin.class", "v1", "model.bin", "weights"));
    }

    private static TrustPolicy policy() {
        return new TrustPolicy(true, allow, null, store, "changeit");
    }

    @Test
    void anUnknownJarIsRefusedWithItsDigestAndWhatToDo() throws Exception {
        Files.deleteIfExists(allow);
        TrustVerdict v = policy().check(plain);
        String sha = TrustPolicy.sha256(plain);
        assertThat(v.trusted()).isFalse();
        assertThat(v.bundle()).isEqualTo("acme.plugin 1.0.0");
        assertThat(v.reason()).startsWith("bundle acme.plugin 1.0.0 (sha256 " + sha + ") is not signed by a trusted key nor on the allow-list in " + allow)
                .contains("echo " + sha + " >> " + allow).contains("or sign it").contains(store.toString());
    }

    @Test
    void aListedJarIsTrustedInSha256sumFormat() throws Exception {
        Path other = TestJars.bundle(tmp.resolve("listed"), "acme.listed", Map.of("a.txt", "x"));
        Files.writeString(allow, "# plugins we reviewed\n" + TrustPolicy.sha256(other).toUpperCase() + "  acme.listed.jar\n");
        TrustVerdict v = policy().check(other);
        assertThat(v.trusted()).as(v.reason()).isTrue();
        assertThat(v.reason()).isEqualTo("listed in " + allow);
        assertThat(policy().check(plain).trusted()).isFalse();
    }

    @Test
    void aJarSignedByATrustedKeyIsTrustedAndByAStrangerIsNot() throws Exception {
        Path signed = TestJars.sign(plain, trustedKey, tmp.resolve("signed.jar"));
        TrustVerdict v = policy().check(signed);
        assertThat(v.trusted()).as(v.reason()).isTrue();
        assertThat(v.reason()).contains("signed by CN=Tessera Test Signer");

        Path strange = TestJars.sign(plain, strangerKey, tmp.resolve("stranger.jar"));
        TrustVerdict s = policy().check(strange);
        assertThat(s.trusted()).isFalse();
        assertThat(s.reason()).contains("signed by CN=Stranger, whose certificate is not in the trust store");
    }

    @Test
    void aTamperedOrExtendedSignedJarIsRefused() throws Exception {
        Path signed = TestJars.sign(plain, trustedKey, tmp.resolve("to-tamper.jar"));
        TrustVerdict changed = policy().check(TestJars.tamper(signed, Map.of("acme/Plugin.class", "evil"), Map.of(),
                tmp.resolve("tampered.jar")));
        assertThat(changed.trusted()).isFalse();
        assertThat(changed.reason()).contains("signature does not verify").contains("changed after it was signed");

        Path extended = TestJars.tamper(signed, Map.of(), Map.of("acme/Extra.class", "x"), tmp.resolve("extended.jar"));
        TrustVerdict added = policy().check(extended);
        assertThat(added.trusted()).isFalse();
        assertThat(added.reason()).contains("entry acme/Extra.class is not covered by its signature");
    }

    @Test
    void aWrongStorePasswordIsNamedInTheRefusal() throws Exception {
        Path signed = TestJars.sign(plain, trustedKey, tmp.resolve("signed-pw.jar"));
        TrustVerdict v = new TrustPolicy(true, allow, null, store, "wrong").check(signed);
        assertThat(v.trusted()).isFalse();
        assertThat(v.reason()).contains("the trust store " + store + " cannot be read").contains(TrustPolicy.TRUST_STORE_PASSWORD);
    }

    @Test
    void locationsMapToJarsAsFelixFileInstallAndEquinoxWriteThem() throws Exception {
        assertThat(TrustGate.jarOf(plain.toUri().toString())).isEqualTo(plain);
        assertThat(TrustGate.jarOf("reference:" + plain.toUri())).isEqualTo(plain);
        assertThat(TrustGate.jarOf("initial@reference:" + plain.toUri())).isEqualTo(plain);
        assertThat(TrustGate.jarOf("inputstream:acme.jar")).isNull();
        assertThat(TrustGate.jarOf("file:plugins/acme.jar")).isNull();
    }
}
