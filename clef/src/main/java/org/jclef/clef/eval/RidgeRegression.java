package org.jclef.clef.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Ridge regression in closed form, as scikit-learn's {@code Ridge(alpha, fit_intercept=True)}:
 * minimises Σᵢ (yᵢ − w·xᵢ − b)² + α·‖w‖² (the intercept is not penalised) by centring x and y
 * on the training means and solving (XcᵀXc + α·I)·w = Xcᵀ·yc with a Cholesky factorisation;
 * b = ȳ − w·x̄. The Gram matrix XcᵀXc is built once for a whole grid of α.
 *
 * <p>Cost: N·D²/2 multiply-adds for the Gram matrix plus D³/6 per α.
 *
 * <pre>{@code
 * List<RidgeModel> path = RidgeRegression.fit(trainX, trainY, new double[] {0.1, 1, 10});
 * double[] predicted = path.get(1).predict(testX);
 * }</pre>
 */
public final class RidgeRegression {
    private RidgeRegression() {
    }

    /** One model per α, in the order given. */
    public static List<RidgeModel> fit(float[][] x, double[] y, double[] alphas) {
        int d = Standardizer.checkMatrix(x, -1, "RidgeRegression.fit");
        int n = x.length;
        if (y.length != n) {
            throw new IllegalArgumentException("RidgeRegression.fit: " + n + " rows but " + y.length + " targets");
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("RidgeRegression.fit: target " + i + " is " + y[i]
                        + ", expected a finite number");
            }
        }
        for (double alpha : alphas) {
            if (!(alpha > 0) || !Double.isFinite(alpha)) {
                throw new IllegalArgumentException("RidgeRegression.fit: alpha must be finite and > 0, got " + alpha);
            }
        }
        double[] mean = new double[d];
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        double yMean = 0;
        for (double v : y) {
            yMean += v;
        }
        yMean /= n;
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[][] gram = DenseKernels.centredGram(x, mean);
        double[] centredY = new double[n];
        for (int i = 0; i < n; i++) {
            centredY[i] = y[i] - yMean;
        }
        double[] rhs = new double[d];
        DenseKernels.transposedProduct(x, centredY, 1, rhs);
        List<RidgeModel> models = new ArrayList<>(alphas.length);
        for (double alpha : alphas) {
            double[] w = Cholesky.factor(gram, alpha).solve(rhs);
            double intercept = yMean;
            for (int j = 0; j < d; j++) {
                intercept -= w[j] * mean[j];
            }
            models.add(new RidgeModel(w, intercept, alpha));
        }
        return models;
    }
}
