/** Training the periodic GAN (#8): data, the adversarial loop, checkpoints, sample grids and the model bundle. */
package tessera.plugin.gan.internal.train;
