package org.jclef.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jclef.clef.bench.EmbedWorkload;
import org.jclef.clef.bench.Net1DLayers;
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
 * The embedding of one 5000-sample lead ({@link EmbedWorkload}, the path of {@code jclef embed}),
 * Small and Medium at 1 and 2 threads. FLOPs: the forward pass's convolutions and SE layers
 * ({@link Net1DLayers#forwardFlops}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class EmbedBenchmark {

    @Param({"small", "medium"})
    public String model;

    @Param("simd")
    public String backend;

    @Param({"1", "2"})
    public String threads;

    private EmbedWorkload embed;

    @Setup
    public void setup() {
        embed = new EmbedWorkload(Net1DConfig.byName(model), 1, Net1DLayers.INPUT_LENGTH,
                BenchParams.install(backend, threads));
    }

    static Work work(String method, Map<String, String> params) {
        return Work.flops(Net1DLayers.forwardFlops(Net1DConfig.byName(BenchParams.param(params, "model")), 1,
                Net1DLayers.INPUT_LENGTH), BenchParams.param(params, "backend"), BenchParams.param(params, "threads"));
    }

    @Benchmark
    public float[] embedLead() {
        embed.run();
        return embed.lastEmbedding();
    }
}
