package org.jclef.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.jclef.tensor.Backend;
import org.jclef.tensor.BackendKind;
import org.jclef.tensor.Backends;
import org.jclef.tensor.Conv1dGeometry;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;
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
 * Grouped conv1d kernels at CLEF layer shapes, per backend. GFLOP/s = {@link #flops()} / time;
 * the comparison runner prints it next to the time.
 *
 * <p>Shape names: {@code issue} is the foundation issue's reference shape (B64, 128→128, g32,
 * k16, L1250, stride 1); {@code smallS0}…{@code smallS5} are CLEF-Small's conv2 layers at batch 128
 * (stride 1 blocks); {@code mediumS3} a CLEF-Medium conv2 at batch 16.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class ConvBenchmark {

    /** name → {batch, channels, groups, kernel, length, stride}. */
    @Param({"issue", "smallS0", "smallS2", "smallS5", "mediumS3"})
    public String shape;

    @Param({"simd", "scalar"})
    public String backend;

    private Backend impl;
    private Tensor x, w, bias, y, dy, dx, dw, db;
    private Conv1dGeometry geometry;

    static int[] dims(String shape) {
        return switch (shape) {
            case "issue" -> new int[] {64, 128, 32, 16, 1250, 1};
            case "smallS0" -> new int[] {128, 16, 4, 16, 1250, 1};
            case "smallS2" -> new int[] {128, 32, 8, 16, 313, 1};
            case "smallS5" -> new int[] {128, 128, 32, 16, 40, 1};
            case "mediumS3" -> new int[] {16, 400, 25, 16, 157, 1};
            default -> throw new IllegalArgumentException("unknown shape " + shape);
        };
    }

    /** Multiply-adds × 2 of one forward pass (backward-data and backward-weight cost the same). */
    public static double flops(String shape) {
        int[] d = dims(shape);
        int lout = (d[4] + d[5] - 1) / d[5];
        return 2.0 * d[0] * d[1] * lout * (d[1] / d[2]) * d[3];
    }

    @Setup
    public void setup() {
        impl = Backends.create(BackendKind.parse(backend, "backend param"));
        int[] d = dims(shape);
        int n = d[0], c = d[1], groups = d[2], k = d[3], l = d[4], s = d[5];
        int lout = (l + s - 1) / s;
        int pad = Math.max(0, (lout - 1) * s + k - l);
        geometry = new Conv1dGeometry(s, pad / 2, pad - pad / 2, groups);
        SplittableRandom rng = new SplittableRandom(42);
        x = Tensor.normal(DType.F32, rng, n, c, l);
        w = Tensor.normal(DType.F32, rng, c, c / groups, k);
        bias = Tensor.normal(DType.F32, rng, c);
        y = Tensor.zeros(n, c, lout);
        dy = Tensor.normal(DType.F32, rng, n, c, lout);
        dx = Tensor.zeros(n, c, l);
        dw = Tensor.zeros(c, c / groups, k);
        db = Tensor.zeros(c);
    }

    @Benchmark
    public Tensor forward() {
        impl.conv1dForward(x, w, bias, geometry, y);
        return y;
    }

    @Benchmark
    public Tensor backwardData() {
        impl.conv1dBackwardData(dy, w, geometry, dx);
        return dx;
    }

    @Benchmark
    public Tensor backwardWeight() {
        impl.conv1dBackwardWeight(dy, x, geometry, dw, db);
        return dw;
    }
}
