package org.jclef.clef.eval;

import java.util.stream.IntStream;

/**
 * The dense products behind the linear probes, on rows x[N][D] (float, as embeddings are stored)
 * with double parameters and double accumulation. Work is split into fixed blocks of rows or
 * columns, each block's sums run in a fixed order and blocks write disjoint outputs, so results
 * are bitwise identical for any number of threads.
 */
final class DenseKernels {
    private static final int ROW_BLOCK = 128;
    private static final int COLUMN_BLOCK = 128;

    private DenseKernels() {
    }

    /**
     * z = x·Wᵀ + b.
     *
     * @param x [N][D]
     * @param weights [K·D], row c holds output c's weights
     * @param bias [K]
     * @param z [N·K] output, row-major
     */
    static void linear(float[][] x, double[] weights, double[] bias, double[] z) {
        int n = x.length;
        int k = bias.length;
        IntStream.range(0, blocks(n, ROW_BLOCK)).parallel().forEach(block -> {
            int end = Math.min(n, (block + 1) * ROW_BLOCK);
            for (int i = block * ROW_BLOCK; i < end; i++) {
                float[] row = x[i];
                int d = row.length;
                for (int c = 0; c < k; c++) {
                    z[i * k + c] = bias[c] + dot(row, weights, c * d);
                }
            }
        });
    }

    /** Reference for {@link #linear}: one plain sum per output, in index order. */
    static void linearReference(float[][] x, double[] weights, double[] bias, double[] z) {
        int k = bias.length;
        for (int i = 0; i < x.length; i++) {
            int d = x[i].length;
            for (int c = 0; c < k; c++) {
                double sum = 0;
                for (int j = 0; j < d; j++) {
                    sum += x[i][j] * weights[c * d + j];
                }
                z[i * k + c] = bias[c] + sum;
            }
        }
    }

    /**
     * out = rᵀ·x: out[c·D + j] = Σᵢ r[i·K + c]·x[i][j], summed over i in increasing order.
     *
     * @param x [N][D]
     * @param r [N·K], row-major
     * @param out [K·D], overwritten
     */
    static void transposedProduct(float[][] x, double[] r, int k, double[] out) {
        int n = x.length;
        int d = out.length / k;
        IntStream.range(0, blocks(d, COLUMN_BLOCK)).parallel().forEach(block -> {
            int from = block * COLUMN_BLOCK;
            int to = Math.min(d, from + COLUMN_BLOCK);
            for (int c = 0; c < k; c++) {
                for (int j = from; j < to; j++) {
                    out[c * d + j] = 0;
                }
            }
            for (int i = 0; i < n; i++) {
                float[] row = x[i];
                for (int c = 0; c < k; c++) {
                    double ric = r[i * k + c];
                    if (ric == 0) {
                        continue;
                    }
                    int offset = c * d;
                    for (int j = from; j < to; j++) {
                        out[offset + j] += ric * row[j];
                    }
                }
            }
        });
    }

    /** Reference for {@link #transposedProduct}. */
    static void transposedProductReference(float[][] x, double[] r, int k, double[] out) {
        int d = out.length / k;
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                double sum = 0;
                for (int i = 0; i < x.length; i++) {
                    sum += r[i * k + c] * x[i][j];
                }
                out[c * d + j] = sum;
            }
        }
    }

    /**
     * The centred Gram matrix G = Σᵢ (xᵢ − m)(xᵢ − m)ᵀ, full and symmetric.
     *
     * @param x [N][D]
     * @param mean [D], m
     * @return [D][D]
     */
    static double[][] centredGram(float[][] x, double[] mean) {
        int n = x.length;
        int d = mean.length;
        double[][] gram = new double[d][d];
        double[][] columns = new double[d][ROW_BLOCK];
        for (int start = 0; start < n; start += ROW_BLOCK) {
            int rows = Math.min(ROW_BLOCK, n - start);
            for (int r = 0; r < rows; r++) {
                float[] row = x[start + r];
                for (int j = 0; j < d; j++) {
                    columns[j][r] = row[j] - mean[j];
                }
            }
            IntStream.range(0, d).parallel().forEach(j -> {
                double[] cj = columns[j];
                double[] gj = gram[j];
                for (int l = j; l < d; l++) {
                    gj[l] += dot(cj, columns[l], rows);
                }
            });
        }
        for (int j = 0; j < d; j++) {
            for (int l = 0; l < j; l++) {
                gram[j][l] = gram[l][j];
            }
        }
        return gram;
    }

    /** Reference for {@link #centredGram}. */
    static double[][] centredGramReference(float[][] x, double[] mean) {
        int d = mean.length;
        double[][] gram = new double[d][d];
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                for (int l = 0; l < d; l++) {
                    gram[j][l] += (row[j] - mean[j]) * (row[l] - mean[l]);
                }
            }
        }
        return gram;
    }

    /** Σⱼ row[j]·w[offset + j] with four interleaved partial sums. */
    static double dot(float[] row, double[] w, int offset) {
        int d = row.length;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 3 < d; j += 4) {
            s0 += row[j] * w[offset + j];
            s1 += row[j + 1] * w[offset + j + 1];
            s2 += row[j + 2] * w[offset + j + 2];
            s3 += row[j + 3] * w[offset + j + 3];
        }
        for (; j < d; j++) {
            s0 += row[j] * w[offset + j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Σ a[r]·b[r] for r < length, with four interleaved partial sums. */
    static double dot(double[] a, double[] b, int length) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int r = 0;
        for (; r + 3 < length; r += 4) {
            s0 += a[r] * b[r];
            s1 += a[r + 1] * b[r + 1];
            s2 += a[r + 2] * b[r + 2];
            s3 += a[r + 3] * b[r + 3];
        }
        for (; r < length; r++) {
            s0 += a[r] * b[r];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static int blocks(int n, int size) {
        return (n + size - 1) / size;
    }
}
