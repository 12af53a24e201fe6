/** Lattice, canvas, shapes and the family renderers behind {@code tessera.dataset.motif}; not exported. */
package tessera.dataset.motif.internal;
