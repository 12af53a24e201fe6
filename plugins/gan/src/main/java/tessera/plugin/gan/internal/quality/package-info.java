/** Measuring generators (#8): a motif classifier as feature extractor, Fréchet distance, diversity. */
package tessera.plugin.gan.internal.quality;
