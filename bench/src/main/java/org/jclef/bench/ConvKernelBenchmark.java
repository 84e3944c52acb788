package org.jclef.bench;

import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jclef.clef.bench.ConvPass;
import org.jclef.clef.bench.ConvShape;
import org.jclef.clef.bench.ConvWorkload;
import org.jclef.tensor.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The three kernels of one convolution layer, forward, backward-data and backward-weight, one
 * kernel call per invocation ({@link ConvWorkload}); subclasses declare the parameters and their
 * defaults. FLOPs per call:
 * {@code 2·N·C_out·L_out·(C_in/g)·K} ({@link org.jclef.clef.bench.ConvShape#forwardFlops}), the
 * same for the three passes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public abstract class ConvKernelBenchmark {

    private ConvWorkload conv;

    /** The subclass's {@code layer} parameter (see {@link BenchParams}), whose defaults it chooses. */
    protected abstract String layer();

    /** The subclass's {@code batch} parameter. */
    protected abstract String batch();

    /** The subclass's {@code backend} parameter. */
    protected abstract String backend();

    /** The subclass's {@code threads} parameter. */
    protected abstract String threads();

    @Setup
    public void setup() {
        conv = new ConvWorkload(BenchParams.backend(backend(), threads()), BenchParams.shape(layer(), batch()),
                EnumSet.allOf(ConvPass.class));
    }

    /** FLOPs of one call of any of the three methods. */
    static Work work(String method, Map<String, String> params) {
        ConvShape shape = BenchParams.shape(BenchParams.param(params, "layer"), BenchParams.param(params, "batch"));
        return Work.flops(shape.forwardFlops(),
                BenchParams.param(params, "backend"), BenchParams.param(params, "threads"));
    }

    @Benchmark
    public Tensor forward() {
        return conv.forward();
    }

    @Benchmark
    public Tensor backwardData() {
        return conv.backwardData();
    }

    @Benchmark
    public Tensor backwardWeight() {
        return conv.backwardWeight();
    }
}
