package tessera.pipeline.trust.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.jar.Attributes;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;

import tessera.pipeline.trust.TrustVerdict;

/**
 * Which bundle jars may load (#12): listed by SHA-256 (the administrator's allow-list or the list the
 * distribution's build wrote) or signed, entry by entry, by a key whose certificate is in the trust
 * store. Files are read on every check, so adding a line or a certificate takes effect without a restart.
 * Plain Java: the gate, the hosts and the tests share it.
 */
public final class TrustPolicy {
    /** Framework (or system) properties the policy reads; {@code tessera.strict} is #7's strict mode. */
    public static final String STRICT = "tessera.strict";
    public static final String ALLOW_LIST = "tessera.trust.allowlist";
    public static final String DISTRIBUTION_LIST = "tessera.trust.distribution";
    public static final String TRUST_STORE = "tessera.trust.store";
    public static final String TRUST_STORE_PASSWORD = "tessera.trust.storepass";
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    private final boolean strict;
    private final Path allowList;
    private final Path distributionList;
    private final Path trustStore;
    private final String storePassword;

    public TrustPolicy(boolean strict, Path allowList, Path distributionList, Path trustStore, String storePassword) {
        this.strict = strict;
        this.allowList = allowList;
        this.distributionList = distributionList;
        this.trustStore = trustStore;
        this.storePassword = storePassword;
    }

    /** The policy the properties describe; {@code property} is e.g. {@code BundleContext::getProperty}. */
    public static TrustPolicy from(Function<String, String> property) {
        return new TrustPolicy(Boolean.parseBoolean(property.apply(STRICT)), path(property.apply(ALLOW_LIST)),
                path(property.apply(DISTRIBUTION_LIST)), path(property.apply(TRUST_STORE)),
                property.apply(TRUST_STORE_PASSWORD));
    }

    private static Path path(String s) {
        return s == null || s.isBlank() ? null : Path.of(s.trim());
    }

    public boolean strict() {
        return strict;
    }

    public TrustVerdict check(Path jar) {
        String bundle = identify(jar);
        String sha;
        try {
            sha = sha256(jar);
        } catch (IOException e) {
            return new TrustVerdict(bundle, "", false, "bundle " + bundle + " cannot be read (" + e.getMessage()
                    + "); only a readable jar that is listed or signed by a trusted key may load");
        }
        for (Path list : new Path[] {allowList, distributionList}) {
            if (list != null && listed(list, sha)) {
                return new TrustVerdict(bundle, sha, true, "listed in " + list);
            }
        }
        List<X509Certificate> trusted = new ArrayList<>();
        String storeProblem = trustedCertificates(trusted);
        SignedJar.Outcome signed = SignedJar.verify(jar, trusted);
        if (signed.trustedSigner() != null) {
            return new TrustVerdict(bundle, sha, true, "signed by " + signed.trustedSigner() + ", trusted in " + trustStore);
        }
        return new TrustVerdict(bundle, sha, false, refusal(bundle, sha, signed.problem(), storeProblem));
    }

    /** What the user reads: which bundle, why, and the two ways to make it load. */
    private String refusal(String bundle, String sha, String problem, String storeProblem) {
        StringBuilder sb = new StringBuilder("bundle ").append(bundle).append(" (sha256 ").append(sha)
                .append(") is not signed by a trusted key nor on the allow-list");
        if (allowList != null) {
            sb.append(" in ").append(allowList).append(": add its SHA-256 with 'echo ").append(sha).append(" >> ")
                    .append(allowList).append('\'');
        } else {
            sb.append(" (none is configured: set ").append(ALLOW_LIST).append(" to a file of SHA-256 lines and add ")
                    .append(sha).append(')');
        }
        sb.append(" or sign it with jarsigner using a key whose certificate is in ");
        sb.append(trustStore != null ? "the trust store " + trustStore : "a trust store (set " + TRUST_STORE + ")");
        if (problem != null) {
            sb.append("; ").append(problem);
        }
        if (storeProblem != null) {
            sb.append("; ").append(storeProblem);
        }
        return sb.toString();
    }

    private static boolean listed(Path list, String sha) {
        if (!Files.isRegularFile(list)) {
            return false;
        }
        try {
            // one SHA-256 per line, first word; '#' comments; 'sha256sum *.jar' output works as it is
            for (String line : Files.readAllLines(list)) {
                String first = line.strip().split("\\s+", 2)[0];
                if (SHA256.matcher(first).matches() && first.toLowerCase(Locale.ROOT).equals(sha)) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false; // an unreadable list trusts nothing; the refusal names the file to fix
        }
        return false;
    }

    /** Fills {@code out} with the trust store's certificates; returns what went wrong, or null. */
    private String trustedCertificates(List<X509Certificate> out) {
        if (trustStore == null || !Files.isRegularFile(trustStore)) {
            return null;
        }
        try {
            KeyStore ks = KeyStore.getInstance(trustStore.toFile(),
                    storePassword == null ? null : storePassword.toCharArray());
            for (String alias : Collections.list(ks.aliases())) {
                Certificate c = ks.getCertificate(alias);
                if (c instanceof X509Certificate x) {
                    out.add(x);
                }
            }
            return null;
        } catch (IOException | GeneralSecurityException e) {
            return "the trust store " + trustStore + " cannot be read (" + e.getMessage() + "; is "
                    + TRUST_STORE_PASSWORD + " right?)";
        }
    }

    static String sha256(Path jar) throws IOException {
        try (InputStream in = Files.newInputStream(jar)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[65536];
            for (int n; (n = in.read(buf)) > 0;) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** {@code name version} from the manifest, or the file name when it has none. */
    static String identify(Path jar) {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar), false)) {
            Manifest m = in.getManifest();
            Attributes a = m == null ? null : m.getMainAttributes();
            String bsn = a == null ? null : a.getValue("Bundle-SymbolicName");
            if (bsn != null) {
                String v = a.getValue("Bundle-Version");
                return bsn.split(";")[0].trim() + (v == null ? "" : " " + v.trim());
            }
        } catch (IOException | RuntimeException e) {
            // not a jar: it is named by its file, and the check refuses it
        }
        return String.valueOf(jar.getFileName());
    }
}
