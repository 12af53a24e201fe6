package tessera.plugin.constraints.internal.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import tessera.api.ServiceProperties;
import tessera.api.export.ExportContext;
import tessera.api.export.ExportedFile;
import tessera.api.export.Exporter;
import tessera.api.json.TesseraJson;
import tessera.api.pattern.Pattern;
import tessera.api.profile.ProductionProfile;
import tessera.imaging.io.ImageFiles;
import tessera.plugin.constraints.internal.colour.Colourway;

/**
 * Colourways (#6): the same design re-coloured to other palettes, one PNG each at the tile's own size and
 * DPI ({@code <base>-colourway-<name>.png}), and {@code <base>-colourways.json} with every mapping (design
 * colour → new colour, area). The palettes come from the component's {@code colourways} property
 * ({@code "name: #rrggbb #rrggbb …"}, ground first) and from pattern labels {@code colourway.<name>} with the
 * same colour list; nothing is written when there are none, or for a continuous-tone design. See
 * {@link Colourway} for how colours are matched.
 */
@Component(service = Exporter.class, property = ServiceProperties.PLUGIN_ID + "=" + Colourways.ID)
@ExportFormats({"png", "json"})
@Processes({"rotary-screen", "flatbed-screen", "digital-inkjet", "jacquard", "dye-sublimation"})
public final class Colourways implements Exporter {
    public static final String ID = "colourways";
    public static final String ROLE = "colourway";
    public static final String TABLE_ROLE = "colourways";
    /** Pattern labels with this prefix name a colourway: {@code colourway.navy = #1d2a44 #e8dcc4 #b5452f}. */
    public static final String LABEL_PREFIX = "colourway.";

    /** Configuration (pid {@code tessera.plugin.constraints.internal.export.Colourways}). */
    public @interface Config {
        /** Colourways as {@code "name: #rrggbb #rrggbb …"}, the ground colour first. */
        String[] colourways() default {};
    }

    private final Map<String, int[]> configured;

    @Activate
    public Colourways(Config config) {
        this(parse(List.of(config.colourways())));
    }

    Colourways(Map<String, int[]> colourways) {
        this.configured = new LinkedHashMap<>(colourways);
    }

    /** @return colourways by name from {@code "name: #rrggbb #rrggbb …"} entries */
    static Map<String, int[]> parse(List<String> entries) {
        Map<String, int[]> out = new LinkedHashMap<>();
        for (String e : entries) {
            int colon = e.indexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException("colourway '" + e + "' has no name; write it as \"navy: #1d2a44 #e8dcc4\"");
            }
            out.put(name(e.substring(0, colon)), Colourway.parse(e.substring(colon + 1).strip().split("[\\s,]+")));
        }
        return out;
    }

    private static String name(String raw) {
        String n = raw.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-");
        if (n.isEmpty() || n.length() > 64) {
            throw new IllegalArgumentException("colourway name '" + raw + "' must have 1 to 64 letters, digits, '.', '-' or '_'");
        }
        return n;
    }

    @Override
    public List<ExportedFile> export(Pattern pattern, ProductionProfile profile, ExportContext context) throws IOException {
        Map<String, int[]> ways = new LinkedHashMap<>(configured);
        for (Map.Entry<String, String> l : pattern.labels().entrySet()) {
            if (l.getKey().startsWith(LABEL_PREFIX)) {
                ways.put(name(l.getKey().substring(LABEL_PREFIX.length())), Colourway.parse(l.getValue().strip().split("[\\s,]+")));
            }
        }
        if (ways.isEmpty()) {
            return List.of();
        }
        Path dir = context.outDir();
        List<ExportedFile> files = new ArrayList<>();
        List<Map<String, Object>> table = new ArrayList<>();
        for (Map.Entry<String, int[]> w : ways.entrySet()) {
            Colourway.Result r = Colourway.recolour(pattern.tile(), w.getValue());
            if (r == null) {
                return List.of(); // continuous tone: no palette to swap
            }
            Path file = dir.resolve(context.baseName() + "-colourway-" + w.getKey() + ".png");
            ImageFiles.writePng(r.tile(), pattern.dpiX(), file);
            files.add(ExportedFile.describe(dir, file, ROLE, "image/png"));
            List<Map<String, Object>> mapping = new ArrayList<>();
            for (int i = 0; i < r.from().length; i++) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("from", String.format("#%06x", r.from()[i]));
                m.put("to", String.format("#%06x", r.to()[i]));
                m.put("areaPercent", Math.round(r.area()[i] * 10000) / 100.0);
                mapping.add(m);
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", w.getKey());
            entry.put("file", file.getFileName().toString());
            entry.put("colours", mapping);
            table.add(entry);
        }
        Path json = dir.resolve(context.baseName() + "-colourways.json");
        Written.atomically(json, TesseraJson.write(Map.of("colourways", table)).getBytes(StandardCharsets.UTF_8));
        files.add(ExportedFile.describe(dir, json, TABLE_ROLE, "application/json"));
        return files;
    }

    @Override
    public String toString() {
        return "Colourways" + configured.keySet();
    }
}
