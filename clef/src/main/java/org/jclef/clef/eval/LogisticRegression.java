package org.jclef.clef.eval;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * L2-regularised logistic regression fitted with {@link Lbfgs}, as scikit-learn's
 * {@code LogisticRegression(penalty='l2', C=c, solver='lbfgs')}: it minimises
 *
 * <pre>
 *   Σᵢ loss(zᵢ, yᵢ) + ‖W‖² / (2C),     zᵢ = W·xᵢ + b  (the intercepts b are not penalised)
 * </pre>
 *
 * <ul>
 * <li>{@link Link#SIGMOID}: loss = Σ_c log(1 + e^{z_c}) − y_c·z_c. With one output this is
 *     binary logistic regression; with K outputs it is K independent binary problems
 *     (one-vs-rest multilabel) solved jointly — the sum's minimiser is each problem's minimiser,
 *     and the gradient tolerance holds for every label.</li>
 * <li>{@link Link#SOFTMAX}: loss = log Σ_c e^{z_c} − z_y, the multinomial model with K full
 *     weight rows (scikit-learn's {@code multi_class='multinomial'}, its default for lbfgs).</li>
 * </ul>
 *
 * <p>The solver sees the objective divided by N, so the tolerances mean the same for any N;
 * the minimiser is unchanged. It starts at zero (or at a warm start) and is deterministic.
 *
 * <pre>{@code
 * LogisticModel m = LogisticRegression.fitBinary(trainX, trainY, 1.0, Lbfgs.Settings.DEFAULT);
 * double[][] p = m.probabilities(testX);      // p[i][0] = P(y = 1 | x_i)
 * }</pre>
 */
public final class LogisticRegression {
    private static final int ROW_BLOCK = 256;

    /** How logits turn into probabilities. */
    public enum Link { SIGMOID, SOFTMAX }

    private LogisticRegression() {
    }

    /** Binary labels (0/1). */
    public static LogisticModel fitBinary(float[][] x, int[] labels, double c, Lbfgs.Settings settings) {
        int[][] targets = new int[labels.length][];
        for (int i = 0; i < labels.length; i++) {
            targets[i] = new int[] {labels[i]};
        }
        return fit(x, targets, Link.SIGMOID, c, null, settings);
    }

    /** Multinomial model of class labels in [0, numClasses); every class must occur. */
    public static LogisticModel fitMultinomial(float[][] x, int[] labels, int numClasses, double c,
                                               Lbfgs.Settings settings) {
        int[][] targets = new int[labels.length][numClasses];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("LogisticRegression.fitMultinomial: label of sample " + i + " is "
                        + labels[i] + ", expected 0 … " + (numClasses - 1));
            }
            targets[i][labels[i]] = 1;
        }
        return fit(x, targets, Link.SOFTMAX, c, null, settings);
    }

    /** One-vs-rest models of multilabel targets [N][L] (0/1), one per column, fitted jointly. */
    public static LogisticModel fitOneVsRest(float[][] x, int[][] labels, double c, Lbfgs.Settings settings) {
        return fit(x, labels, Link.SIGMOID, c, null, settings);
    }

    /**
     * The general fit.
     *
     * @param x features [N][D]
     * @param targets [N][K], 0/1; for SOFTMAX each row is one-hot
     * @param c inverse regularisation strength, > 0
     * @param warmStart a model of the same shape to start from (e.g. the previous C of a grid), or
     *        null to start at zero
     * @throws IllegalArgumentException when a target column is constant (SIGMOID) or a class is
     *         absent (SOFTMAX): its unpenalised intercept would diverge
     */
    public static LogisticModel fit(float[][] x, int[][] targets, Link link, double c, LogisticModel warmStart,
                                    Lbfgs.Settings settings) {
        int d = Standardizer.checkMatrix(x, -1, "LogisticRegression.fit");
        int n = x.length;
        if (targets.length != n) {
            throw new IllegalArgumentException("LogisticRegression.fit: " + n + " rows but " + targets.length
                    + " target rows");
        }
        if (!(c > 0) || !Double.isFinite(c)) {
            throw new IllegalArgumentException("LogisticRegression.fit: C must be finite and > 0, got " + c);
        }
        int k = targets[0].length;
        if (k == 0 || (link == Link.SOFTMAX && k < 2)) {
            throw new IllegalArgumentException("LogisticRegression.fit: " + k + " target columns for " + link);
        }
        double[] y = new double[n * k];
        int[] positives = new int[k];
        for (int i = 0; i < n; i++) {
            if (targets[i].length != k) {
                throw new IllegalArgumentException("LogisticRegression.fit: target row " + i + " has "
                        + targets[i].length + " entries, expected " + k);
            }
            int ones = 0;
            for (int j = 0; j < k; j++) {
                int t = targets[i][j];
                if (t != 0 && t != 1) {
                    throw new IllegalArgumentException("LogisticRegression.fit: target [" + i + "][" + j + "] is " + t
                            + ", expected 0 or 1");
                }
                y[i * k + j] = t;
                positives[j] += t;
                ones += t;
            }
            if (link == Link.SOFTMAX && ones != 1) {
                throw new IllegalArgumentException("LogisticRegression.fit: target row " + i + " has " + ones
                        + " ones, expected one-hot for SOFTMAX");
            }
        }
        for (int j = 0; j < k; j++) {
            if (positives[j] == 0 || (link == Link.SIGMOID && positives[j] == n)) {
                throw new IllegalArgumentException("LogisticRegression.fit: " + (link == Link.SOFTMAX ? "class " : "target column ")
                        + j + " has " + positives[j] + " positive of " + n + " training samples; its intercept "
                        + "would diverge (leave the " + (link == Link.SOFTMAX ? "class" : "column") + " out)");
            }
        }
        double[] start = new double[k * d + k];
        if (warmStart != null) {
            if (warmStart.outputs() != k || warmStart.features() != d || warmStart.link() != link) {
                throw new IllegalArgumentException("LogisticRegression.fit: the warm start has " + warmStart.outputs()
                        + " outputs, " + warmStart.features() + " features and link " + warmStart.link()
                        + ", expected " + k + ", " + d + " and " + link);
            }
            System.arraycopy(warmStart.weights(), 0, start, 0, k * d);
            System.arraycopy(warmStart.intercepts(), 0, start, k * d, k);
        }
        Loss loss = new Loss(x, y, k, link, c);
        Lbfgs.Result result = Lbfgs.minimize(loss, start, settings);
        double[] theta = result.x();
        return new LogisticModel(link, Arrays.copyOf(theta, k * d), Arrays.copyOfRange(theta, k * d, k * d + k), c,
                result);
    }

    /**
     * The objective divided by N, over θ = [W (K·D, row-major), b (K)].
     *
     * <pre>
     *   f(θ) = (1/N)·(Σᵢ loss(zᵢ, yᵢ) + ‖W‖²/(2C))
     *   ∂f/∂W_c = (1/N)·(Σᵢ r_ic·xᵢ + W_c/C),   ∂f/∂b_c = (1/N)·Σᵢ r_ic,   r = p − y
     * </pre>
     */
    static final class Loss implements Lbfgs.Objective {
        private final float[][] x;
        private final double[] y;
        private final int k;
        private final int d;
        private final Link link;
        private final double c;
        private final double[] z;
        private final double[] blockLoss;
        private final double[] weightGradient;

        Loss(float[][] x, double[] y, int k, Link link, double c) {
            this.x = x;
            this.y = y;
            this.k = k;
            this.d = x[0].length;
            this.link = link;
            this.c = c;
            this.z = new double[x.length * k];
            this.blockLoss = new double[(x.length + ROW_BLOCK - 1) / ROW_BLOCK];
            this.weightGradient = new double[k * d];
        }

        @Override
        public double evaluate(double[] theta, double[] gradient) {
            int n = x.length;
            double[] weights = Arrays.copyOf(theta, k * d);
            double[] bias = Arrays.copyOfRange(theta, k * d, k * d + k);
            DenseKernels.linear(x, weights, bias, z);
            IntStream.range(0, blockLoss.length).parallel().forEach(block -> {
                int end = Math.min(n, (block + 1) * ROW_BLOCK);
                double sum = 0;
                for (int i = block * ROW_BLOCK; i < end; i++) {
                    sum += link == Link.SIGMOID ? sigmoidRow(i) : softmaxRow(i);
                }
                blockLoss[block] = sum;
            });
            double total = 0;
            for (double v : blockLoss) {
                total += v;
            }
            DenseKernels.transposedProduct(x, z, k, weightGradient);
            double penalty = 0;
            for (int p = 0; p < k * d; p++) {
                penalty += weights[p] * weights[p];
                gradient[p] = (weightGradient[p] + weights[p] / c) / n;
            }
            for (int j = 0; j < k; j++) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += z[i * k + j];
                }
                gradient[k * d + j] = sum / n;
            }
            return (total + penalty / (2 * c)) / n;
        }

        /** Loss of row i; replaces its logits by the residuals σ(z) − y. */
        private double sigmoidRow(int i) {
            double loss = 0;
            for (int j = i * k; j < (i + 1) * k; j++) {
                double zj = z[j];
                loss += log1pExp(zj) - y[j] * zj;
                z[j] = sigmoid(zj) - y[j];
            }
            return loss;
        }

        /** Loss of row i; replaces its logits by the residuals softmax(z) − y. */
        private double softmaxRow(int i) {
            int from = i * k;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = from; j < from + k; j++) {
                max = Math.max(max, z[j]);
            }
            double sum = 0;
            for (int j = from; j < from + k; j++) {
                sum += Math.exp(z[j] - max);
            }
            double logSum = max + Math.log(sum);
            double loss = logSum;
            for (int j = from; j < from + k; j++) {
                loss -= y[j] * z[j];
                z[j] = Math.exp(z[j] - logSum) - y[j];
            }
            return loss;
        }
    }

    /** log(1 + eᶻ) without overflow or loss of precision. */
    static double log1pExp(double z) {
        return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    }

    /** σ(z) = 1 / (1 + e^(−z)) without overflow. */
    static double sigmoid(double z) {
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }

    /** Replaces a row of logits by its softmax. */
    static void softmaxInPlace(double[] row) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : row) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int c = 0; c < row.length; c++) {
            row[c] = Math.exp(row[c] - max);
            sum += row[c];
        }
        for (int c = 0; c < row.length; c++) {
            row[c] /= sum;
        }
    }
}
