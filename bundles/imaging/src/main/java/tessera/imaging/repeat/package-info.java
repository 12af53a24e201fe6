/**
 * Repeat geometry on pixels: laying a tile out in block, drop, brick and mirror repeats, streamed print fields, seam visibility and wrap-aware resampling.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package tessera.imaging.repeat;
