package org.jclef.clef.eval;

/**
 * A fitted ridge regression y ≈ w·x + b on (standardised) features.
 *
 * @param weights [D]
 * @param intercept b
 * @param alpha the L2 penalty it was fitted with
 */
public record RidgeModel(double[] weights, double intercept, double alpha) {

    /** Predictions for rows x[N][D]. */
    public double[] predict(float[][] x) {
        Standardizer.checkMatrix(x, weights.length, "RidgeModel.predict");
        double[] out = new double[x.length];
        DenseKernels.linear(x, weights, new double[] {intercept}, out);
        return out;
    }
}
