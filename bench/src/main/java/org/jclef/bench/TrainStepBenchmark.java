package org.jclef.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jclef.clef.bench.Net1DLayers;
import org.jclef.clef.bench.TrainStep;
import org.jclef.clef.model.Net1DConfig;
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
 * The full CLEF pretraining step ({@link TrainStep}): Net1D forward on {@code [2B, 1, 5000]}, the
 * CLEF loss, backward and AdamW, for B = {@code batch} patients (two views each). FLOPs: the
 * convolutions' and SE layers' forward and backward passes
 * ({@link Net1DLayers#trainStepFlops}). One step takes seconds, so each iteration is a few steps.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class TrainStepBenchmark {

    @Param("small")
    public String model;

    @Param("128")
    public String batch;

    @Param("simd")
    public String backend;

    @Param("2")
    public String threads;

    private TrainStep step;

    @Setup
    public void setup() {
        step = new TrainStep(Net1DConfig.byName(model), Integer.parseInt(batch), Net1DLayers.INPUT_LENGTH,
                BenchParams.install(backend, threads));
    }

    static Work work(String method, Map<String, String> params) {
        return Work.flops(Net1DLayers.trainStepFlops(Net1DConfig.byName(BenchParams.param(params, "model")),
                2 * Integer.parseInt(BenchParams.param(params, "batch")), Net1DLayers.INPUT_LENGTH),
                BenchParams.param(params, "backend"), BenchParams.param(params, "threads"));
    }

    @Benchmark
    public double step() {
        step.run();
        return step.lastLoss();
    }
}
