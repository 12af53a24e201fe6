/**
 * Differentiable tensor ops, each with its backward next to its forward (#4): the only layer
 * models call. Every op checks shapes and devices, allocates its output in the current
 * {@link tessera.compute.TensorScope}, runs its device's kernels and records its gradient when an
 * input requires one. Broadcasting follows NumPy (align trailing axes; size 1 stretches).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package tessera.compute.ops;
