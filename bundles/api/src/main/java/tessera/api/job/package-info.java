/**
 * Design jobs: the pipeline service, its progress events and the job record.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package tessera.api.job;
