package org.jclef.clef.eval;

import static org.jclef.clef.eval.SklearnFixture.doubles;
import static org.jclef.clef.eval.SklearnFixture.intMatrix;
import static org.jclef.clef.eval.SklearnFixture.ints;
import static org.jclef.clef.eval.SklearnFixture.matrix;
import static org.jclef.clef.eval.SklearnFixture.number;
import static org.jclef.clef.eval.SklearnFixture.testCase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Metrics against scikit-learn 1.2 values (fixtures/sklearn_eval.json, section "metrics"). */
class SklearnMetricsTest {
    private static final double TOLERANCE = 1e-12;

    @ParameterizedTest
    @ValueSource(strings = {"binary_ties", "binary_distinct", "binary_coarse_ties"})
    void binaryAurocAveragePrecisionAndRocCurve(String name) {
        Map<String, Object> c = testCase("metrics", name);
        int[] y = ints(c, "labels");
        double[] s = doubles(c, "scores");
        assertEquals(number(c, "auroc"), Metrics.auroc(y, s).value(), TOLERANCE);
        assertEquals(number(c, "average_precision"), Metrics.averagePrecision(y, s).value(), TOLERANCE);

        BinaryRanking ranking = BinaryRanking.of(y, s);
        checkCurve(ranking.rocCurve(true), doubles(c, "roc_fpr"), doubles(c, "roc_tpr"), doubles(c, "roc_thresholds"));
        checkCurve(ranking.rocCurve(false), doubles(c, "roc_full_fpr"), doubles(c, "roc_full_tpr"),
                doubles(c, "roc_full_thresholds"));
        assertEquals(number(c, "auroc"), ranking.rocCurve(true).area(), TOLERANCE);
    }

    private static void checkCurve(RocCurve curve, double[] fpr, double[] tpr, double[] thresholds) {
        assertEquals(fpr.length, curve.size(), "number of ROC points");
        for (int i = 0; i < fpr.length; i++) {
            assertEquals(fpr[i], curve.fpr()[i], TOLERANCE, "fpr " + i);
            assertEquals(tpr[i], curve.tpr()[i], TOLERANCE, "tpr " + i);
        }
        // scikit-learn 1.2 writes max + 1 as the first threshold; jclef writes +inf (as sklearn >= 1.3).
        assertEquals(Double.POSITIVE_INFINITY, curve.thresholds()[0]);
        for (int i = 1; i < thresholds.length; i++) {
            assertEquals(thresholds[i], curve.thresholds()[i], 0, "threshold " + i);
        }
    }

    @Test
    void integerSampleWeightsMatchSklearnSampleWeight() {
        Map<String, Object> c = testCase("metrics", "binary_weighted");
        int[] y = ints(c, "labels");
        double[] s = doubles(c, "scores");
        double[] w = doubles(c, "weights");
        WarningSink none = WarningSink.ignoring();
        assertEquals(number(c, "auroc"), Metrics.auroc(y, s).evaluate(w, none), TOLERANCE);
        assertEquals(number(c, "average_precision"), Metrics.averagePrecision(y, s).evaluate(w, none), TOLERANCE);
    }

    @Test
    void multilabelPerLabelAndMacroWithConstantColumns() {
        Map<String, Object> c = testCase("metrics", "multilabel_constant");
        int[][] y = intMatrix(c, "labels");
        double[][] s = matrix(c, "scores");
        double[] aurocRef = doubles(c, "auroc_per_label");
        double[] apRef = doubles(c, "average_precision_per_label");
        BinaryRanking[] columns = Metrics.columnRankings(y, s);
        for (int l = 0; l < columns.length; l++) {
            assertSameOrBothNaN(aurocRef[l], columns[l].auroc(null), "AUROC of label " + l);
            assertSameOrBothNaN(apRef[l], columns[l].averagePrecision(null), "AP of label " + l);
        }
        assertTrue(Double.isNaN(aurocRef[2]) && Double.isNaN(aurocRef[4]), "fixture has two constant columns");

        List<String> warnings = new ArrayList<>();
        WarningSink sink = WarningSink.collecting(warnings);
        assertEquals(number(c, "auroc_macro_defined"),
                Metrics.macroAuroc(y, s, MacroRule.SKIP_UNDEFINED).value(sink), TOLERANCE);
        assertEquals(number(c, "average_precision_macro_defined"),
                Metrics.macroAveragePrecision(y, s, MacroRule.SKIP_UNDEFINED).value(sink), TOLERANCE);
        assertTrue(Double.isNaN(Metrics.macroAuroc(y, s, MacroRule.STRICT).value(sink)));
        assertTrue(Double.isNaN(Metrics.macroAveragePrecision(y, s, MacroRule.STRICT).value(sink)));
        assertEquals(4, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("2 of 6 labels") && warnings.get(0).contains("label 2, 4"),
                warnings.get(0));
        assertTrue(warnings.get(1).contains("1 of 6 labels") && warnings.get(1).contains("label 2"), warnings.get(1));
        assertTrue(warnings.get(2).startsWith("auroc_macro is NaN") && warnings.get(2).contains("STRICT"),
                warnings.get(2));
    }

    @Test
    void multiclassOneVsRestWithAllClassesEqualsSklearnOvrMacro() {
        Map<String, Object> c = testCase("metrics", "multiclass_all_present");
        int[] y = ints(c, "labels");
        int k = (int) number(c, "num_classes");
        double[][] p = matrix(c, "probabilities");
        for (MacroRule rule : MacroRule.values()) {
            assertEquals(number(c, "auroc_ovr_macro"), Metrics.multiclassAuroc(y, k, p, rule).value(), TOLERANCE);
        }
        double[] apRef = doubles(c, "average_precision_per_class");
        assertEquals(Arrays.stream(apRef).average().orElseThrow(),
                Metrics.multiclassAveragePrecision(y, k, p, MacroRule.STRICT).value(), TOLERANCE);
    }

    @Test
    void multiclassWithAnAbsentClass() {
        Map<String, Object> c = testCase("metrics", "multiclass_absent");
        int[] y = ints(c, "labels");
        int k = (int) number(c, "num_classes");
        double[][] p = matrix(c, "probabilities");
        double[] aurocRef = doubles(c, "auroc_per_class");
        BinaryRanking[] rankings = Metrics.oneVsRestRankings(y, k, p);
        for (int j = 0; j < k; j++) {
            assertSameOrBothNaN(aurocRef[j], rankings[j].auroc(null), "AUROC of class " + j);
        }
        double definedMean = Arrays.stream(aurocRef).filter(v -> !Double.isNaN(v)).average().orElseThrow();
        List<String> warnings = new ArrayList<>();
        assertEquals(definedMean, Metrics.multiclassAuroc(y, k, p, MacroRule.SKIP_UNDEFINED)
                .value(WarningSink.collecting(warnings)), TOLERANCE);
        assertTrue(Double.isNaN(Metrics.multiclassAuroc(y, k, p, MacroRule.STRICT)
                .value(WarningSink.collecting(warnings))), "spec §7.4: NaN when a class is absent from the test set");
        assertEquals(2, warnings.size());
        assertTrue(warnings.get(1).contains("class 3"), warnings.get(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"regression", "regression_weighted"})
    void regressionMetrics(String name) {
        Map<String, Object> c = testCase("metrics", name);
        double[] y = doubles(c, "targets");
        double[] pred = doubles(c, "predictions");
        double[] w = c.containsKey("weights") ? doubles(c, "weights") : null;
        WarningSink none = WarningSink.ignoring();
        assertEquals(number(c, "mae"), Metrics.mae(y, pred).evaluate(w, none), 1e-12);
        assertEquals(number(c, "rmse"), Metrics.rmse(y, pred).evaluate(w, none), 1e-12);
        assertEquals(number(c, "r2"), Metrics.r2(y, pred).evaluate(w, none), 1e-12);
    }

    private static void assertSameOrBothNaN(double expected, double actual, String what) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), what + ": expected NaN, got " + actual);
        } else {
            assertEquals(expected, actual, TOLERANCE, what);
        }
    }
}
