/**
 * Inkjet and dye-sublimation ink (#6): total area coverage against the line's ink limit and the share of
 * the design outside the CMYK gamut, measured through imaging's FOGRA39 separation; repair by ink limiting
 * and gamut mapping; the same limit applied when the CMYK print is written.
 */
package tessera.plugin.constraints.internal.ink;
