package tessera.pipeline.trust;

import java.nio.file.Path;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The plugin trust policy as a service. A bundle jar is trusted when its SHA-256 is on an allow-list
 * (the administrator's file or the distribution's build-time list) or when every entry is signed by a
 * key whose certificate is in the trust store. In strict mode (framework property {@code tessera.strict}
 * = true) the framework never resolves an untrusted bundle and uninstalls it; otherwise it loads with a
 * logged warning.
 */
@ProviderType
public interface BundleTrust {
    /** Whether untrusted bundles are refused (true) or only warned about (false). */
    boolean strict();

    /**
     * Judges a bundle jar, e.g. an upload before a host places it; reads the file, never installs it.
     *
     * @param jar a bundle jar on the local file system
     */
    TrustVerdict check(Path jar);

    /** Bundles refused or warned about since the framework started and not trusted since, newest first (at most 50). */
    List<TrustVerdict> recent();
}
