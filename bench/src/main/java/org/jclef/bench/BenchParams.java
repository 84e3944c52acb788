package org.jclef.bench;

import java.util.Map;
import org.jclef.clef.bench.BenchBackends;
import org.jclef.clef.bench.ConvShape;
import org.jclef.clef.bench.Net1DLayers;
import org.jclef.tensor.Backend;
import org.jclef.tensor.BackendKind;

/**
 * The JMH parameters the benchmarks share, read the same way everywhere:
 * <ul>
 * <li>{@code layer}: a convolution by catalogue name ({@code small.stage3.block0.conv2}, at the
 *     model's benchmark batch: 128 for Small, 16 for Medium), {@code issue}, or a shape spec
 *     ({@code n64,c128,o128,g32,k16,l1250,s1}), see {@link Net1DLayers#resolve};</li>
 * <li>{@code batch}: {@code layer} (keep the layer's batch) or a number that replaces it;</li>
 * <li>{@code backend}: {@code scalar}, {@code simd} or {@code opencl};</li>
 * <li>{@code threads}: the SIMD backend's thread count (the others ignore it).</li>
 * </ul>
 */
final class BenchParams {
    /** The {@code batch} value that keeps the layer's own batch. */
    static final String LAYER_BATCH = "layer";

    private BenchParams() {
    }

    /** A parameter of a result file's benchmark; throws when the file's benchmark had no such parameter. */
    static String param(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no parameter '" + name + "' (parameters: " + params.keySet() + ")");
        }
        return value;
    }

    static ConvShape shape(String layer, String batch) {
        ConvShape shape = Net1DLayers.resolve(layer);
        return batch.equals(LAYER_BATCH) ? shape : shape.withBatch(Integer.parseInt(batch.trim()));
    }

    static Backend backend(String backend, String threads) {
        return BenchBackends.create(BackendKind.parse(backend, "JMH param backend"), Integer.parseInt(threads.trim()));
    }

    /** Installs the backend process-wide, for code that goes through layers and autograd. */
    static Backend install(String backend, String threads) {
        return BenchBackends.install(BackendKind.parse(backend, "JMH param backend"), Integer.parseInt(threads.trim()));
    }
}
