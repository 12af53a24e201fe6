package tessera.plugin.constraints.internal.ink;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tessera.api.profile.InkjetSpec;
import tessera.api.profile.ProductionProfile;
import tessera.imaging.icc.CmykProfile;
import tessera.imaging.icc.CmykSeparation;
import tessera.imaging.icc.RenderingIntent;

/**
 * The CMYK output profile of an inkjet or sublimation line (#6), from its {@code inkjet.iccProfile}: the name
 * of a profile shipped with this bundle ({@link #SHIPPED}; {@code tessera-fogra39} is imaging's), or the path
 * of the line's own {@code .icc}/{@code .icm} file. A line without one is measured against FOGRA39, the
 * stand-in it always had. Every use of a line's inks (the {@code inks} check and repair, the ink penalty, the
 * {@code cmyk-tiff} export) reads the profile through here, so they agree. Profiles are read once per name,
 * and per file until the file changes; the same profile is the same object, so the separations and ink tables
 * built from it are kept here too, once for the check, the penalty and the export alike.
 */
public final class LineIcc {
    /** imaging's coated offset profile: the stand-in for lines that name none */
    public static final String FOGRA39 = "tessera-fogra39";
    /** Profiles in this bundle's {@code icc/} folder, built by {@code tools/make-line-profiles.sh}; see {@code icc/README.txt}. */
    public static final List<String> SHIPPED = List.of(FOGRA39, "tessera-fogra29", "tessera-fogra40", "tessera-swop-tr005",
            "tessera-gracol-tr006");
    private static final Map<String, CmykProfile> BY_NAME = new ConcurrentHashMap<>();
    private static final Map<Path, Read> BY_FILE = new ConcurrentHashMap<>();
    private static final Map<SeparationKey, CmykSeparation> SEPARATIONS = new ConcurrentHashMap<>();
    private static final Map<TableKey, InkTable> TABLES = new ConcurrentHashMap<>();

    private record SeparationKey(CmykProfile icc, RenderingIntent intent) {
    }

    private record TableKey(CmykProfile icc, double limit, double tolerance) {
    }

    private record Read(FileTime modified, CmykProfile profile) {
    }

    private LineIcc() {
    }

    /**
     * @param profile a line with an {@code inkjet} section
     * @return the line's CMYK output profile
     * @throws IllegalArgumentException naming the field and what to do, when the profile cannot be read or is
     *                                  not a CMYK output profile
     */
    public static CmykProfile of(ProductionProfile profile) {
        InkjetSpec ink = profile.inkjet();
        String name = ink == null ? null : ink.iccProfile();
        if (name == null || name.isBlank()) {
            return CmykProfile.fogra39();
        }
        if (SHIPPED.contains(name)) {
            return BY_NAME.computeIfAbsent(name, LineIcc::shipped);
        }
        return file(profile.id(), name);
    }

    /** The separation into a line's profile under an intent, built once (it samples the profile's transform). */
    public static CmykSeparation separation(CmykProfile icc, RenderingIntent intent) {
        return SEPARATIONS.computeIfAbsent(new SeparationKey(icc, intent), k -> new CmykSeparation(k.icc(), k.intent()));
    }

    /**
     * The sampled ink table of a line (relative colorimetric, as the line's RIP proofs), built once per profile,
     * limit and tolerance: the {@code inks} check and repair and the ink penalty read the same one.
     *
     * @param limit       total ink allowed, as a fraction (2.8 = 280 %)
     * @param toleranceDe how far (ΔE00) a repair may move a colour
     */
    static InkTable inkTable(CmykProfile icc, double limit, double toleranceDe) {
        return TABLES.computeIfAbsent(new TableKey(icc, limit, toleranceDe),
                k -> new InkTable(separation(k.icc(), RenderingIntent.RELATIVE_COLORIMETRIC), k.limit(), k.tolerance()));
    }

    /** How many separations and ink tables are kept (for the test that a re-issued file does not pile them up). */
    static int cached() {
        return SEPARATIONS.size() + TABLES.size();
    }

    private static CmykProfile shipped(String name) {
        if (FOGRA39.equals(name)) {
            return CmykProfile.fogra39();
        }
        String resource = "/icc/" + name + ".icc";
        try (InputStream in = LineIcc.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("bundle resource " + resource + " is missing; the tessera.plugin.constraints jar is incomplete");
            }
            return CmykProfile.of(in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bundle resource " + resource, e);
        }
    }

    private static CmykProfile file(String line, String name) {
        Path path = Path.of(name).toAbsolutePath().normalize();
        String field = "inkjet.iccProfile '" + name + "' of profile " + line;
        FileTime modified;
        try {
            modified = Files.getLastModifiedTime(path);
        } catch (IOException e) {
            throw new IllegalArgumentException(field + " is neither a profile shipped with Tessera (" + String.join(", ", SHIPPED)
                    + ") nor a readable file (" + path + "); name a shipped profile, or give the path of the line's CMYK output"
                    + " profile (.icc/.icm) as its RIP vendor or colour lab supplied it.", e);
        }
        Read known = BY_FILE.get(path);
        if (known != null && known.modified.equals(modified)) {
            return known.profile;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new IllegalArgumentException(field + ": the file " + path + " cannot be read (" + e.getMessage()
                    + "); check its permissions, or name a shipped profile (" + String.join(", ", SHIPPED) + ").", e);
        }
        CmykProfile icc = checked(field, path, bytes);
        Read replaced = BY_FILE.put(path, new Read(modified, icc));
        if (replaced != null) {
            // the file changed: what was built from its old profile is never asked for again (a long-running server
            // whose line profile is re-issued would otherwise keep every version's tables)
            SEPARATIONS.keySet().removeIf(k -> k.icc() == replaced.profile());
            TABLES.keySet().removeIf(k -> k.icc() == replaced.profile());
        }
        return icc;
    }

    /** A separation needs an output (printer) profile whose device space is CMYK; say which of the two a file is not. */
    private static CmykProfile checked(String field, Path path, byte[] bytes) {
        ICC_Profile p;
        try {
            p = ICC_Profile.getInstance(bytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + path + " is not an ICC profile; give the .icc/.icm output profile"
                    + " made for this line's ink set and fabric.", e);
        }
        if (p.getColorSpaceType() != ColorSpace.TYPE_CMYK || p.getProfileClass() != ICC_Profile.CLASS_OUTPUT) {
            String kind = p.getColorSpaceType() != ColorSpace.TYPE_CMYK ? "its device colours are not CMYK"
                    : "it is not an output (printer) profile";
            throw new IllegalArgumentException(field + ": " + path + " cannot separate this line's inks: " + kind
                    + ". Give the line's CMYK output profile (ICC class 'prtr'), not a monitor, scanner or RGB working-space profile.");
        }
        return CmykProfile.of(bytes);
    }
}
