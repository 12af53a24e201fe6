package tessera.pipeline.trust;

/**
 * The trust policy's answer for one bundle jar.
 *
 * @param bundle  symbolic name and version, or the file name when the jar has no bundle manifest
 * @param sha256  SHA-256 of the jar's bytes, 64 lower-case hex digits
 * @param trusted whether it is listed or signed by a trusted key
 * @param reason  why: {@code listed in FILE}, {@code signed by CN=…}, or, when not trusted, what to do about it
 */
public record TrustVerdict(String bundle, String sha256, boolean trusted, String reason) {
}
