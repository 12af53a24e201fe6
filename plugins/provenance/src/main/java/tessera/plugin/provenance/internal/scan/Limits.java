package tessera.plugin.provenance.internal.scan;

/**
 * Per-file limits of a scan (#7: never crash or hang on hostile input). A file that hits one is recorded
 * with the limit it hit; the scan goes on.
 *
 * @param seconds         wall time one file may take to type, parse and fingerprint
 * @param allocatedBytes  bytes one file's worker may allocate (a proxy for memory: live sizes are not
 *                        measurable per thread)
 * @param parseBytes      files larger than this are hashed and typed but not parsed
 * @param pixels          largest image (width × height) decoded for fingerprints
 * @param archiveDepth    archives inside archives, counting the outermost as 1
 * @param archiveMembers  members read from one archive
 * @param archiveBytes    uncompressed bytes read from one archive
 * @param archiveRatio    uncompressed / compressed above which a large member counts as a zip bomb
 * @param xmlDepth        element nesting accepted in XML metadata (XMP, SVG)
 */
public record Limits(double seconds, long allocatedBytes, long parseBytes, long pixels, int archiveDepth, int archiveMembers,
        long archiveBytes, double archiveRatio, int xmlDepth) {

    public static Limits defaults() {
        return new Limits(30, 8L << 30, 512L << 20, 100_000_000L, 3, 20_000, 4L << 30, 100, 256);
    }

    public Limits withSeconds(double s) {
        return new Limits(s, allocatedBytes, parseBytes, pixels, archiveDepth, archiveMembers, archiveBytes, archiveRatio, xmlDepth);
    }

    public Limits withAllocatedBytes(long b) {
        return new Limits(seconds, b, parseBytes, pixels, archiveDepth, archiveMembers, archiveBytes, archiveRatio, xmlDepth);
    }
}
