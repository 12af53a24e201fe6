/**
 * Differentiable guidance (#6): penalties over an image tensor whose gradient steers a generator towards
 * designs a production line can make. Constraint plugins provide them ({@link GuidanceProvider} services);
 * generators find them here without depending on any constraint plugin. Nothing in this package knows a
 * profile type: a line is named by its profile id, which every Tessera job carries. 1.1: {@link
 * tessera.compute.guidance.GuidanceProviders} gathers every provider's penalties for a job.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package tessera.compute.guidance;
