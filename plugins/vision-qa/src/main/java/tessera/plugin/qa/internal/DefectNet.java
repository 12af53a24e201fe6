package tessera.plugin.qa.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tessera.compute.Autograd;
import tessera.compute.ComputeDevice;
import tessera.compute.Conv2dSpec;
import tessera.compute.PaddingMode;
import tessera.compute.Tensor;
import tessera.compute.TensorScope;
import tessera.compute.io.Safetensors;
import tessera.compute.ops.Convolution;
import tessera.compute.ops.Elementwise;

/**
 * The defect CNN (#10): a small fully convolutional net over the comparison features, with dilations 1, 2, 4, 8
 * so that a pixel sees about 10 mm of print around it (enough to tell a streak from a motif edge), ending in
 * one logit per grid pixel. Weights live in their own detached scope for the life of the model.
 */
final class DefectNet implements AutoCloseable {
    static final int WIDTH = 12;
    static final int[] DILATIONS = {1, 2, 4, 8};
    /** Rows of context each band of a large scan carries above and below (the receptive field's radius). */
    static final int HALO = 16;

    private final ComputeDevice device;
    private final TensorScope scope;
    final List<Tensor> weights = new ArrayList<>();
    final List<Tensor> biases = new ArrayList<>();

    private DefectNet(ComputeDevice device, TensorScope scope) {
        this.device = device;
        this.scope = scope;
    }

    static DefectNet init(ComputeDevice device, long seed) {
        DefectNet net = new DefectNet(device, TensorScope.detached("qa defect net"));
        try (TensorScope.Entered in = net.scope.enter()) {
            int cin = Comparison.FEATURES;
            for (int l = 0; l < DILATIONS.length; l++) {
                float std = (float) Math.sqrt(2.0 / (cin * 9));
                net.weights.add(Tensor.normal(device, seed + l, 0, std, WIDTH, cin, 3, 3).requiresGrad(true));
                net.biases.add(Tensor.zeros(device, WIDTH).requiresGrad(true));
                cin = WIDTH;
            }
            net.weights.add(Tensor.normal(device, seed + 99, 0, (float) Math.sqrt(1.0 / WIDTH), 1, WIDTH, 1, 1).requiresGrad(true));
            // start from "no defect": defects are a few percent of pixels
            net.biases.add(Tensor.full(device, -3f, 1).requiresGrad(true));
        }
        return net;
    }

    static DefectNet load(ComputeDevice device, Path file) throws IOException {
        DefectNet net = new DefectNet(device, TensorScope.detached("qa defect net"));
        try (TensorScope.Entered in = net.scope.enter()) {
            Map<String, Tensor> t = Safetensors.read(file, device);
            for (int l = 0; l <= DILATIONS.length; l++) {
                Tensor w = t.get("conv" + l + ".weight");
                Tensor b = t.get("conv" + l + ".bias");
                if (w == null || b == null) {
                    net.close();
                    throw new IOException(file + " has no conv" + l + " weights; it is not a QA defect model");
                }
                net.weights.add(w);
                net.biases.add(b);
            }
        }
        return net;
    }

    void save(Path file, Map<String, String> metadata) throws IOException {
        Safetensors.write(file, named(), metadata);
    }

    /** The weights by their safetensors names, as {@link #load} reads them. */
    Map<String, Tensor> named() {
        Map<String, Tensor> t = new LinkedHashMap<>();
        for (int l = 0; l < weights.size(); l++) {
            t.put("conv" + l + ".weight", weights.get(l));
            t.put("conv" + l + ".bias", biases.get(l));
        }
        return t;
    }

    List<Tensor> parameters() {
        List<Tensor> p = new ArrayList<>(weights);
        p.addAll(biases);
        return p;
    }

    ComputeDevice device() {
        return device;
    }

    int parameterCount() {
        return parameters().stream().mapToInt(Tensor::numel).sum();
    }

    /** @param x N × FEATURES × H × W; @return logits N × 1 × H × W */
    Tensor forward(Tensor x) {
        Tensor y = x;
        for (int l = 0; l < DILATIONS.length; l++) {
            int d = DILATIONS[l];
            Conv2dSpec spec = new Conv2dSpec(1, 1, d, d, d, d, 1, PaddingMode.REFLECT, 0, 0);
            y = Elementwise.relu(Convolution.conv2d(y, weights.get(l), biases.get(l), spec));
        }
        return Convolution.conv2d(y, weights.get(DILATIONS.length), biases.get(DILATIONS.length), Conv2dSpec.defaults());
    }

    /**
     * Defect probability per grid pixel, computed in bands of rows with a halo so memory stays bounded on a
     * large scan.
     */
    float[] heat(float[] features, int w, int h) {
        float[] out = new float[w * h];
        int n = w * h;
        int band = Math.max(32, 262144 / Math.max(1, w));
        try (var off = Autograd.noGrad()) {
            for (int y0 = 0; y0 < h; y0 += band) {
                int y1 = Math.min(h, y0 + band);
                int a = Math.max(0, y0 - HALO);
                int b = Math.min(h, y1 + HALO);
                int rows = b - a;
                if (rows < 2 * DILATIONS[DILATIONS.length - 1] + 1) {
                    // reflect padding needs more rows than the largest dilation; tiny inputs pad by edge copies
                    a = Math.max(0, Math.min(a, h - 17));
                    rows = b - a;
                }
                float[] in = new float[Comparison.FEATURES * rows * w];
                for (int c = 0; c < Comparison.FEATURES; c++) {
                    System.arraycopy(features, c * n + a * w, in, c * rows * w, rows * w);
                }
                try (TensorScope s = TensorScope.open()) {
                    Tensor logits = forward(Tensor.of(device, in, 1, Comparison.FEATURES, rows, w));
                    float[] l = Elementwise.sigmoid(logits).toArray();
                    System.arraycopy(l, (y0 - a) * w, out, y0 * w, (y1 - y0) * w);
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        scope.close();
    }
}
