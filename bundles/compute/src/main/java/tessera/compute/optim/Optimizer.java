package tessera.compute.optim;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;
import tessera.compute.Tensor;

/** Updates parameters in place from their accumulated gradients. */
@ConsumerType
public interface Optimizer {
    /** Applies one update to every parameter that has a gradient. */
    void step();

    /** Clears every parameter's gradient (call before the next backward). */
    default void zeroGrad() {
        for (Tensor p : parameters()) {
            p.clearGrad();
        }
    }

    List<Tensor> parameters();
}
