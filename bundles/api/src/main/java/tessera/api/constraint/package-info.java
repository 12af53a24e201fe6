/**
 * Constraint solvers: check and repair a pattern against a production profile.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package tessera.api.constraint;
