package org.jclef.clef.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LogisticRegressionTest {

    private static float[][] features(int n, int d, SplittableRandom r) {
        float[][] x = new float[n][d];
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] = (float) r.nextGaussian();
            }
        }
        return x;
    }

    private static int[][] targets(int n, int k, LogisticRegression.Link link, SplittableRandom r) {
        int[][] y = new int[n][k];
        for (int i = 0; i < n; i++) {
            if (link == LogisticRegression.Link.SOFTMAX) {
                y[i][i % k] = 1;
            } else {
                for (int c = 0; c < k; c++) {
                    y[i][c] = (i + c) % 3 == 0 ? 1 : 0;
                }
            }
        }
        return y;
    }

    @ParameterizedTest
    @EnumSource(LogisticRegression.Link.class)
    void gradientMatchesCentralDifferences(LogisticRegression.Link link) {
        SplittableRandom r = new SplittableRandom(3);
        int n = 30;
        int d = 5;
        int k = 3;
        float[][] x = features(n, d, r);
        int[][] y = targets(n, k, link, r);
        double[] flat = new double[n * k];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                flat[i * k + c] = y[i][c];
            }
        }
        LogisticRegression.Loss loss = new LogisticRegression.Loss(x, flat, k, link, 0.7);
        double[] theta = new double[k * d + k];
        for (int p = 0; p < theta.length; p++) {
            theta[p] = r.nextGaussian();
        }
        double[] gradient = new double[theta.length];
        loss.evaluate(theta, gradient);
        double h = 1e-6;
        double[] scratch = new double[theta.length];
        for (int p = 0; p < theta.length; p++) {
            double[] plus = theta.clone();
            double[] minus = theta.clone();
            plus[p] += h;
            minus[p] -= h;
            double numeric = (loss.evaluate(plus, scratch) - loss.evaluate(minus, scratch)) / (2 * h);
            assertEquals(numeric, gradient[p], 1e-8, link + " parameter " + p);
        }
    }

    @Test
    void warmStartReachesTheSameOptimumSooner() {
        SplittableRandom r = new SplittableRandom(4);
        float[][] x = features(200, 8, r);
        int[] y = new int[200];
        for (int i = 0; i < 200; i++) {
            y[i] = x[i][0] + 0.5 * x[i][1] + r.nextGaussian() > 0 ? 1 : 0;
        }
        LogisticModel cold = LogisticRegression.fitBinary(x, y, 1.0, Lbfgs.Settings.DEFAULT);
        LogisticModel near = LogisticRegression.fitBinary(x, y, 0.9, Lbfgs.Settings.DEFAULT);
        int[][] targets = new int[200][];
        for (int i = 0; i < 200; i++) {
            targets[i] = new int[] {y[i]};
        }
        LogisticModel warm = LogisticRegression.fit(x, targets, LogisticRegression.Link.SIGMOID, 1.0, near,
                Lbfgs.Settings.DEFAULT);
        assertTrue(warm.solver().iterations() < cold.solver().iterations(),
                warm.solver().iterations() + " vs " + cold.solver().iterations());
        double[][] a = cold.probabilities(x);
        double[][] b = warm.probabilities(x);
        for (int i = 0; i < 200; i++) {
            assertEquals(a[i][0], b[i][0], 1e-6);
        }
    }

    @Test
    void constantTargetsAreRejected() {
        float[][] x = features(10, 2, new SplittableRandom(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.fitBinary(x, new int[10], 1, Lbfgs.Settings.DEFAULT));
        assertTrue(e.getMessage().contains("target column 0 has 0 positive of 10"), e.getMessage());
        int[] labels = {0, 1, 0, 1, 0, 1, 0, 1, 0, 1};
        e = assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.fitMultinomial(x, labels, 3, 1, Lbfgs.Settings.DEFAULT));
        assertTrue(e.getMessage().contains("class 2 has 0 positive"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.fitBinary(x, labels, 0, Lbfgs.Settings.DEFAULT));
        assertTrue(e.getMessage().contains("C must be finite and > 0"), e.getMessage());
    }

    @Test
    void linkFunctionsAreStable() {
        assertEquals(1, LogisticRegression.sigmoid(800), 0);
        assertEquals(0, LogisticRegression.sigmoid(-800), 0);
        assertEquals(800, LogisticRegression.log1pExp(800), 0);
        assertEquals(Math.exp(-800), LogisticRegression.log1pExp(-800), 0);
        double[] row = {1000, 1000, -1000};
        LogisticRegression.softmaxInPlace(row);
        assertEquals(0.5, row[0], 0);
        assertEquals(0, row[2], 0);
    }
}
