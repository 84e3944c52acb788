package org.jclef.clef.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jclef.tensor.Backend;
import org.jclef.tensor.Backends;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code jclef bench} on tiny shapes: the output's form and the errors (no timing is asserted). */
class BenchCommandTest {
    private Backend previous;

    @BeforeEach
    void rememberBackend() {
        previous = Backends.current();
    }

    @AfterEach
    void restoreBackend() {
        Backends.use(previous, "test restore");
    }

    private static double lastLineSeconds(CliRun run) {
        List<String> lines = run.out().strip().lines().toList();
        double seconds = Double.parseDouble(lines.get(lines.size() - 1));
        assertTrue(seconds > 0, run.out());
        return seconds;
    }

    @Test
    void trainStepPrintsTheMedianSecondsLast() {
        CliRun run = CliRun.of("bench", "train-step", "--batch", "2", "--length", "128", "--threads", "1",
                "--warmup", "0", "--runs", "3");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("2 patients (4 views × 128 samples)"), run.out());
        assertTrue(run.out().contains("then 3 runs"), run.out());
        assertTrue(run.out().contains("GFLOP/s"), run.out());
        lastLineSeconds(run);
    }

    @Test
    void embedDefaultsToOneLead() {
        CliRun run = CliRun.of("bench", "embed", "--model", "small", "--length", "256", "--warmup", "0", "--runs", "2",
                "--backend", "scalar");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("embed small: 1 lead of 256 samples, D = 256, on scalar"), run.out());
        assertTrue(run.out().contains("per embed"), run.out());
        lastLineSeconds(run);
    }

    @Test
    void convTimesEachDistinctLayerAndSumsEveryLayer() {
        CliRun run = CliRun.of("bench", "conv", "--batch", "1", "--length", "64", "--warmup", "0", "--runs", "1");
        assertEquals(0, run.exitCode(), run.err());
        // Small's grouped layers at L = 64: stage 2..5 repeat their stride-1 layer in block 1 only.
        assertTrue(run.out().contains("stage0.block0.conv2"), run.out());
        assertTrue(run.out().contains("total over 10 layers"), run.out());
        lastLineSeconds(run);

        CliRun pointwise = CliRun.of("bench", "conv", "--layers", "pointwise", "--batch", "1", "--length", "64",
                "--warmup", "0", "--runs", "1");
        assertEquals(0, pointwise.exitCode(), pointwise.err());
        assertTrue(pointwise.out().contains("total over 20 layers"), pointwise.out());

        CliRun stem = CliRun.of("bench", "conv", "--layer", "small.stem", "--batch", "1", "--length", "64",
                "--warmup", "0", "--runs", "1");
        assertEquals(0, stem.exitCode(), stem.err());
        assertTrue(stem.out().lines().anyMatch(l -> l.startsWith("stem ") && l.contains(" -  ")), stem.out());

        CliRun shape = CliRun.of("bench", "conv", "--shape", "n2,c8,g2,k16,l40,s2", "--warmup", "0", "--runs", "1");
        assertEquals(0, shape.exitCode(), shape.err());
        assertTrue(shape.out().contains("n2,c8,o8,g2,k16,l40,s2"), shape.out());
    }

    @Test
    void badCommandLinesSayWhatIsExpected() {
        CliRun none = CliRun.of("bench");
        assertEquals(2, none.exitCode());
        assertTrue(none.err().contains("expected one workload, train-step, embed or conv"), none.err());
        CliRun both = CliRun.of("bench", "conv", "--layer", "stem", "--shape", "issue");
        assertEquals(2, both.exitCode());
        assertTrue(both.err().contains("--layer and --shape both given"), both.err());
        CliRun badShape = CliRun.of("bench", "conv", "--shape", "n2,c8");
        assertEquals(2, badShape.exitCode());
        assertTrue(badShape.err().contains("'l' is missing"), badShape.err());
        CliRun badLayer = CliRun.of("bench", "conv", "--layer", "stage9.block0.conv2");
        assertEquals(2, badLayer.exitCode());
        assertTrue(badLayer.err().contains("small has no such convolution"), badLayer.err());
        CliRun zero = CliRun.of("bench", "embed", "--runs", "0");
        assertEquals(2, zero.exitCode());
        assertTrue(zero.err().contains("--runs 0: expected a positive integer"), zero.err());
        CliRun unknown = CliRun.of("bench", "embed", "--layer", "stem");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("unknown option --layer"), unknown.err());
    }
}
