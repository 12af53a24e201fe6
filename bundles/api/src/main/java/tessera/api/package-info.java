/**
 * Shared constants and the validation exception used by every API record.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package tessera.api;
