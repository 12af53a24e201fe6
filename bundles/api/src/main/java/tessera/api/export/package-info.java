/**
 * Exporters: the production files a line takes.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package tessera.api.export;
