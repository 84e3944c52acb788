package org.jclef.clef.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.jclef.clef.eval.BootstrapConfig;
import org.jclef.clef.eval.MetricValue;
import org.jclef.clef.eval.ProbeConfig;
import org.jclef.clef.eval.Targets;
import org.jclef.clef.eval.WarningSink;
import org.jclef.clef.io.dataset.ManifestEntry;
import org.jclef.tensor.io.Json;
import org.junit.jupiter.api.Test;

class LinearEvaluationTest {
    private static final ProbeConfig CONFIG = ProbeConfig.DEFAULT.withBootstrap(new BootstrapConfig(200, 42, 0.95));

    private static List<ManifestEntry> records(int n) {
        List<ManifestEntry> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new ManifestEntry("r" + i, Path.of("r" + i + ".hea"), Map.of(), Set.of()));
        }
        return out;
    }

    /** Embeddings whose first feature carries the label (plus noise), the rest noise. */
    private static float[][] embeddings(int[] labels, double signal, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] x = new float[labels.length][8];
        for (int i = 0; i < labels.length; i++) {
            for (int d = 0; d < 8; d++) {
                x[i][d] = (float) (random.nextDouble() - 0.5);
            }
            x[i][0] += (float) (signal * labels[i]);
        }
        return x;
    }

    @Test
    void crossValidationScoresEveryRecordOnceAndSeparatesAnEasyTask() {
        int n = 60;
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3 == 0 ? 1 : 0;
        }
        Targets targets = new Targets.Binary(y);
        Task task = new Task("easy", "easy", records(n), targets, List.of("pos"),
                CrossValidationFolds.stratified(targets, 5, 42, WarningSink.ignoring()));
        TaskResult r = LinearEvaluation.run(task, embeddings(y, 3.0, 1), "test encoder", CONFIG, WarningSink.ignoring());
        assertEquals(n, r.scores().length);
        for (double[] s : r.scores()) {
            assertNotNull(s, "every record is held out in exactly one round");
        }
        assertEquals("r7", r.scored().get(7));
        MetricValue auroc = r.headline();
        assertEquals("auroc", auroc.name());
        assertTrue(auroc.value() > 0.95, "AUROC " + auroc.value());
        assertTrue(auroc.lo() <= auroc.value() && auroc.value() <= auroc.hi());
        assertTrue(r.split().contains("5-fold"), r.split());

        TaskResult noise = LinearEvaluation.run(task, embeddings(y, 0.0, 2), "noise", CONFIG, WarningSink.ignoring());
        assertTrue(noise.headline().value() < 0.8, "AUROC on noise " + noise.headline().value());
    }

    @Test
    void fixedSplitScoresTheTestPartitionAndJsonCarriesTheHeadline() {
        int n = 40;
        double[] age = new double[n];
        int[] partition = new int[n];
        float[][] x = new float[n][4];
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < n; i++) {
            age[i] = 20 + i;
            partition[i] = i % 5 == 0 ? TaskSplit.TEST : i % 5 == 1 ? TaskSplit.VALIDATION : TaskSplit.TRAIN;
            x[i][0] = (float) (age[i] / 10);
            x[i][1] = (float) random.nextDouble();
            x[i][2] = (float) random.nextDouble();
            x[i][3] = (float) random.nextDouble();
        }
        Task task = new Task("age", "age", records(n), new Targets.Continuous(age), List.of("age"),
                new TaskSplit.Fixed(partition, "every fifth record tests"));
        TaskResult r = LinearEvaluation.run(task, x, "linear", CONFIG, WarningSink.ignoring());
        assertEquals(8, r.evaluated().size());
        assertEquals("r5", r.scored().get(1));
        assertTrue(r.metric("mae").value() < 1.0, "MAE " + r.metric("mae").value());

        Map<String, Object> json = Json.parseObject(r.toJson(), "result");
        assertEquals(r.metric("mae").value(), ((Number) json.get("mae")).doubleValue());
        assertTrue(((Map<?, ?>) json.get("ci")).containsKey("r2"));
        assertTrue(r.toTable(0.95).contains("every fifth record tests"));
    }
}
