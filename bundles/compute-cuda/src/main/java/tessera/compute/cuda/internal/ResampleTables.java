package tessera.compute.cuda.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jcuda.driver.CUdeviceptr;
import tessera.compute.PaddingMode;
import tessera.compute.spi.Interpolation;

/**
 * Per-axis tap lists for separable_gather (resample.cu): for every destination index, the source
 * indices and weights it sums. Forward lists come from the filter (the CPU device's definitions);
 * gradients use the inverted lists. Tables depend only on sizes, so they are built once and kept
 * on the device (a tileable model pads the same sizes at every step).
 */
final class ResampleTables {
    /** Device pointers of one axis's table. */
    record Table(CUdeviceptr start, CUdeviceptr taps) {
    }

    private record Tap(int index, float weight) {
    }

    private static final int MAX_CACHED = 512;

    private final CudaDevice dev;
    private final Map<String, CudaBuffer[]> cache = new LinkedHashMap<>(64, 0.75f, true);

    ResampleTables(CudaDevice dev) {
        this.dev = dev;
    }

    Table upsample(Interpolation mode, boolean wrap, int in, int out, boolean inverse) {
        return table("up/" + mode + "/" + wrap + "/" + in + "/" + out + "/" + inverse, () -> {
            List<List<Tap>> fwd = new ArrayList<>(out);
            for (int o = 0; o < out; o++) {
                List<Tap> taps = new ArrayList<>(2);
                Interpolation.Taps t = mode.taps(o, in, out, wrap);
                if (mode == Interpolation.NEAREST) {
                    taps.add(new Tap(t.first(), 1f));
                } else {
                    taps.add(new Tap(t.first(), 1 - t.weight()));
                    taps.add(new Tap(t.second(), t.weight()));
                }
                fwd.add(taps);
            }
            return inverse ? invert(fwd, in) : fwd;
        });
    }

    Table pad(PaddingMode mode, int in, int out, int before, boolean inverse) {
        return table("pad/" + mode + "/" + in + "/" + out + "/" + before + "/" + inverse, () -> {
            List<List<Tap>> fwd = new ArrayList<>(out);
            for (int o = 0; o < out; o++) {
                int s = mode.sourceIndex(o - before, in);
                fwd.add(s < 0 ? List.of() : List.of(new Tap(s, 1f)));
            }
            return inverse ? invert(fwd, in) : fwd;
        });
    }

    /** For each source index, the destinations that read it, ascending, with the same weights. */
    private static List<List<Tap>> invert(List<List<Tap>> fwd, int in) {
        List<List<Tap>> inv = new ArrayList<>(in);
        for (int i = 0; i < in; i++) {
            inv.add(new ArrayList<>(4));
        }
        for (int o = 0; o < fwd.size(); o++) {
            for (Tap t : fwd.get(o)) {
                inv.get(t.index()).add(new Tap(o, t.weight()));
            }
        }
        return inv;
    }

    private Table table(String key, java.util.function.Supplier<List<List<Tap>>> build) {
        CudaBuffer[] b = cache.get(key);
        if (b == null) {
            List<List<Tap>> lists = build.get();
            int[] start = new int[lists.size() + 1];
            int count = 0;
            for (int i = 0; i < lists.size(); i++) {
                start[i] = count;
                count += lists.get(i).size();
            }
            start[lists.size()] = count;
            int[] taps = new int[2 * count];
            int k = 0;
            for (List<Tap> l : lists) {
                for (Tap t : l) {
                    taps[k++] = t.index();
                    taps[k++] = Float.floatToRawIntBits(t.weight());
                }
            }
            b = new CudaBuffer[] {dev.upload(start), dev.upload(taps)};
            cache.put(key, b);
            if (cache.size() > MAX_CACHED) {
                var eldest = cache.entrySet().iterator().next();
                for (CudaBuffer old : eldest.getValue()) {
                    old.close();
                }
                cache.remove(eldest.getKey());
            }
        }
        return new Table(b[0].ptr(), b[1].ptr());
    }
}
