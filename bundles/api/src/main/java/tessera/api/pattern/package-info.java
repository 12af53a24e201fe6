/**
 * A pattern: a periodic tile plus its repeat geometry and physical size.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package tessera.api.pattern;
