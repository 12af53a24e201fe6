package tessera.plugin.constraints.internal.profile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import tessera.api.InvalidValueException;
import tessera.api.json.InvalidJsonException;
import tessera.api.json.TesseraJson;
import tessera.api.profile.ProductionProfile;

/**
 * Reads the profiles shipped as bundle resources. Bundles cannot list a folder through a class loader,
 * so {@code profiles/index.txt} names the files; a test keeps the index and the folder in step.
 * Works the same inside OSGi (the bundle's class loader) and in plain unit tests.
 */
public final class ShippedProfiles {
    /** Resource folder of the shipped profiles, relative to the bundle root. */
    public static final String FOLDER = "profiles/";
    /** The list of shipped profile files, one name a line; '#' starts a comment. */
    public static final String INDEX = FOLDER + "index.txt";

    private ShippedProfiles() {
    }

    /**
     * @return every shipped profile, sorted by id, each checked for consistency
     * @throws IOException           when a listed resource is missing or unreadable
     * @throws InvalidJsonException   when a file is not a valid profile (the message names file and field)
     * @throws InvalidValueException when a profile contradicts itself or two share an id
     */
    public static List<ProductionProfile> load() throws IOException, InvalidJsonException {
        List<ProductionProfile> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (String file : fileNames()) {
            ProductionProfile p = read(file);
            if (!file.equals(p.id() + ".json")) {
                throw new InvalidValueException("id", FOLDER + file + " holds profile '" + p.id()
                        + "'; name the file after the id (" + p.id() + ".json)");
            }
            if (!ids.add(p.id())) {
                throw new InvalidValueException("id", "profile id '" + p.id() + "' is shipped twice; ids must be unique");
            }
            ProfileConsistency.check(p);
            out.add(p);
        }
        out.sort(Comparator.comparing(ProductionProfile::id));
        return List.copyOf(out);
    }

    /** @return the file names listed in the index, in index order */
    public static List<String> fileNames() throws IOException {
        List<String> names = new ArrayList<>();
        try (InputStream in = open(INDEX);
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#")) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private static ProductionProfile read(String file) throws IOException, InvalidJsonException {
        try (InputStream in = open(FOLDER + file)) {
            return TesseraJson.read(in, ProductionProfile.class);
        } catch (InvalidJsonException e) {
            throw new InvalidJsonException(e.field(), FOLDER + file + ": " + e.getMessage());
        }
    }

    private static InputStream open(String resource) throws IOException {
        InputStream in = ShippedProfiles.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("bundle resource " + resource + " is missing; the tessera.plugin.constraints jar is incomplete");
        }
        return in;
    }
}
