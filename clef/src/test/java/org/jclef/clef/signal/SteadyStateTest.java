package org.jclef.clef.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SteadyStateTest {

    /** (I − Aᵀ)·zi − (b₁..ₙ − a₁..ₙ·b₀), A the companion matrix of a: SciPy's lfilter_zi system. */
    static double[] residual(TransferFunction tf, double[] zi) {
        double[] a = tf.a();
        double[] b = tf.b();
        int n = tf.order();
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            m[i][i] = 1;
        }
        // companion(a): first row −a[1:], ones on the sub-diagonal; we need I − companionᵀ.
        for (int j = 0; j < n; j++) {
            m[j][0] -= -a[j + 1];
        }
        for (int i = 0; i + 1 < n; i++) {
            m[i][i + 1] -= 1;
        }
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += m[i][j] * zi[j];
            }
            r[i] = s - (b[i + 1] - a[i + 1] * b[0]);
        }
        return r;
    }

    @Test
    void solvesTheLfilterZiSystem() {
        for (double fs : new double[] {500, 250, 360, 100}) {
            TransferFunction tf = Butterworth.bandPass(5, 0.67, 40, fs);
            for (double r : residual(tf, SteadyState.of(tf))) {
                assertEquals(0.0, r, 1e-12);
            }
        }
    }

    @Test
    void isTheStepResponseSteadyState() {
        Random rnd = new Random(3);
        TransferFunction tf = new TransferFunction(new double[] {0.2, 0.1, -0.05},
                new double[] {1, -0.5 + 0.1 * rnd.nextDouble(), 0.2});
        double[] zi = SteadyState.of(tf);
        double[] z = zi.clone();
        double[] x = {1, 1, 1, 1, 1};
        double[] y = new double[5];
        LinearFilter.filter(tf.b(), tf.a(), z, x, y);
        double gain = (0.2 + 0.1 - 0.05) / (1 + tf.a()[1] + 0.2);
        for (double v : y) {
            assertEquals(gain, v, 1e-15);
        }
        assertEquals(zi[0], z[0], 1e-15);
    }

    @Test
    void bandPassSteadyStateIsTheTailSumOfB() {
        TransferFunction tf = ClefFilterConstants.transferFunction(500);
        double c = tf.b()[0];
        double[] expected = {-1, -1, 4, 4, -6, -6, 4, 4, -1, -1};
        double[] zi = SteadyState.of(tf);
        for (int i = 0; i < 10; i++) {
            assertEquals(c * expected[i], zi[i], 1e-18);
        }
        double[] parity = ClefFilterConstants.referenceInitialState(500);
        assertTrue(Math.abs(parity[0] - zi[0]) > 1e-6, "the parity zi is not the exact steady state");
    }
}
