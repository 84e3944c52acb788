package org.jclef.clef.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PcaTest {

    /** Points along (3, 4)/5 with spread 10 plus a small orthogonal spread 1, centred at (7, −2). */
    private static float[][] ellipse(int n) {
        SplittableRandom random = new SplittableRandom(1);
        float[][] x = new float[n][2];
        for (int i = 0; i < n; i++) {
            double a = 10 * random.nextGaussian();
            double b = random.nextGaussian();
            x[i][0] = (float) (7 + a * 0.6 - b * 0.8);
            x[i][1] = (float) (-2 + a * 0.8 + b * 0.6);
        }
        return x;
    }

    @Test
    void findsTheDirectionsOfLargestVariance() {
        Pca pca = Pca.fit(ellipse(4000), 2);
        double[] first = pca.component(0);
        assertEquals(0.6, first[0], 0.02);
        assertEquals(0.8, first[1], 0.02);
        double[] second = pca.component(1);
        assertEquals(0.0, first[0] * second[0] + first[1] * second[1], 1e-6);
        assertEquals(100, pca.variances()[0], 6);
        assertEquals(1, pca.variances()[1], 0.1);
        assertEquals(1.0, pca.explained(0) + pca.explained(1), 1e-9);
        assertTrue(pca.explained(0) > 0.98);
    }

    @Test
    void projectionsAreCentredAndDeterministic() {
        float[][] x = ellipse(500);
        double[][] z = Pca.fit(x, 2).project(x);
        double mean0 = 0;
        for (double[] row : z) {
            mean0 += row[0] / z.length;
        }
        assertEquals(0, mean0, 1e-4);
        double[][] again = Pca.fit(x, 2).project(x);
        for (int i = 0; i < z.length; i++) {
            assertArrayEquals(z[i], again[i]);
        }
    }

    @Test
    void badShapesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Pca.fit(new float[1][3], 1));
        assertThrows(IllegalArgumentException.class, () -> Pca.fit(new float[4][3], 4));
        assertThrows(IllegalArgumentException.class, () -> Pca.fit(new float[][] {{1, 2}, {3}}, 1));
    }
}
