/**
 * Provenance: model cards, training lineage and output originality.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package tessera.api.provenance;
