package org.jclef.clef.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The blocked, parallel kernels against their plain references on awkward shapes. */
class DenseKernelsTest {

    private static float[][] rows(int n, int d, SplittableRandom r) {
        float[][] x = new float[n][d];
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] = (float) (r.nextGaussian() * 3 + 1);
            }
        }
        return x;
    }

    private static double[] vector(int n, SplittableRandom r) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextGaussian();
        }
        return v;
    }

    @ParameterizedTest
    @CsvSource({"1,1,1", "3,5,2", "130,7,3", "257,129,1", "300,131,5"})
    void kernelsMatchTheirReferences(int n, int d, int k) {
        SplittableRandom r = new SplittableRandom(n * 31L + d);
        float[][] x = rows(n, d, r);
        double[] w = vector(k * d, r);
        double[] b = vector(k, r);
        double[] z = new double[n * k];
        double[] zRef = new double[n * k];
        DenseKernels.linear(x, w, b, z);
        DenseKernels.linearReference(x, w, b, zRef);
        assertArrayEquals(zRef, z, 1e-11 * Math.sqrt(d));

        double[] g = new double[k * d];
        double[] gRef = new double[k * d];
        DenseKernels.transposedProduct(x, zRef, k, g);
        DenseKernels.transposedProductReference(x, zRef, k, gRef);
        assertArrayEquals(gRef, g, 1e-10 * n);

        double[] mean = vector(d, r);
        double[][] gram = DenseKernels.centredGram(x, mean);
        double[][] gramRef = DenseKernels.centredGramReference(x, mean);
        for (int j = 0; j < d; j++) {
            assertArrayEquals(gramRef[j], gram[j], 1e-9 * n);
            for (int l = 0; l < d; l++) {
                assertEquals(gram[j][l], gram[l][j], 0, "symmetric");
            }
        }
    }

    @Test
    void repeatedRunsAreBitwiseIdentical() {
        SplittableRandom r = new SplittableRandom(8);
        float[][] x = rows(1000, 300, r);
        double[] res = vector(1000 * 2, r);
        double[] a = new double[600];
        double[] b = new double[600];
        DenseKernels.transposedProduct(x, res, 2, a);
        DenseKernels.transposedProduct(x, res, 2, b);
        assertArrayEquals(a, b, 0);
    }

    @Test
    void fitsAreBitwiseIdenticalForAnyNumberOfThreads() throws Exception {
        SplittableRandom r = new SplittableRandom(9);
        float[][] x = rows(700, 150, r);
        int[][] y = new int[700][3];
        for (int i = 0; i < 700; i++) {
            for (int c = 0; c < 3; c++) {
                y[i][c] = x[i][c] + r.nextGaussian() > 1 ? 1 : 0;
            }
        }
        Callable<double[]> fit = () -> LogisticRegression.fitOneVsRest(x, y, 0.5, Lbfgs.Settings.DEFAULT).weights();
        double[] reference = fit.call();
        for (int threads : new int[] {1, 3}) {
            ForkJoinPool pool = new ForkJoinPool(threads);
            try {
                assertArrayEquals(reference, pool.submit(fit).get(), 0, threads + " threads");
            } finally {
                pool.shutdown();
            }
        }
    }

    @Test
    void choleskySolvesAndRejectsIndefiniteMatrices() {
        double[][] a = {{4, 2, 0.4}, {2, 5, 1}, {0.4, 1, 3}};
        double[] x = {1, -2, 0.5};
        double[] b = new double[3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                b[i] += (a[i][j] + (i == j ? 0.5 : 0)) * x[j];
            }
        }
        assertArrayEquals(x, Cholesky.factor(a, 0.5).solve(b), 1e-14);
        assertThrows(IllegalArgumentException.class, () -> Cholesky.factor(new double[][] {{1, 2}, {2, 1}}, 0));
    }
}
