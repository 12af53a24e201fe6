package tessera.plugin.gan.bench;

import java.nio.file.Path;

import tessera.dataset.DatasetMaker;

/** bench/gan.sh: the held-out data set (the same synthesizer as 'tessera dataset make'). Args: count size seed dir. */
public final class MakeTiles {
    public static void main(String[] a) throws Exception {
        new DatasetMaker().make(Integer.parseInt(a[0]), Integer.parseInt(a[1]), Long.parseLong(a[2]), Path.of(a[3]), (d, t) -> { });
    }
}
