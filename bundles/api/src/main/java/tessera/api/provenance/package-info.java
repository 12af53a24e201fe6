/**
 * Provenance: model cards, training lineage and output originality; 1.1.0 adds the dataset audit (#7).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package tessera.api.provenance;
