/**
 * Plain-Java access to the CPU device for code outside OSGi (tools, tests, benchmarks):
 * {@link tessera.compute.cpu.CpuDevices}. In OSGi, take the {@code ComputeDevice} service instead.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package tessera.compute.cpu;
