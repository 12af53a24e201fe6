/**
 * ICC colour management: the shipped FOGRA39 CMYK press profile, sRGB to CMYK separation (whole tiles or streamed) and soft proofs.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package tessera.imaging.icc;
