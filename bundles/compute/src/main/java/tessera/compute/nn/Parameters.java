package tessera.compute.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tessera.compute.ComputeDevice;
import tessera.compute.Tensor;
import tessera.compute.TensorScope;

/**
 * Named parameters of one network in a long-lived scope; names are the safetensors keys. Initialised from a
 * seed, so the same seed gives the same untrained network on every device.
 */
public final class Parameters implements AutoCloseable {
    private final Map<String, Tensor> params = new LinkedHashMap<>();
    private final TensorScope scope;
    private final ComputeDevice device;
    private long seed;

    public Parameters(ComputeDevice device, String name, long seed) {
        this.device = device;
        this.scope = TensorScope.detached(name);
        this.seed = seed;
    }

    public ComputeDevice device() {
        return device;
    }

    public TensorScope scope() {
        return scope;
    }

    /** He-normal weight for a layer with {@code fanIn} inputs followed by a ReLU-like activation. */
    public Tensor he(String name, int fanIn, int... dims) {
        return add(name, (float) Math.sqrt(2.0 / fanIn), 0f, dims);
    }

    /** Normal weight with the given standard deviation. */
    public Tensor normal(String name, float std, int... dims) {
        return add(name, std, 0f, dims);
    }

    /** Every element {@code value} (biases, norm gains). */
    public Tensor constant(String name, float value, int... dims) {
        return add(name, 0f, value, dims);
    }

    private Tensor add(String name, float std, float value, int... dims) {
        try (TensorScope.Entered in = scope.enter()) {
            Tensor t = std == 0 ? Tensor.full(device, value, dims) : Tensor.normal(device, seed++, 0f, std, dims);
            params.put(name, t.requiresGrad(true));
            return t;
        }
    }

    public Tensor get(String name) {
        Tensor t = params.get(name);
        if (t == null) {
            throw new IllegalStateException("no weight '" + name + "'");
        }
        return t;
    }

    /** @return the parameters in creation order, for an optimizer */
    public List<Tensor> list() {
        return new ArrayList<>(params.values());
    }

    public Map<String, Tensor> named() {
        return java.util.Collections.unmodifiableMap(params);
    }

    /**
     * Copies values by name (from a safetensors file or a checkpoint).
     *
     * @throws IllegalArgumentException naming the first missing or mis-shaped tensor
     */
    public void load(Map<String, Tensor> values, String prefix) {
        for (var e : params.entrySet()) {
            Tensor v = values.get(prefix + e.getKey());
            if (v == null) {
                throw new IllegalArgumentException("the weights file has no tensor '" + prefix + e.getKey()
                        + "'; it was made for a different architecture");
            }
            if (!v.shape().equals(e.getValue().shape())) {
                throw new IllegalArgumentException("tensor '" + prefix + e.getKey() + "' is " + v.shape()
                        + " but the model card's architecture needs " + e.getValue().shape());
            }
            e.getValue().copyFrom(v.toArray());
        }
    }

    /** @return the number of scalars in all parameters */
    public long count() {
        return params.values().stream().mapToLong(Tensor::numel).sum();
    }

    @Override
    public void close() {
        scope.close();
    }
}
