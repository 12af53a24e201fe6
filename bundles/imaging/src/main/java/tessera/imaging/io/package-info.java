/**
 * Raster files: PNG and TIFF with physical resolution and ICC profiles, streamed print TIFFs, GIMP patterns.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.3.0")
package tessera.imaging.io;
