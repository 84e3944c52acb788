package org.jclef.clef.eval;

/**
 * A fitted L2-regularised logistic regression on (standardised) features.
 *
 * @param link {@link LogisticRegression.Link#SIGMOID}: K independent outputs (binary when K = 1,
 *        one-vs-rest multilabel otherwise); {@link LogisticRegression.Link#SOFTMAX}: K classes
 * @param weights [K·D], row c holds output c's weights
 * @param intercepts [K]
 * @param c inverse regularisation strength the model was fitted with (scikit-learn's C)
 * @param solver how the L-BFGS run ended (iterations, final gradient, status)
 */
public record LogisticModel(LogisticRegression.Link link, double[] weights, double[] intercepts, double c,
                            Lbfgs.Result solver) {

    public LogisticModel {
        if (intercepts.length == 0 || weights.length % intercepts.length != 0) {
            throw new IllegalArgumentException("LogisticModel: " + weights.length + " weights do not form "
                    + intercepts.length + " rows");
        }
    }

    /** Number of outputs K. */
    public int outputs() {
        return intercepts.length;
    }

    /** Number of features D. */
    public int features() {
        return weights.length / intercepts.length;
    }

    /** Logits z = x·Wᵀ + b, as [N][K]. */
    public double[][] logits(float[][] x) {
        Standardizer.checkMatrix(x, features(), "LogisticModel.logits");
        int k = outputs();
        double[] flat = new double[x.length * k];
        DenseKernels.linear(x, weights, intercepts, flat);
        double[][] z = new double[x.length][k];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(flat, i * k, z[i], 0, k);
        }
        return z;
    }

    /**
     * Probabilities as [N][K]: σ(z) per output for SIGMOID (column 0 is P(positive) when K = 1),
     * softmax(z) per row for SOFTMAX.
     */
    public double[][] probabilities(float[][] x) {
        double[][] z = logits(x);
        for (double[] row : z) {
            if (link == LogisticRegression.Link.SIGMOID) {
                for (int c = 0; c < row.length; c++) {
                    row[c] = LogisticRegression.sigmoid(row[c]);
                }
            } else {
                LogisticRegression.softmaxInPlace(row);
            }
        }
        return z;
    }
}
