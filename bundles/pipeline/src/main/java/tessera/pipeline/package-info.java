/**
 * What the pipeline tells hosts beyond the job API: incidents of misbehaving plugins, and the origin a design file names in its XMP (1.1).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package tessera.pipeline;
