/** Lookup tables and kernels behind {@code tessera.imaging.colour}; not exported. */
package tessera.imaging.colour.internal;
