/**
 * Inkjet and dye-sublimation ink (#6): total area coverage against the line's ink limit and the share of
 * the design outside the CMYK gamut, measured through a separation into the line's own ICC profile ({@code inkjet.iccProfile}); repair by ink limiting
 * and gamut mapping; the same limit applied when the CMYK print is written.
 */
package tessera.plugin.constraints.internal.ink;
