package org.jclef.clef.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jclef.clef.eval.LinearProbe;
import org.jclef.clef.eval.MacroRule;
import org.jclef.clef.eval.Metric;
import org.jclef.clef.eval.Metrics;
import org.jclef.clef.eval.Targets;
import org.jclef.clef.eval.WarningSink;
import org.junit.jupiter.api.Test;

class CrossValidatedMetricsTest {

    private static Metric auroc(List<Metric> metrics) {
        return metrics.stream().filter(m -> m.name().equals("auroc")).findFirst().orElseThrow();
    }

    private static double[][] column(double... scores) {
        double[][] out = new double[scores.length][];
        for (int i = 0; i < scores.length; i++) {
            out[i] = new double[] {scores[i]};
        }
        return out;
    }

    @Test
    void uninformativeRoundsScoreHalfNotBelowIt() {
        // round 0: 3 of 4 positive, its model predicts the training prevalence 0.25 for everyone;
        // round 1: 1 of 4 positive, its model predicts 0.75: pooled, positives rank low.
        Targets y = new Targets.Binary(new int[] {1, 1, 1, 0, 1, 0, 0, 0});
        double[][] scores = column(0.25, 0.25, 0.25, 0.25, 0.75, 0.75, 0.75, 0.75);
        int[] folds = {0, 0, 0, 0, 1, 1, 1, 1};
        double pooled = auroc(LinearProbe.testMetrics(y, scores, MacroRule.STRICT)).value(WarningSink.ignoring());
        double averaged = auroc(CrossValidatedMetrics.of(y, scores, folds, MacroRule.STRICT)).value(WarningSink.ignoring());
        assertTrue(pooled < 0.3, "pooled " + pooled);
        assertEquals(0.5, averaged, 1e-12);
    }

    @Test
    void metricsAreTheMeanOfTheRoundsAndWeightsStayWithTheirRound() {
        int[] labels = {0, 1, 0, 1, 1, 0, 1, 0, 1};
        double[] s = {0.1, 0.9, 0.6, 0.4, 0.8, 0.3, 0.2, 0.7, 0.65};
        int[] folds = {0, 0, 0, 0, 1, 1, 1, 1, 1};
        Metric cv = auroc(CrossValidatedMetrics.of(new Targets.Binary(labels), column(s), folds, MacroRule.STRICT));
        double a0 = Metrics.auroc(new int[] {0, 1, 0, 1}, new double[] {0.1, 0.9, 0.6, 0.4}).value();
        double a1 = Metrics.auroc(new int[] {1, 0, 1, 0, 1}, new double[] {0.8, 0.3, 0.2, 0.7, 0.65}).value();
        assertEquals((a0 + a1) / 2, cv.value(WarningSink.ignoring()), 1e-12);

        double[] w = {2, 1, 0, 1, 1, 3, 0, 1, 2};
        double w0 = Metrics.auroc(new int[] {0, 1, 0, 1}, new double[] {0.1, 0.9, 0.6, 0.4})
                .evaluate(new double[] {2, 1, 0, 1}, WarningSink.ignoring());
        double w1 = Metrics.auroc(new int[] {1, 0, 1, 0, 1}, new double[] {0.8, 0.3, 0.2, 0.7, 0.65})
                .evaluate(new double[] {1, 3, 0, 1, 2}, WarningSink.ignoring());
        assertEquals((w0 + w1) / 2, cv.evaluate(w, WarningSink.ignoring()), 1e-12);
    }

    @Test
    void anUndefinedRoundIsLeftOutAndReported() {
        Targets y = new Targets.Binary(new int[] {0, 1, 0, 1, 0, 0});
        double[][] scores = column(0.2, 0.7, 0.3, 0.6, 0.5, 0.4);
        int[] folds = {0, 0, 0, 0, 1, 1};
        List<String> warnings = new ArrayList<>();
        double v = auroc(CrossValidatedMetrics.of(y, scores, folds, MacroRule.STRICT))
                .value(WarningSink.collecting(warnings));
        assertEquals(1.0, v, 1e-12);
        assertTrue(warnings.stream().anyMatch(w -> w.contains("round(s) 2") && w.contains("1 other round")), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("round 2: ")), warnings.toString());
    }

    @Test
    void meanRocAveragesTheRoundsOnAGrid() {
        Targets y = new Targets.Binary(new int[] {0, 1, 0, 1, 1, 0, 1, 0});
        double[][] scores = column(0.1, 0.9, 0.2, 0.8, 0.3, 0.7, 0.4, 0.6);
        int[] folds = {0, 0, 0, 0, 1, 1, 1, 1};
        TaskResult r = new TaskResult("t", "binary", Protocol.LINEAR, "e", "cv", List.of("p"), List.of(),
                List.of("a", "b", "c", "d", "e", "f", "g", "h"), y, scores, folds, List.of());
        MeanRoc roc = MeanRoc.of(r);
        assertEquals(2, roc.rounds());
        assertEquals(0.0, roc.fpr()[0]);
        assertEquals(0.0, roc.tpr()[0]);
        assertEquals(1.0, roc.fpr()[roc.fpr().length - 1]);
        // round 0 is perfect (tpr 1 from fpr 0), round 1 is inverted (tpr 0 until fpr 1)
        assertEquals(0.5, roc.tpr()[1], 1e-12);
        assertEquals(0.5, roc.tpr()[51], 1e-12);
        assertEquals(1.0, roc.tpr()[roc.tpr().length - 1], 1e-12);
    }
}
