/**
 * Repeat geometry: how a tile is laid out on fabric (block, half drop, half brick, mirror, arbitrary offsets).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package tessera.api.repeat;
