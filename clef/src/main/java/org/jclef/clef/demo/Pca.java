package org.jclef.clef.demo;

import java.util.SplittableRandom;

/**
 * The first principal components of a set of embeddings, for scatter plots: the rows are centred
 * (not scaled), and the leading eigenvectors of their covariance are found by power iteration with
 * deflation, each started from a seeded random vector. The sign of each component is fixed so that
 * its largest-magnitude coordinate is positive, which makes the projection deterministic.
 */
public final class Pca {
    private static final int ITERATIONS = 500;
    private static final double TOLERANCE = 1e-12;

    private final double[] mean;
    private final double[][] components;
    private final double[] variances;
    private final double totalVariance;

    private Pca(double[] mean, double[][] components, double[] variances, double totalVariance) {
        this.mean = mean;
        this.components = components;
        this.variances = variances;
        this.totalVariance = totalVariance;
    }

    /** Fits {@code k} components to {@code x: [N][D]} (N ≥ 2). */
    public static Pca fit(float[][] x, int k) {
        int n = x.length;
        if (n < 2) {
            throw new IllegalArgumentException("PCA: need at least 2 rows, got " + n);
        }
        int d = x[0].length;
        if (k < 1 || k > d) {
            throw new IllegalArgumentException("PCA: " + k + " components of " + d + " features");
        }
        double[] mean = new double[d];
        for (float[] row : x) {
            if (row.length != d) {
                throw new IllegalArgumentException("PCA: rows differ in length (" + row.length + " vs " + d + ")");
            }
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / (double) n;
            }
        }
        double[][] cov = new double[d][d];
        for (float[] row : x) {
            for (int a = 0; a < d; a++) {
                double ca = row[a] - mean[a];
                for (int b = a; b < d; b++) {
                    cov[a][b] += ca * (row[b] - mean[b]);
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                cov[a][b] /= n - 1;
                cov[b][a] = cov[a][b];
            }
        }
        double total = 0;
        for (int a = 0; a < d; a++) {
            total += cov[a][a];
        }
        SplittableRandom random = new SplittableRandom(7);
        double[][] components = new double[k][];
        double[] variances = new double[k];
        for (int c = 0; c < k; c++) {
            double[] v = new double[d];
            for (int j = 0; j < d; j++) {
                v[j] = random.nextDouble() - 0.5;
            }
            normalise(v);
            double lambda = 0;
            for (int it = 0; it < ITERATIONS; it++) {
                double[] w = multiply(cov, v);
                double norm = normalise(w);
                boolean converged = Math.abs(norm - lambda) <= TOLERANCE * Math.max(1, norm);
                lambda = norm;
                v = w;
                if (converged || norm == 0) {
                    break;
                }
            }
            fixSign(v);
            components[c] = v;
            variances[c] = lambda;
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    cov[a][b] -= lambda * v[a] * v[b];
                }
            }
        }
        return new Pca(mean, components, variances, total);
    }

    /** {@code x: [N][D]} → the projections {@code [N][k]}. */
    public double[][] project(float[][] x) {
        double[][] out = new double[x.length][components.length];
        for (int i = 0; i < x.length; i++) {
            for (int c = 0; c < components.length; c++) {
                double s = 0;
                for (int j = 0; j < mean.length; j++) {
                    s += (x[i][j] - mean[j]) * components[c][j];
                }
                out[i][c] = s;
            }
        }
        return out;
    }

    /** The variance along each component (the covariance's leading eigenvalues). */
    public double[] variances() {
        return variances.clone();
    }

    /** The fraction of the total variance along component {@code c} (0 when the data has none). */
    public double explained(int c) {
        return totalVariance > 0 ? variances[c] / totalVariance : 0;
    }

    /** Component {@code c} as a unit vector. */
    public double[] component(int c) {
        return components[c].clone();
    }

    private static double[] multiply(double[][] m, double[] v) {
        double[] out = new double[v.length];
        for (int a = 0; a < v.length; a++) {
            double s = 0;
            for (int b = 0; b < v.length; b++) {
                s += m[a][b] * v[b];
            }
            out[a] = s;
        }
        return out;
    }

    /** Scales {@code v} to unit length in place and returns its former length. */
    private static double normalise(double[] v) {
        double s = 0;
        for (double e : v) {
            s += e * e;
        }
        double norm = Math.sqrt(s);
        if (norm > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= norm;
            }
        }
        return norm;
    }

    private static void fixSign(double[] v) {
        int largest = 0;
        for (int i = 1; i < v.length; i++) {
            if (Math.abs(v[i]) > Math.abs(v[largest])) {
                largest = i;
            }
        }
        if (v[largest] < 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] = -v[i];
            }
        }
    }
}
