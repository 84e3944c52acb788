package org.jclef.bench;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.jclef.autograd.Variable;
import org.jclef.clef.bench.ConvShape;
import org.jclef.nn.Init;
import org.jclef.nn.layers.SqueezeExcite;
import org.jclef.tensor.Backend;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;
import org.jclef.tensor.UnaryOp;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The memory-bound parts of a Net1D block at a layer's shapes: swish forward and backward on the
 * layer's input {@code [N, C_in, L]} (backend kernels), and squeeze-and-excitation forward +
 * backward on its output {@code [N, C_out, L_out]} (the {@link SqueezeExcite} layer through
 * autograd, as a block runs it). Rates are GB/s of the least memory traffic: swish forward reads x
 * and writes y (8 bytes per element), backward reads x, y, dy and updates dx (20); SE reads h for
 * the mean and the scaling and writes the output (12), then reads dy and h and updates dh (20).
 *
 * <p>Default layers: the conv3 of Small's first block (swish on [128, 16, 1250], SE on
 * [128, 32, 1250]), of Small's stage 3 and of Medium's stage 3.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class ActivationBenchmark {
    private static final int SWISH_FORWARD_BYTES = 8;
    private static final int SWISH_BACKWARD_BYTES = 20;
    private static final int SE_BYTES = 32;

    @Param({"small.stage0.block0.conv3", "small.stage3.block1.conv3", "medium.stage3.block1.conv3"})
    public String layer;

    @Param(BenchParams.LAYER_BATCH)
    public String batch;

    @Param("simd")
    public String backend;

    @Param("2")
    public String threads;

    private Backend impl;
    private Tensor x, y, dy, dx;
    private SqueezeExcite se;
    private Tensor h, dh;

    @Setup
    public void setup() {
        impl = BenchParams.install(backend, threads);
        ConvShape shape = BenchParams.shape(layer, batch);
        SplittableRandom rng = new SplittableRandom(42);
        x = Tensor.normal(DType.F32, rng, shape.batch(), shape.inChannels(), shape.length());
        y = Tensor.zerosLike(x);
        dy = Tensor.normal(DType.F32, rng, x.shape());
        dx = Tensor.zerosLike(x);
        impl.unary(UnaryOp.SWISH, x, y);
        se = new SqueezeExcite(Init.seeded(DType.F32, 1), shape.outChannels(), 2);
        h = Tensor.normal(DType.F32, rng, shape.batch(), shape.outChannels(), shape.outLength());
        dh = Tensor.normal(DType.F32, rng, h.shape());
    }

    static Work work(String method, Map<String, String> params) {
        ConvShape shape = BenchParams.shape(BenchParams.param(params, "layer"), BenchParams.param(params, "batch"));
        double in = (double) shape.batch() * shape.inChannels() * shape.length();
        double out = (double) shape.batch() * shape.outChannels() * shape.outLength();
        double bytes = switch (method) {
            case "swishForward" -> SWISH_FORWARD_BYTES * in;
            case "swishBackward" -> SWISH_BACKWARD_BYTES * in;
            case "squeezeExcite" -> SE_BYTES * out;
            default -> throw new IllegalArgumentException("ActivationBenchmark has no method " + method);
        };
        return Work.bytes(bytes, BenchParams.param(params, "backend"), BenchParams.param(params, "threads"));
    }

    @Benchmark
    public Tensor swishForward() {
        impl.unary(UnaryOp.SWISH, x, y);
        return y;
    }

    @Benchmark
    public Tensor swishBackward() {
        impl.unaryBackward(UnaryOp.SWISH, x, y, dy, dx);
        return dx;
    }

    /** SE forward and backward: the gradient reaches h and the two linear layers. */
    @Benchmark
    public Tensor squeezeExcite() {
        Variable input = Variable.parameter(h);
        Variable out = se.forward(input);
        out.backward(dh);
        se.zeroGrad();
        return input.grad();
    }
}
