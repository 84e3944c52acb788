package org.jclef.clef.eval;

/**
 * Cholesky factorisation A = L·Lᵀ of a symmetric positive-definite matrix and the solve of
 * A·x = b with it (row-oriented, Cholesky–Banachiewicz: each entry is one contiguous dot product).
 */
final class Cholesky {
    private final double[][] lower;

    private Cholesky(double[][] lower) {
        this.lower = lower;
    }

    /**
     * Factors A + shift·I, reading only the lower triangle of A (not modified).
     *
     * @throws IllegalArgumentException when the matrix is not positive definite (to rounding)
     */
    static Cholesky factor(double[][] a, double shift) {
        int d = a.length;
        double[][] l = new double[d][];
        for (int i = 0; i < d; i++) {
            l[i] = new double[i + 1];
            double[] li = l[i];
            for (int j = 0; j <= i; j++) {
                double sum = a[i][j] + (i == j ? shift : 0) - DenseKernels.dot(li, l[j], j);
                if (i == j) {
                    if (!(sum > 0)) {
                        throw new IllegalArgumentException("Cholesky: the " + d + "×" + d
                                + " matrix is not positive definite (pivot " + i + " is " + sum + ")");
                    }
                    li[i] = Math.sqrt(sum);
                } else {
                    li[j] = sum / l[j][j];
                }
            }
        }
        return new Cholesky(l);
    }

    /** x with (L·Lᵀ)·x = b. */
    double[] solve(double[] b) {
        int d = lower.length;
        double[] y = new double[d];
        for (int i = 0; i < d; i++) {
            y[i] = (b[i] - DenseKernels.dot(lower[i], y, i)) / lower[i][i];
        }
        double[] x = new double[d];
        for (int i = d - 1; i >= 0; i--) {
            double sum = y[i];
            for (int k = i + 1; k < d; k++) {
                sum -= lower[k][i] * x[k];
            }
            x[i] = sum / lower[i][i];
        }
        return x;
    }
}
