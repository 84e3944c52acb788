package org.jclef.clef.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.jclef.clef.eval.BootstrapConfig;
import org.jclef.clef.eval.Targets;
import org.jclef.clef.eval.WarningSink;
import org.jclef.clef.io.dataset.ManifestEntry;
import org.jclef.clef.model.Net1D;
import org.jclef.clef.model.Net1DConfig;
import org.junit.jupiter.api.Test;

/** Fine-tuning end to end on a small network and short synthetic inputs (seconds, not minutes). */
class FineTuneTest {
    private static final Net1DConfig TINY = new Net1DConfig("tiny", 1, 4, 5, 2, 1.0, List.of(4, 8), List.of(1, 1), 4,
            false, 0.0);
    private static final int LENGTH = 160;
    private static final FineTuneConfig CONFIG = FineTuneConfig.reference().withMaxEpochs(12).withBatchSize(8)
            .withLearningRate(5e-3).withPatience(4);
    private static final BootstrapConfig BOOTSTRAP = new BootstrapConfig(100, 42, 0.95);

    private static List<ManifestEntry> records(int n) {
        List<ManifestEntry> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new ManifestEntry("r" + i, Path.of("r" + i + ".hea"), Map.of(), Set.of()));
        }
        return out;
    }

    /** Class 1: a fast oscillation; class 0: a slow one; both with noise and random phase. */
    private static float[][] inputs(int[] labels) {
        SplittableRandom random = new SplittableRandom(5);
        float[][] x = new float[labels.length][LENGTH];
        for (int i = 0; i < labels.length; i++) {
            double f = labels[i] == 1 ? 0.23 : 0.04;
            double phase = random.nextDouble() * 6.28;
            for (int t = 0; t < LENGTH; t++) {
                x[i][t] = (float) (Math.sin(f * 2 * Math.PI * t + phase) + 0.3 * (random.nextDouble() - 0.5));
            }
        }
        return x;
    }

    @Test
    void learnsAnEasyBinaryTaskAndIsDeterministic() {
        int n = 48;
        int[] y = new int[n];
        int[] partition = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            partition[i] = i < 32 ? TaskSplit.TRAIN : i < 40 ? TaskSplit.VALIDATION : TaskSplit.TEST;
        }
        Task task = new Task("waves", "fast vs slow", records(n), new Targets.Binary(y), List.of("fast"),
                new TaskSplit.Fixed(partition, "32 / 8 / 8"));
        float[][] x = inputs(y);
        TaskResult first = FineTune.run(task, x, () -> Net1D.create(TINY, 1), "tiny", CONFIG, BOOTSTRAP, null,
                WarningSink.ignoring());
        assertEquals(Protocol.FINETUNE, first.protocol());
        assertEquals(8, first.scores().length);
        assertEquals("r40", first.scored().get(0));
        assertTrue(first.headline().value() > 0.9, "AUROC " + first.headline().value());
        for (double[] s : first.scores()) {
            assertTrue(s[0] > 0 && s[0] < 1, "a probability: " + s[0]);
        }
        TaskResult second = FineTune.run(task, x, () -> Net1D.create(TINY, 1), "tiny", CONFIG, BOOTSTRAP, null,
                WarningSink.ignoring());
        for (int i = 0; i < first.scores().length; i++) {
            assertArrayEquals(first.scores()[i], second.scores()[i]);
        }
    }

    @Test
    void crossValidatedRegressionPredictsInTheTargetsUnits() {
        int n = 30;
        double[] target = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            target[i] = 50 + 20 * y[i];
        }
        Targets targets = new Targets.Continuous(target);
        Task task = new Task("level", "level", records(n), targets, List.of("level"),
                CrossValidationFolds.stratified(targets, 3, 42, WarningSink.ignoring()));
        TaskResult r = FineTune.run(task, inputs(y), () -> Net1D.create(TINY, 2), "tiny",
                CONFIG.withMaxEpochs(3), BOOTSTRAP, null, WarningSink.ignoring());
        assertEquals(n, r.scores().length);
        double mean = 0;
        for (double[] s : r.scores()) {
            mean += s[0] / n;
        }
        assertTrue(mean > 40 && mean < 80, "predictions in years-like units, mean " + mean);
        assertTrue(r.metric("mae").value() < 20, "MAE " + r.metric("mae").value());
    }
}
