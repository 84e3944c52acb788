package org.jclef.clef.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LbfgsTest {

    @Test
    void minimisesAnIllConditionedQuadratic() {
        double[] scale = {1, 10, 100, 1000};
        Lbfgs.Result r = Lbfgs.minimize((x, g) -> {
            double f = 0;
            for (int i = 0; i < x.length; i++) {
                double d = x[i] - (i + 1);
                f += 0.5 * scale[i] * d * d;
                g[i] = scale[i] * d;
            }
            return f;
        }, new double[4], Lbfgs.Settings.DEFAULT);
        assertTrue(r.status().converged(), r.toString());
        for (int i = 0; i < 4; i++) {
            assertEquals(i + 1, r.x()[i], 1e-9);
        }
    }

    @Test
    void minimisesRosenbrock() {
        Lbfgs.Result r = Lbfgs.minimize((x, g) -> {
            double a = 1 - x[0];
            double b = x[1] - x[0] * x[0];
            g[0] = -2 * a - 400 * x[0] * b;
            g[1] = 200 * b;
            return a * a + 100 * b * b;
        }, new double[] {-1.2, 1}, Lbfgs.Settings.DEFAULT);
        assertEquals(1, r.x()[0], 1e-6);
        assertEquals(1, r.x()[1], 1e-6);
        assertTrue(r.iterations() < 100, "iterations " + r.iterations());
    }

    @Test
    void iterationBudgetIsReported() {
        Lbfgs.Result r = Lbfgs.minimize((x, g) -> {
            double a = 1 - x[0];
            double b = x[1] - x[0] * x[0];
            g[0] = -2 * a - 400 * x[0] * b;
            g[1] = 200 * b;
            return a * a + 100 * b * b;
        }, new double[] {-1.2, 1}, Lbfgs.Settings.DEFAULT.withMaxIterations(3));
        assertEquals(Lbfgs.Status.MAX_ITERATIONS, r.status());
        assertEquals(3, r.iterations());
    }

    @Test
    void cubicMinimizerFindsTheVertexAndStaysInside() {
        // f(a) = (a − 0.3)²: values and slopes at 0 and 1
        double t = Lbfgs.cubicMinimizer(0, 0.09, -0.6, 1, 0.49, 1.4);
        assertEquals(0.3, t, 1e-12);
        double clamped = Lbfgs.cubicMinimizer(0, 0, -1, 1, -2, -1);
        assertTrue(clamped >= 0.1 && clamped <= 0.9, "kept inside the interval: " + clamped);
    }

    @Test
    void nonFiniteObjectiveIsAnError() {
        assertThrows(IllegalStateException.class,
                () -> Lbfgs.minimize((x, g) -> Double.NaN, new double[1], Lbfgs.Settings.DEFAULT));
    }
}
