package org.jclef.clef.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Hand-computed values, weighting semantics and bad input. */
class MetricsTest {

    @Test
    void smallBinaryExampleFromTheDocumentation() {
        int[] y = {0, 0, 1, 1};
        double[] s = {0.1, 0.4, 0.35, 0.8};
        assertEquals(0.75, Metrics.auroc(y, s).value(), 1e-15);
        // thresholds 0.8 (P=1, R=.5), 0.4 (P=.5), 0.35 (P=2/3, R=1): AP = .5·1 + .5·2/3
        assertEquals(0.5 + 0.5 * 2 / 3.0, Metrics.averagePrecision(y, s).value(), 1e-15);
        RocCurve curve = Metrics.rocCurve(y, s);
        assertArrayEquals(new double[] {0, 0, 0.5, 0.5, 1}, curve.fpr(), 1e-15);
        assertArrayEquals(new double[] {0, 0.5, 0.5, 1, 1}, curve.tpr(), 1e-15);
        assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, 0.8, 0.4, 0.35, 0.1}, curve.thresholds(), 0);
    }

    @Test
    void tiesCountHalf() {
        // one positive and one negative tied, one negative below: pairs (p, n1) tie = 0.5, (p, n2) = 1
        assertEquals(0.75, Metrics.auroc(new int[] {1, 0, 0}, new double[] {0.5, 0.5, 0.1}).value(), 1e-15);
        assertEquals(0.5, Metrics.auroc(new int[] {1, 0, 1, 0}, new double[] {3, 3, 3, 3}).value(), 1e-15);
        // AP with all scores tied: one threshold, precision = prevalence
        assertEquals(0.5, Metrics.averagePrecision(new int[] {1, 0, 1, 0}, new double[] {3, 3, 3, 3}).value(), 1e-15);
    }

    @Test
    void integerWeightsEqualDuplicatedSamples() {
        SplittableRandom r = new SplittableRandom(7);
        int n = 60;
        int[] y = new int[n];
        double[] s = new double[n];
        double[] w = new double[n];
        int total = 0;
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(3) == 0 ? 1 : 0;
            s[i] = Math.round(r.nextGaussian() * 4) / 4.0;
            w[i] = r.nextInt(4);
            total += (int) w[i];
        }
        int[] yDup = new int[total];
        double[] sDup = new double[total];
        int p = 0;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < w[i]; c++) {
                yDup[p] = y[i];
                sDup[p++] = s[i];
            }
        }
        WarningSink none = WarningSink.ignoring();
        assertEquals(Metrics.auroc(yDup, sDup).value(), Metrics.auroc(y, s).evaluate(w, none), 1e-14);
        assertEquals(Metrics.averagePrecision(yDup, sDup).value(), Metrics.averagePrecision(y, s).evaluate(w, none),
                1e-14);
        double[] t = new double[n];
        double[] tDup = new double[total];
        for (int i = 0, q = 0; i < n; i++) {
            t[i] = s[i] + r.nextGaussian();
            for (int c = 0; c < w[i]; c++) {
                tDup[q++] = t[i];
            }
        }
        assertEquals(Metrics.mae(tDup, sDup).value(), Metrics.mae(t, s).evaluate(w, none), 1e-13);
        assertEquals(Metrics.r2(tDup, sDup).value(), Metrics.r2(t, s).evaluate(w, none), 1e-13);
    }

    @Test
    void undefinedBinaryMetricsAreNaNWithAWarning() {
        List<String> warnings = new ArrayList<>();
        WarningSink sink = WarningSink.collecting(warnings);
        assertTrue(Double.isNaN(Metrics.auroc(new int[] {0, 0, 0}, new double[] {1, 2, 3}).value(sink)));
        assertTrue(Double.isNaN(Metrics.averagePrecision(new int[] {0, 0}, new double[] {1, 2}).value(sink)));
        assertEquals(1.0, Metrics.averagePrecision(new int[] {1, 1}, new double[] {1, 2}).value(sink), 0,
                "all positive: precision 1 at every threshold");
        assertTrue(Double.isNaN(Metrics.auroc(new int[] {1, 1}, new double[] {1, 2}).value(sink)));
        assertEquals(3, warnings.size(), warnings.toString());
        assertEquals("auroc: AUROC is undefined with 0 positive and 3 negative test samples", warnings.get(0));
        assertThrows(IllegalArgumentException.class, () -> Metrics.rocCurve(new int[] {1, 1}, new double[] {1, 2}));
    }

    @Test
    void accuracyAndSubsetAccuracy() {
        assertEquals(0.75, Metrics.accuracy(new int[] {0, 1, 2, 2}, new int[] {0, 1, 2, 0}).value(), 0);
        assertEquals(0.5, Metrics.subsetAccuracy(new int[][] {{1, 0}, {0, 1}}, new int[][] {{1, 0}, {1, 1}}).value(), 0);
        assertEquals(2 / 3.0, Metrics.accuracy(new int[] {0, 1, 2, 2}, new int[] {0, 1, 2, 0})
                .evaluate(new double[] {1, 0, 1, 1}, WarningSink.ignoring()), 1e-15);
    }

    @Test
    void regressionByHand() {
        double[] y = {1, 2, 3, 4};
        double[] p = {1.5, 2, 2, 4};
        assertEquals(0.375, Metrics.mae(y, p).value(), 1e-15);
        assertEquals(Math.sqrt((0.25 + 1) / 4), Metrics.rmse(y, p).value(), 1e-15);
        assertEquals(1 - 1.25 / 5, Metrics.r2(y, p).value(), 1e-15);
        List<String> warnings = new ArrayList<>();
        assertTrue(Double.isNaN(Metrics.r2(new double[] {2, 2}, new double[] {2, 2}).value(WarningSink.collecting(warnings))),
                "R² of constant targets is undefined");
        assertEquals(List.of("r2 is undefined: the test targets are constant"), warnings);
    }

    @Test
    void badInputIsRejectedWithItsPosition() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.auroc(new int[] {0, 1}, new double[] {0.1, Double.NaN}));
        assertTrue(e.getMessage().contains("score of sample 1 is NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Metrics.auroc(new int[] {0, 2}, new double[] {0.1, 0.2}));
        assertTrue(e.getMessage().contains("label of sample 1 is 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Metrics.auroc(new int[] {0, 1}, new double[] {0.1}));
        assertTrue(e.getMessage().contains("2 labels but 1 scores"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.macroAuroc(new int[][] {{0, 1}, {1}}, new double[][] {{0, 1}, {1, 0}}, MacroRule.STRICT));
        assertTrue(e.getMessage().contains("row 1 has 1 labels"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.multiclassAuroc(new int[] {0, 3}, 3, new double[][] {{1, 0, 0}, {0, 1, 0}}, MacroRule.STRICT));
        assertTrue(e.getMessage().contains("label of sample 1 is 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Metrics.auroc(new int[] {0, 1}, new double[] {0, 1})
                .evaluate(new double[] {1, -1}, WarningSink.ignoring()));
        assertTrue(e.getMessage().contains("weight of sample 1 is -1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Metrics.mae(new double[] {1}, new double[] {Double.NaN}));
        assertTrue(e.getMessage().contains("sample 0"), e.getMessage());
    }
}
