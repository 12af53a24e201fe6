/**
 * Vision QA: comparing a scan of printed goods with the digital source.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package tessera.api.qa;
