/**
 * The CUDA compute device (#5): {@link tessera.compute.cuda.CudaDevices} opens one outside OSGi (tests,
 * benchmarks); inside a framework the device registers itself as a {@link tessera.compute.ComputeDevice}
 * service (kind {@code cuda}, ranking 100) wherever the driver initialises and a GPU is present.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package tessera.compute.cuda;
