/**
 * Weights in the safetensors format (read and write, byte-exact with the reference
 * implementation), so models trained here or in PyTorch load the same way (#4).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package tessera.compute.io;
