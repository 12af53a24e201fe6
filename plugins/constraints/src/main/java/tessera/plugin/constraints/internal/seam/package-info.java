/** Seamlessness: imaging's seam metric under the pattern's own repeat, with hints when another repeat fits the tile. */
package tessera.plugin.constraints.internal.seam;
