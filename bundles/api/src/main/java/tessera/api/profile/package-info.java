/**
 * Production profiles: the limits of a named production line.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package tessera.api.profile;
