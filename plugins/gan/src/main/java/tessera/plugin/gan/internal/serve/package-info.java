/** Serving GAN models (#8): the extender that registers a Generator per model bundle, and that Generator. */
package tessera.plugin.gan.internal.serve;
