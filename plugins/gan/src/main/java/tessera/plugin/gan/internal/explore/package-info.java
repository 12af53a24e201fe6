/** Latent exploration (#8): interpolation, variation rings, style mixing, projection, brand presets, guidance. */
package tessera.plugin.gan.internal.explore;
