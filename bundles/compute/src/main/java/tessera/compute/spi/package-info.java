/**
 * What a {@link tessera.compute.ComputeDevice} implements: {@link tessera.compute.spi.Kernels},
 * plain forward and backward kernels with no autograd and no shape inference. The ops in
 * {@code tessera.compute.ops} validate, allocate and record gradients once for every device (#4, #5).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package tessera.compute.spi;
