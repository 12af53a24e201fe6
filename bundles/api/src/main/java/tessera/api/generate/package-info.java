/**
 * Generators (procedural, GAN, diffusion) and the candidates they make.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package tessera.api.generate;
