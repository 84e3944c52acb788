package org.jclef.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.jclef.clef.loss.BatchMetadata;
import org.jclef.clef.loss.LossKind;
import org.jclef.clef.model.Net1D;
import org.jclef.clef.model.Net1DConfig;
import org.jclef.clef.train.TrainConfig;
import org.jclef.clef.train.TrainingStep;
import org.jclef.clef.train.ViewBatch;
import org.jclef.tensor.Backends;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;
import org.jclef.tensor.simd.SimdBackend;
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
 * One step of the pretraining loop exactly as {@code jclef pretrain} runs it ({@link TrainingStep}:
 * forward, loss, backward, the logged gradient norm, AdamW, zero_grad) on the SIMD backend, at spec
 * §6's batch by default: 64 patients = 128 views of 5000 samples, random views and risks (data
 * loading excluded: the trainer prepares batches on loader threads ahead of the step). Its PyTorch
 * twin is {@code tools/bench/torch_train_step.py}; run both in one session:
 *
 * <pre>
 *   java -jar bench/target/benchmarks.jar PretrainStepBenchmark -p threads=2
 *   /usr/bin/python3 tools/bench/torch_train_step.py --threads 2
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 10)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class PretrainStepBenchmark {

    @Param({"small"})
    public String model;

    @Param({"64"})
    public int patients;

    @Param({"5000"})
    public int samples;

    @Param({"2"})
    public int threads;

    @Param({"clef"})
    public String loss;

    private TrainingStep step;
    private ViewBatch batch;

    @Setup
    public void setup() {
        Backends.use(new SimdBackend(threads), "PretrainStepBenchmark");
        Net1DConfig config = Net1DConfig.byName(model);
        TrainConfig train = TrainConfig.defaults(config).withLoss(LossKind.parse(loss)).withBatch(patients, samples);
        step = TrainingStep.create(train.withMoco(train.moco().withQueueSize(Math.max(patients, 4096))),
                Net1D.create(config, 42));
        SplittableRandom rng = new SplittableRandom(7);
        Tensor views = Tensor.normal(DType.F32, rng, 2 * patients, 1, samples);
        double[] risk = new double[patients];
        int[] items = new int[patients];
        for (int i = 0; i < patients; i++) {
            risk[i] = rng.nextDouble(0.01, 0.3);
            items[i] = i;
        }
        batch = new ViewBatch(0, 0, items, views, BatchMetadata.ofRisks(risk));
    }

    @Benchmark
    public double step() {
        return step.run(batch).loss();
    }
}
