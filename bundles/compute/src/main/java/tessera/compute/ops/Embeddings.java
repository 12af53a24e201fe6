package tessera.compute.ops;

import static tessera.compute.ops.Ops.require;

import tessera.compute.Autograd;
import tessera.compute.ComputeDevice;
import tessera.compute.Tensor;

/** Table lookups. */
public final class Embeddings {
    private Embeddings() {
    }

    /**
     * Rows of a table: {@code table [V, D]}, ids in [0, V) → {@code [ids.length, D]}. The gradient
     * adds up for repeated ids.
     */
    public static Tensor embedding(Tensor table, int[] ids) {
        ComputeDevice d = Ops.device("embedding", table);
        Ops.rank("embedding", table, 2, "[V, D]");
        int v = table.dim(0);
        for (int id : ids) {
            require(id >= 0 && id < v, "embedding id " + id + " is outside the table of " + v + " rows");
        }
        Tensor tc = Ops.contig(table);
        int[] rows = ids.clone();
        Tensor y = Ops.out(d, rows.length, table.dim(1));
        d.kernels().gatherRows(tc, rows, y);
        return Autograd.record("embedding", y, (g, need) -> {
            Tensor gt = Tensor.zeros(d, table.dims());
            d.kernels().scatterAddRows(Ops.contig(g), rows, gt);
            return new Tensor[] {gt};
        }, table);
    }
}
