package org.jclef.clef.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.SplittableRandom;
import org.jclef.clef.model.Net1D;
import org.jclef.clef.model.Net1DConfig;
import org.jclef.tensor.Backend;
import org.jclef.tensor.BackendKind;
import org.jclef.tensor.Backends;
import org.jclef.tensor.DType;
import org.jclef.tensor.ScalarBackend;
import org.jclef.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The benchmark workloads compute what they claim (values, not speed). */
class WorkloadsTest {
    private Backend previous;

    @BeforeEach
    void rememberBackend() {
        previous = Backends.current();
    }

    @AfterEach
    void restoreBackend() {
        Backends.use(previous, "test restore");
    }

    @Test
    void convWorkloadRunsTheBackendsKernelsOnItsShape() {
        ConvShape shape = new ConvShape(2, 8, 8, 2, 16, 37, 2);
        ConvWorkload simd = ConvWorkload.training(BenchBackends.create(BackendKind.SIMD, 2), shape);
        ConvWorkload scalar = ConvWorkload.training(new ScalarBackend(), shape);
        assertEquals(3 * shape.forwardFlops(), simd.flops());
        simd.run();
        scalar.run();
        assertArrayEquals(scalar.forward().toFloatArray(), simd.forward().toFloatArray(), 1e-4f);
        Tensor dx = scalar.backwardData().copy();
        simd.run();
        scalar.run();
        // run() starts from zero gradients: a second run gives the same dx, not twice it.
        assertArrayEquals(dx.toFloatArray(), scalar.backwardData().toFloatArray(), 0f);
        assertTrue(simd.description().contains("forward + backward-data + backward-weight"), simd.description());
        assertTrue(simd.description().contains(shape.toString()), simd.description());

        ConvWorkload forwardOnly = new ConvWorkload(new ScalarBackend(), shape, EnumSet.of(ConvPass.FORWARD));
        assertEquals(shape.forwardFlops(), forwardOnly.flops());
        assertThrows(IllegalArgumentException.class,
                () -> new ConvWorkload(new ScalarBackend(), shape, EnumSet.noneOf(ConvPass.class)));
    }

    @Test
    void embedWorkloadIsNet1DsEmbeddingOfItsInput() {
        EmbedWorkload one = new EmbedWorkload(Net1DConfig.SMALL, 1, 300, BenchBackends.create(BackendKind.SIMD, 1));
        one.run();
        float[] expected = Net1D.create(Net1DConfig.SMALL, 42)
                .embed(Tensor.normal(DType.F32, new SplittableRandom(7), 1, 1, 300).toFloatArray());
        assertArrayEquals(expected, one.lastEmbedding());
        EmbedWorkload three = new EmbedWorkload(Net1DConfig.SMALL, 3, 300, BenchBackends.create(BackendKind.SIMD, 1));
        three.run();
        assertEquals(3 * 256, three.lastEmbedding().length);
        assertEquals(Net1DLayers.forwardFlops(Net1DConfig.SMALL, 3, 300), three.flops());
    }

    @Test
    void trainStepLowersTheLossOnItsFixedBatch() {
        TrainStep step = new TrainStep(Net1DConfig.SMALL, 3, 200, BenchBackends.create(BackendKind.SIMD, 2));
        assertTrue(Double.isNaN(step.lastLoss()));
        step.run();
        double first = step.lastLoss();
        assertTrue(Double.isFinite(first), "loss " + first);
        step.run();
        step.run();
        assertNotEquals(first, step.lastLoss(), "AdamW changed nothing");
        assertEquals(Net1DLayers.trainStepFlops(Net1DConfig.SMALL, 6, 200), step.flops());
        assertTrue(step.description().contains("3 patients (6 views × 200 samples)"), step.description());
        assertThrows(IllegalArgumentException.class,
                () -> new TrainStep(Net1DConfig.SMALL, 0, 200, new ScalarBackend()));
    }

    @Test
    void timingTakesMediansAndQuantiles() {
        Timing t = new Timing(new double[] {0.5, 0.1, 0.3, 0.2});
        assertEquals(0.25, t.median(), 1e-15);
        assertEquals(0.1, t.min());
        assertEquals(0.5, t.quantile(1));
        assertEquals(0.175, t.quantile(0.25), 1e-15);
        assertEquals(2.0, t.gflops(0.5e9), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new Timing(new double[0]));

        int[] runs = {0};
        Timing measured = Timing.measure(new Workload() {
            @Override
            public String description() {
                return "counter";
            }

            @Override
            public double flops() {
                return 1;
            }

            @Override
            public void run() {
                runs[0]++;
            }
        }, 0, 5);
        assertEquals(5, measured.runs());
        assertEquals(2 + 5, runs[0], "two warm-up runs at least, then the measured ones");
        assertFalse(measured.median() < 0);
    }

    @Test
    void fmaPeakScalesWithCores() {
        FmaPeak two = new FmaPeak(150, 2);
        assertEquals(300, two.gflops());
        assertEquals(0.25, two.fraction(75));
        assertTrue(two.describe(75).contains("25.0% of the 300 GFLOP/s FMA peak of 2 cores"), two.describe(75));
        assertThrows(IllegalArgumentException.class, () -> new FmaPeak(0, 1));
    }
}
