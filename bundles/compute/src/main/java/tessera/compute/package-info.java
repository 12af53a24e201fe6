/**
 * Tensors, scopes, the {@link tessera.compute.ComputeDevice} service contract and reverse-mode
 * autograd (#4). Tensors are float32; image tensors are NCHW. Memory belongs to a
 * {@link tessera.compute.TensorScope}; ops run on the device their inputs live on.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package tessera.compute;
