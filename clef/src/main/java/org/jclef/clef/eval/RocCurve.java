package org.jclef.clef.eval;

/**
 * ROC curve points, for plotting: point i is the false and true positive rate of predicting
 * positive every sample whose score is ≥ {@code thresholds[i]}. The first point is (0, 0) with
 * threshold +∞ (scikit-learn ≥ 1.3 does the same; 1.2 wrote max score + 1 there); rates increase
 * and thresholds decrease along the arrays, and the last point is (1, 1).
 */
public record RocCurve(double[] fpr, double[] tpr, double[] thresholds) {

    public RocCurve {
        if (fpr.length != tpr.length || fpr.length != thresholds.length) {
            throw new IllegalArgumentException("RocCurve: fpr, tpr and thresholds must have one length, got "
                    + fpr.length + ", " + tpr.length + ", " + thresholds.length);
        }
    }

    /** Number of points. */
    public int size() {
        return fpr.length;
    }

    /** Trapezoidal area under the points (equals {@link Metrics#auroc} for the same data). */
    public double area() {
        double area = 0;
        for (int i = 1; i < fpr.length; i++) {
            area += (fpr[i] - fpr[i - 1]) * (tpr[i] + tpr[i - 1]) / 2;
        }
        return area;
    }
}
