/**
 * The periodic spatial GAN (#8): generator, discriminator, their named weights and latent codes.
 * Models call {@code tessera.compute.ops} only (STYLE rule 5).
 */
package tessera.plugin.gan.internal.model;
