package org.jclef.clef.eval;

import static org.jclef.clef.eval.SklearnFixture.doubles;
import static org.jclef.clef.eval.SklearnFixture.floatMatrix;
import static org.jclef.clef.eval.SklearnFixture.intMatrix;
import static org.jclef.clef.eval.SklearnFixture.ints;
import static org.jclef.clef.eval.SklearnFixture.list;
import static org.jclef.clef.eval.SklearnFixture.matrix;
import static org.jclef.clef.eval.SklearnFixture.number;
import static org.jclef.clef.eval.SklearnFixture.testCase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Standardizer, logistic regression and ridge against scikit-learn 1.2 (fixtures/sklearn_eval.json,
 * sections "logistic" and "ridge"). Features are float32 as embeddings are; the references are
 * float64 fits on the same float32 values.
 *
 * <p>Two logistic references: scikit-learn's own probabilities (its lbfgs call stops on scipy's
 * default relative function tolerance, ≈ 3e-5 from the optimum in probability on these cases),
 * held to 1e-4; and the exact optimum of the problem jclef solves (the standardised features
 * rounded to float32; Newton-polished, gradient < 1e-10), held to 5e-6: the default solver stops
 * at max |∇f|/N ≤ 1e-8, which leaves up to 2e-6 on the weakly regularised cases. Ridge is solved
 * exactly; its differences (relative ~2e-8) come from the float32 rounding of the standardised
 * features.
 */
class SklearnModelsTest {
    private static final double SKLEARN_PROBABILITY_TOLERANCE = 1e-4;
    private static final double OPTIMUM_PROBABILITY_TOLERANCE = 5e-6;

    @ParameterizedTest
    @ValueSource(strings = {"binary", "multinomial", "multilabel", "wide_binary"})
    void logisticRegressionMatchesSklearn(String name) {
        Map<String, Object> c = testCase("logistic", name);
        float[][] rawTrain = floatMatrix(c, "x_train");
        Standardizer standardizer = Standardizer.fit(rawTrain);
        checkStandardizer(standardizer, c);
        float[][] xTrain = standardizer.transform(rawTrain);
        float[][] xTest = standardizer.transform(floatMatrix(c, "x_test"));
        String kind = (String) c.get("kind");
        int k = (int) number(c, "num_outputs");
        for (Object fitObject : list(c, "fits")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> fit = (Map<String, Object>) fitObject;
            double cValue = number(fit, "C");
            LogisticModel model = switch (kind) {
                case "binary" -> LogisticRegression.fitBinary(xTrain, ints(c, "y_train"), cValue, Lbfgs.Settings.DEFAULT);
                case "multinomial" -> LogisticRegression.fitMultinomial(xTrain, ints(c, "y_train"), k, cValue,
                        Lbfgs.Settings.DEFAULT);
                case "multilabel" -> LogisticRegression.fitOneVsRest(xTrain, intMatrix(c, "y_train"), cValue,
                        Lbfgs.Settings.DEFAULT);
                default -> throw new IllegalStateException(kind);
            };
            assertTrue(model.solver().status().converged(), model.solver().toString());
            double[][] p = model.probabilities(xTest);
            double vsSklearn = maxAbsDiff(p, matrix(fit, "probabilities"));
            double vsOptimum = maxAbsDiff(p, matrix(fit, "optimum_probabilities"));
            double coefVsOptimum = maxAbsDiff(rows(model.weights(), k), matrix(fit, "optimum_coef"));
            System.out.printf(Locale.ROOT, "logistic %-12s C=%-6s %3d iterations (%s): max |p - p_sklearn| %.2e, "
                    + "max |p - p_optimum| %.2e, max |W - W_optimum| %.2e%n", name, cValue,
                    model.solver().iterations(), model.solver().status(), vsSklearn, vsOptimum, coefVsOptimum);
            assertTrue(vsSklearn <= SKLEARN_PROBABILITY_TOLERANCE, name + " C=" + cValue + ": " + vsSklearn);
            assertTrue(vsOptimum <= OPTIMUM_PROBABILITY_TOLERANCE, name + " C=" + cValue + ": " + vsOptimum);
            assertTrue(coefVsOptimum <= 1e-4, name + " C=" + cValue + " coefficients: " + coefVsOptimum);
            if (kind.equals("multinomial")) {
                for (double[] row : p) {
                    assertEquals(1, row[0] + row[1] + row[2] + row[3], 1e-12);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tall", "wide"})
    void ridgeMatchesSklearn(String name) {
        Map<String, Object> c = testCase("ridge", name);
        float[][] rawTrain = floatMatrix(c, "x_train");
        Standardizer standardizer = Standardizer.fit(rawTrain);
        float[][] xTrain = standardizer.transform(rawTrain);
        float[][] xTest = standardizer.transform(floatMatrix(c, "x_test"));
        List<Object> fits = list(c, "fits");
        double[] alphas = new double[fits.size()];
        for (int a = 0; a < alphas.length; a++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> fit = (Map<String, Object>) fits.get(a);
            alphas[a] = number(fit, "alpha");
        }
        List<RidgeModel> models = RidgeRegression.fit(xTrain, doubles(c, "y_train"), alphas);
        for (int a = 0; a < alphas.length; a++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> fit = (Map<String, Object>) fits.get(a);
            double[] predictions = models.get(a).predict(xTest);
            double[] expected = doubles(fit, "predictions");
            double diff = 0;
            double scale = 0;
            for (int i = 0; i < expected.length; i++) {
                diff = Math.max(diff, Math.abs(predictions[i] - expected[i]));
                scale = Math.max(scale, Math.abs(expected[i]));
            }
            double coefDiff = maxAbsDiff(new double[][] {models.get(a).weights()}, new double[][] {doubles(fit, "coef")});
            System.out.printf(Locale.ROOT, "ridge %-5s alpha=%-6s: max |y - y_sklearn| %.2e (targets ~%.0f), "
                    + "max |w - w_sklearn| %.2e%n", name, alphas[a], diff, scale, coefDiff);
            assertTrue(diff <= 1e-5 * scale, name + " alpha=" + alphas[a] + ": " + diff);
            assertEquals(number(fit, "intercept"), models.get(a).intercept(), 1e-7 * scale);
        }
    }

    private static void checkStandardizer(Standardizer s, Map<String, Object> c) {
        double[] mean = doubles(c, "scaler_mean");
        double[] scale = doubles(c, "scaler_scale");
        for (int j = 0; j < mean.length; j++) {
            assertEquals(mean[j], s.mean()[j], 1e-12 * Math.max(1, Math.abs(mean[j])), "mean " + j);
            assertEquals(scale[j], s.scale()[j], 1e-12 * scale[j], "scale " + j);
        }
    }

    private static double[][] rows(double[] flat, int k) {
        int d = flat.length / k;
        double[][] out = new double[k][d];
        for (int c = 0; c < k; c++) {
            System.arraycopy(flat, c * d, out[c], 0, d);
        }
        return out;
    }

    private static double maxAbsDiff(double[][] a, double[][] b) {
        assertEquals(b.length, a.length, "rows");
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            assertEquals(b[i].length, a[i].length, "columns of row " + i);
            for (int j = 0; j < a[i].length; j++) {
                max = Math.max(max, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return max;
    }
}
