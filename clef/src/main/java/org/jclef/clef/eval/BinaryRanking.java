package org.jclef.clef.eval;

/**
 * Binary labels and scores sorted once by decreasing score, with equal scores grouped, so that
 * AUROC, average precision and the ROC curve can be computed for the full sample or for any
 * weighting of it (a bootstrap resample is the weighting "how many times each sample was drawn")
 * in one linear pass.
 *
 * <p>Tied scores form one threshold: a tie group moves the ROC curve diagonally, which gives
 * AUROC the Mann–Whitney value with average ranks and makes every number here equal to
 * scikit-learn's {@code roc_auc_score}, {@code average_precision_score} and {@code roc_curve},
 * with or without {@code sample_weight}.
 *
 * <pre>{@code
 * BinaryRanking r = BinaryRanking.of(new int[] {0, 0, 1, 1}, new double[] {0.1, 0.4, 0.35, 0.8});
 * r.auroc(null);            // 0.75
 * r.averagePrecision(null); // 0.8333333333333333
 * }</pre>
 */
public final class BinaryRanking {
    private final int[] order;
    private final int[] groupEnd;
    private final double[] groupScore;
    private final boolean[] positive;

    private BinaryRanking(int[] order, int[] groupEnd, double[] groupScore, boolean[] positive) {
        this.order = order;
        this.groupEnd = groupEnd;
        this.groupScore = groupScore;
        this.positive = positive;
    }

    /**
     * @param labels 0 or 1 per sample
     * @param scores a finite score per sample; larger means more likely positive
     * @throws IllegalArgumentException on different lengths, a label other than 0/1 or a
     *         non-finite score (naming the sample)
     */
    public static BinaryRanking of(int[] labels, double[] scores) {
        if (labels.length != scores.length) {
            throw new IllegalArgumentException("BinaryRanking: " + labels.length + " labels but "
                    + scores.length + " scores");
        }
        boolean[] positive = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException("BinaryRanking: label of sample " + i + " is " + labels[i]
                        + ", expected 0 or 1");
            }
            if (!Double.isFinite(scores[i])) {
                throw new IllegalArgumentException("BinaryRanking: score of sample " + i + " is " + scores[i]
                        + ", expected a finite number");
            }
            positive[i] = labels[i] == 1;
        }
        int[] order = Ordering.decreasing(scores);
        int n = order.length;
        int groups = 0;
        for (int k = 0; k < n; k++) {
            if (k == n - 1 || scores[order[k]] != scores[order[k + 1]]) {
                groups++;
            }
        }
        int[] groupEnd = new int[groups];
        double[] groupScore = new double[groups];
        int g = 0;
        for (int k = 0; k < n; k++) {
            if (k == n - 1 || scores[order[k]] != scores[order[k + 1]]) {
                groupEnd[g] = k + 1;
                groupScore[g] = scores[order[k]];
                g++;
            }
        }
        return new BinaryRanking(order, groupEnd, groupScore, positive);
    }

    /** Number of samples. */
    public int size() {
        return order.length;
    }

    /** Total weight of the positive samples ({@code weights == null}: their count). */
    public double positiveWeight(double[] weights) {
        checkWeights(weights);
        double sum = 0;
        for (int i = 0; i < positive.length; i++) {
            if (positive[i]) {
                sum += weights == null ? 1 : weights[i];
            }
        }
        return sum;
    }

    /** Total weight of the negative samples ({@code weights == null}: their count). */
    public double negativeWeight(double[] weights) {
        checkWeights(weights);
        double sum = 0;
        for (int i = 0; i < positive.length; i++) {
            if (!positive[i]) {
                sum += weights == null ? 1 : weights[i];
            }
        }
        return sum;
    }

    /**
     * Area under the ROC curve, ties counted half (average ranks).
     *
     * @param weights a non-negative weight per sample, or null for all ones
     * @return NaN when the positive or the negative weight is zero (AUROC is undefined)
     */
    public double auroc(double[] weights) {
        checkWeights(weights);
        double[][] groups = groupWeights(weights);
        double[] tpGroup = groups[0], fpGroup = groups[1];
        double area = 0;
        double tp = 0;
        double fp = 0;
        for (int g = 0; g < tpGroup.length; g++) {
            area += fpGroup[g] * (tp + tpGroup[g] / 2);
            tp += tpGroup[g];
            fp += fpGroup[g];
        }
        if (tp == 0 || fp == 0) {
            return Double.NaN;
        }
        return area / (tp * fp);
    }

    /**
     * Average precision Σₖ (Rₖ − Rₖ₋₁)·Pₖ over the thresholds in decreasing order (no
     * interpolation), as scikit-learn's {@code average_precision_score}.
     *
     * @param weights a non-negative weight per sample, or null for all ones
     * @return NaN when the positive weight is zero (scikit-learn returns 0 there, with a warning)
     */
    public double averagePrecision(double[] weights) {
        checkWeights(weights);
        double[][] groups = groupWeights(weights);
        double[] tpGroup = groups[0], fpGroup = groups[1];
        double sum = 0;
        double tp = 0;
        double fp = 0;
        for (int g = 0; g < tpGroup.length; g++) {
            tp += tpGroup[g];
            fp += fpGroup[g];
            if (tpGroup[g] > 0) {
                sum += tpGroup[g] * (tp / (tp + fp));
            }
        }
        if (tp == 0) {
            return Double.NaN;
        }
        return sum / tp;
    }

    /**
     * The ROC curve of the unweighted samples.
     *
     * @param dropIntermediate drop the points scikit-learn's {@code roc_curve} drops by default:
     *        those where neither the false nor the true positive count changes its step (a
     *        second difference of zero in both); they lie on a straight segment and do not change
     *        the plot or the area
     * @throws IllegalArgumentException when one class is absent (the rates are undefined)
     */
    public RocCurve rocCurve(boolean dropIntermediate) {
        int groups = groupEnd.length;
        double[][] counts = groupWeights(null);
        double[] tps = new double[groups];
        double[] fps = new double[groups];
        double tp = 0;
        double fp = 0;
        for (int g = 0; g < groups; g++) {
            tp += counts[0][g];
            fp += counts[1][g];
            tps[g] = tp;
            fps[g] = fp;
        }
        if (tp == 0 || fp == 0) {
            throw new IllegalArgumentException("BinaryRanking.rocCurve: the ROC curve is undefined with "
                    + (long) tp + " positive and " + (long) fp + " negative samples (both are needed)");
        }
        boolean[] keep = new boolean[groups];
        int kept = 0;
        for (int g = 0; g < groups; g++) {
            keep[g] = !dropIntermediate || g == 0 || g == groups - 1
                    || fps[g + 1] - 2 * fps[g] + fps[g - 1] != 0
                    || tps[g + 1] - 2 * tps[g] + tps[g - 1] != 0;
            if (keep[g]) {
                kept++;
            }
        }
        double[] fpr = new double[kept + 1];
        double[] tpr = new double[kept + 1];
        double[] thresholds = new double[kept + 1];
        thresholds[0] = Double.POSITIVE_INFINITY;
        int p = 1;
        for (int g = 0; g < groups; g++) {
            if (keep[g]) {
                fpr[p] = fps[g] / fp;
                tpr[p] = tps[g] / tp;
                thresholds[p] = groupScore[g];
                p++;
            }
        }
        return new RocCurve(fpr, tpr, thresholds);
    }

    /**
     * The positive and the negative weight of each tie group, in ranking order:
     * {@code {positive[g], negative[g]}} ({@code weights} null counts every sample once).
     */
    private double[][] groupWeights(double[] weights) {
        int groups = groupEnd.length;
        double[] pos = new double[groups];
        double[] neg = new double[groups];
        int start = 0;
        for (int g = 0; g < groups; g++) {
            for (int k = start; k < groupEnd[g]; k++) {
                int i = order[k];
                double w = weights == null ? 1 : weights[i];
                if (positive[i]) {
                    pos[g] += w;
                } else {
                    neg[g] += w;
                }
            }
            start = groupEnd[g];
        }
        return new double[][] {pos, neg};
    }

    private void checkWeights(double[] weights) {
        Metrics.checkWeights(weights, order.length, "BinaryRanking");
    }
}
