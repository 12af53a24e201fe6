/**
 * The one JSON mapping of every API record, with validation errors that name the field.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package tessera.api.json;
