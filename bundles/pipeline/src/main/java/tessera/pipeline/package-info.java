/**
 * What the pipeline tells hosts beyond the job API: incidents of misbehaving plugins.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package tessera.pipeline;
