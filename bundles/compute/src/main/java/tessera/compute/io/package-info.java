/**
 * Weights in the safetensors format (read and write, byte-exact with the reference
 * implementation), so models trained here or in PyTorch load the same way (#4); model bundles (code-free jars of
 * weights and a card) written and read the same way by every model plugin (1.1, {@link tessera.compute.io.ModelJar}).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package tessera.compute.io;
