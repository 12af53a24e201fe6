/** Encoders, decoders and file plumbing behind {@code tessera.imaging.io}; not exported. */
package tessera.imaging.io.internal;
