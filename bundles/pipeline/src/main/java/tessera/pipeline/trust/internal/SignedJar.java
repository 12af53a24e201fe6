package tessera.pipeline.trust.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.Certificate;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * A jarsigner-signed jar checked the way the JDK checks one: every entry read through a verifying
 * {@link JarFile} (a changed entry throws), every entry but the signature files themselves signed, and
 * a signer whose certificate is trusted or chains to a trusted one (PKIX, no revocation: no network).
 */
final class SignedJar {
    /** Who signed it, when trusted; otherwise why not (null: the jar carries no signature at all). */
    record Outcome(String trustedSigner, String problem) {
    }

    private SignedJar() {
    }

    static Outcome verify(Path jar, Collection<X509Certificate> trusted) {
        try (JarFile jf = new JarFile(jar.toFile(), true)) {
            boolean signed = jf.stream().anyMatch(e -> isSignatureFile(e.getName()) && e.getName().endsWith(".SF"));
            if (!signed) {
                return new Outcome(null, null);
            }
            String signer = null;
            byte[] buf = new byte[16384];
            for (Enumeration<JarEntry> en = jf.entries(); en.hasMoreElements();) {
                JarEntry e = en.nextElement();
                if (e.isDirectory() || isSignatureFile(e.getName())) {
                    continue;
                }
                try (InputStream in = jf.getInputStream(e)) {
                    while (in.read(buf) >= 0) {
                        // reading to the end is what makes JarFile compare the entry with its signed digest
                    }
                }
                CodeSigner[] signers = e.getCodeSigners();
                if (signers == null || signers.length == 0) {
                    return new Outcome(null, "entry " + e.getName() + " is not covered by its signature (added after signing)");
                }
                String who = trustedSigner(signers, trusted);
                if (who == null) {
                    return new Outcome(null, "it is signed by " + subject(signers[0]) + ", whose certificate is not in the trust store");
                }
                signer = who;
            }
            return new Outcome(signer, signer == null ? "its signature covers no entry" : null);
        } catch (SecurityException e) {
            return new Outcome(null, "its signature does not verify (" + e.getMessage() + "): the jar was changed after it was signed");
        } catch (IOException e) {
            return new Outcome(null, "it is not a readable jar: " + e.getMessage());
        }
    }

    private static String trustedSigner(CodeSigner[] signers, Collection<X509Certificate> trusted) {
        for (CodeSigner s : signers) {
            Certificate leaf = s.getSignerCertPath().getCertificates().get(0);
            if (trusted.contains(leaf) || chainsToTrusted(s, trusted)) {
                return subject(s);
            }
        }
        return null;
    }

    /** A chain the jar carries proves nothing by itself: validate it against the trust store's anchors. */
    private static boolean chainsToTrusted(CodeSigner s, Collection<X509Certificate> trusted) {
        if (trusted.isEmpty()) {
            return false;
        }
        try {
            Set<TrustAnchor> anchors = new HashSet<>();
            trusted.forEach(c -> anchors.add(new TrustAnchor(c, null)));
            PKIXParameters params = new PKIXParameters(anchors);
            params.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX").validate(s.getSignerCertPath(), params);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String subject(CodeSigner s) {
        Certificate c = s.getSignerCertPath().getCertificates().get(0);
        return c instanceof X509Certificate x ? x.getSubjectX500Principal().getName() : c.getType() + " certificate";
    }

    /** The manifest and the signature block files, which a signature cannot cover. */
    static boolean isSignatureFile(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        if (!n.startsWith("META-INF/") || n.indexOf('/', "META-INF/".length()) >= 0) {
            return false;
        }
        return n.equals("META-INF/MANIFEST.MF") || n.endsWith(".SF") || n.endsWith(".RSA") || n.endsWith(".DSA")
                || n.endsWith(".EC") || n.startsWith("META-INF/SIG-");
    }
}
