/**
 * Colour science for print: sRGB, linear light, CIE XYZ and CIELAB (D65 and D50, Bradford adaptation), ΔE76 and CIEDE2000.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package tessera.imaging.colour;
