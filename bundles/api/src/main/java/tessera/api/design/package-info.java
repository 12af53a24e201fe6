/**
 * What a customer or designer asks for: the {@link tessera.api.design.DesignRequest}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package tessera.api.design;
