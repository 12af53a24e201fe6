package tessera.plugin.constraints.internal.colour;

import java.util.Arrays;
import java.util.stream.IntStream;

import tessera.api.image.RgbImage;
import tessera.imaging.colour.LabImage;
import tessera.imaging.colour.WhitePoint;

/**
 * The distinct 8-bit sRGB colours of a tile, their pixel counts and their CIELAB values (D50, the print
 * white). Counting and reduction work on distinct colours, not pixels: a flat-colour 4096 × 4096 design
 * has a handful, a photographic one some hundred thousand, both far fewer than its 16 million pixels.
 * Large tiles are counted in a table indexed by the colour itself (2<sup>24</sup> entries, 64 MiB for
 * the duration of a check): one memory access a pixel, where hashing half a million colours costs
 * several cache misses each and was 10× slower at 4096 × 4096. Small tiles use open addressing.
 */
final class ColourHistogram {
    /** From this many pixels on, the direct table pays for its 64 MiB. */
    private static final int DIRECT_FROM = 1 << 20;

    private final int[] rgb;
    private final long[] count;
    private final float[] lab;
    private final Lookup lookup;

    private ColourHistogram(int[] rgb, long[] count, Lookup lookup) {
        this.rgb = rgb;
        this.count = count;
        this.lookup = lookup;
        this.lab = toLab(rgb);
    }

    static ColourHistogram of(RgbImage tile) {
        return of(pack(tile));
    }

    /** @param packed row-major 0xRRGGBB pixels */
    static ColourHistogram of(int[] packed) {
        return packed.length >= DIRECT_FROM ? direct(packed) : hashed(packed);
    }

    /** @return the tile as row-major 0xRRGGBB, rounded like {@link RgbImage#toPackedRgb()}, in parallel */
    static int[] pack(RgbImage tile) {
        int n = tile.width() * tile.height();
        float[] p = tile.planesView();
        int[] out = new int[n];
        IntStream range = IntStream.range(0, (n + 65535) >> 16);
        (n > DIRECT_FROM ? range.parallel() : range).forEach(t -> {
            for (int i = t << 16, end = Math.min(n, (t + 1) << 16); i < end; i++) {
                out[i] = to8(p[i]) << 16 | to8(p[n + i]) << 8 | to8(p[2 * n + i]);
            }
        });
        return out;
    }

    /** @return number of distinct colours */
    int size() {
        return rgb.length;
    }

    /** @return packed 0xRRGGBB of colour {@code i} */
    int rgb(int i) {
        return rgb[i];
    }

    /** @return pixels of colour {@code i} */
    long count(int i) {
        return count[i];
    }

    /** @return CIELAB (D50), interleaved: L*, a*, b* of colour {@code i} at {@code 3i, 3i+1, 3i+2}; do not modify */
    float[] labView() {
        return lab;
    }

    /** @return the index of a colour present in the tile, or −1 */
    int indexOf(int packedRgb) {
        return lookup.indexOf(packedRgb);
    }

    private interface Lookup {
        int indexOf(int packedRgb);
    }

    private static ColourHistogram direct(int[] packed) {
        int[] table = new int[1 << 24];
        for (int v : packed) {
            table[v]++;
        }
        int distinct = 0;
        for (int c : table) {
            distinct += c == 0 ? 0 : 1;
        }
        int[] rgb = new int[distinct];
        long[] count = new long[distinct];
        for (int v = 0, i = 0; v < table.length; v++) {
            if (table[v] != 0) {
                rgb[i] = v;
                count[i] = table[v];
                table[v] = ++i; // the table now maps colour to index + 1
            }
        }
        return new ColourHistogram(rgb, count, v -> table[v] - 1);
    }

    private static ColourHistogram hashed(int[] packed) {
        int[] table = new int[Integer.highestOneBit(Math.max(16, packed.length)) << 2]; // load ≤ 1/2
        int mask = table.length - 1;
        int[] rgb = new int[64];
        long[] count = new long[64];
        int size = 0;
        for (int v : packed) {
            int s = hash(v) & mask;
            while (table[s] != 0 && rgb[table[s] - 1] != v) {
                s = (s + 1) & mask;
            }
            if (table[s] == 0) {
                if (size == rgb.length) {
                    rgb = Arrays.copyOf(rgb, size * 2);
                    count = Arrays.copyOf(count, size * 2);
                }
                rgb[size] = v;
                table[s] = ++size;
            }
            count[table[s] - 1]++;
        }
        int[] colours = Arrays.copyOf(rgb, size);
        return new ColourHistogram(colours, Arrays.copyOf(count, size), v -> {
            for (int s = hash(v) & mask;; s = (s + 1) & mask) {
                if (table[s] == 0) {
                    return -1;
                }
                if (colours[table[s] - 1] == v) {
                    return table[s] - 1;
                }
            }
        });
    }

    private static int hash(int v) {
        int h = v * 0x9E3779B1;
        return h ^ (h >>> 15);
    }

    private static int to8(float v) {
        int q = Math.round(v * 255f);
        return q < 0 ? 0 : Math.min(q, 255);
    }

    /** Converts through imaging's bulk path (lookup tables) rather than one {@code Srgb.toLab} call per colour. */
    private static float[] toLab(int[] rgb) {
        int n = rgb.length;
        if (n == 0) {
            return new float[0];
        }
        float[] planes = new float[3 * n];
        for (int i = 0; i < n; i++) {
            planes[i] = ((rgb[i] >> 16) & 0xff) / 255f;
            planes[n + i] = ((rgb[i] >> 8) & 0xff) / 255f;
            planes[2 * n + i] = (rgb[i] & 0xff) / 255f;
        }
        float[] lab = new float[3 * n];
        LabImage.fromRgbPlanes(planes, lab, n, 1, WhitePoint.D50);
        float[] interleaved = new float[3 * n];
        for (int i = 0; i < n; i++) {
            interleaved[3 * i] = lab[i];
            interleaved[3 * i + 1] = lab[n + i];
            interleaved[3 * i + 2] = lab[2 * n + i];
        }
        return interleaved;
    }
}
