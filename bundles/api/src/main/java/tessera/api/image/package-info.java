/**
 * Pixel values that cross service boundaries: planar float sRGB tiles.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package tessera.api.image;
