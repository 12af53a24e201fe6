/**
 * Building blocks for networks written with the compute ops: a named parameter set whose names are the
 * safetensors keys, initialised from a seed so that the same seed gives the same untrained network on
 * every device.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package tessera.compute.nn;
