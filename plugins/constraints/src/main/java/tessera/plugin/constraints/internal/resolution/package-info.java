/** Print resolution: the tile's own pixels per inch at its physical size against the line's. */
package tessera.plugin.constraints.internal.resolution;
