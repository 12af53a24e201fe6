/**
 * Colour count after perceptual merging in CIELAB, and palette reduction by k-means in CIELAB with the
 * ΔE2000 cost of the reduction reported.
 */
package tessera.plugin.constraints.internal.colour;
