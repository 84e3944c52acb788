package org.jclef.clef.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntUnaryOperator;
import java.util.function.ToDoubleBiFunction;

/**
 * Test-set metrics as {@link Metric}s (evaluate with {@code .value()}, or resample with
 * {@link Bootstrap}). Every classification metric here equals scikit-learn's on the same data
 * (checked against fixtures from {@code tools/sklearn-fixtures/generate.py}), except where a
 * metric is undefined: there it is NaN, with a warning, where scikit-learn raises or substitutes a
 * number.
 *
 * <ul>
 * <li>AUROC: {@code roc_auc_score}; ties count half. Undefined (NaN) without a positive or without
 *     a negative sample (scikit-learn raises).</li>
 * <li>AUPRC: {@code average_precision_score} (step-wise, not interpolated). Undefined (NaN)
 *     without a positive sample (scikit-learn returns 0).</li>
 * <li>Macro averages over label columns (multilabel) or one-vs-rest classes (multiclass, the
 *     one-hot encoding of the test labels, spec §7.4): a {@link MacroRule} says what an undefined
 *     column does to the average.</li>
 * <li>Regression: MAE, RMSE, R² = 1 − SS_res/SS_tot. R² is undefined (NaN) for constant targets
 *     (scikit-learn's {@code force_finite=False}; its default writes 1 or 0 there).</li>
 * </ul>
 *
 * <pre>{@code
 * Metrics.auroc(new int[] {0, 0, 1, 1}, new double[] {0.1, 0.4, 0.35, 0.8}).value();  // 0.75
 * Metrics.macroAuroc(y, scores, MacroRule.SKIP_UNDEFINED).value();  // mean over defined labels
 * }</pre>
 */
public final class Metrics {
    private static final int LISTED_COLUMNS = 10;

    private Metrics() {
    }

    // ------------------------------------------------------------------ binary

    /** "auroc": area under the ROC curve of binary labels (0/1) and scores. */
    public static Metric auroc(int[] labels, double[] scores) {
        return auroc("auroc", BinaryRanking.of(labels, scores));
    }

    /** "auprc": average precision of binary labels (0/1) and scores. */
    public static Metric averagePrecision(int[] labels, double[] scores) {
        return averagePrecision("auprc", BinaryRanking.of(labels, scores));
    }

    /** AUROC of a ranking, under the given name. */
    public static Metric auroc(String name, BinaryRanking ranking) {
        return binary(name, "AUROC", ranking, BinaryRanking::auroc);
    }

    /** Average precision of a ranking, under the given name. */
    public static Metric averagePrecision(String name, BinaryRanking ranking) {
        return binary(name, "average precision", ranking, BinaryRanking::averagePrecision);
    }

    /** The ROC curve of binary labels and scores, with scikit-learn's intermediate points dropped. */
    public static RocCurve rocCurve(int[] labels, double[] scores) {
        return BinaryRanking.of(labels, scores).rocCurve(true);
    }

    private static Metric binary(String name, String what, BinaryRanking ranking,
                                 ToDoubleBiFunction<BinaryRanking, double[]> f) {
        return new Metric() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public double evaluate(double[] weights, WarningSink warnings) {
                double value = f.applyAsDouble(ranking, weights);
                if (Double.isNaN(value)) {
                    warnings.warn(name + ": " + what + " is undefined with "
                            + count(ranking.positiveWeight(weights)) + " positive and "
                            + count(ranking.negativeWeight(weights)) + " negative test samples");
                }
                return value;
            }
        };
    }

    // ------------------------------------------------------------------ multilabel and multiclass

    /**
     * One ranking per label column.
     *
     * @param labels [N][L], each 0 or 1
     * @param scores [N][L], finite
     */
    public static BinaryRanking[] columnRankings(int[][] labels, double[][] scores) {
        int columns = checkMatrices(labels, scores, "Metrics.columnRankings");
        BinaryRanking[] rankings = new BinaryRanking[columns];
        for (int c = 0; c < columns; c++) {
            int[] y = new int[labels.length];
            double[] s = new double[labels.length];
            for (int i = 0; i < labels.length; i++) {
                y[i] = labels[i][c];
                s[i] = scores[i][c];
            }
            try {
                rankings[c] = BinaryRanking.of(y, s);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Metrics.columnRankings: column " + c + ": " + e.getMessage(), e);
            }
        }
        return rankings;
    }

    /**
     * One-vs-rest rankings of a multiclass problem: ranking k has the labels (label == k) and the
     * scores probabilities[·][k] (the one-hot encoding of the test labels, spec §7.4).
     *
     * @param labels [N], each in [0, numClasses)
     * @param probabilities [N][numClasses]
     */
    public static BinaryRanking[] oneVsRestRankings(int[] labels, int numClasses, double[][] probabilities) {
        if (probabilities.length != labels.length) {
            throw new IllegalArgumentException("Metrics.oneVsRestRankings: " + labels.length + " labels but "
                    + probabilities.length + " probability rows");
        }
        int[][] oneHot = new int[labels.length][numClasses];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("Metrics.oneVsRestRankings: label of sample " + i + " is "
                        + labels[i] + ", expected 0 … " + (numClasses - 1));
            }
            if (probabilities[i].length != numClasses) {
                throw new IllegalArgumentException("Metrics.oneVsRestRankings: probability row " + i + " has "
                        + probabilities[i].length + " entries, expected " + numClasses);
            }
            oneHot[i][labels[i]] = 1;
        }
        return columnRankings(oneHot, probabilities);
    }

    /** "auroc_macro": macro AUROC over the label columns of a multilabel problem. */
    public static Metric macroAuroc(int[][] labels, double[][] scores, MacroRule rule) {
        return macroAuroc("auroc_macro", "label", columnRankings(labels, scores), rule);
    }

    /** "auprc_macro": macro average precision over the label columns of a multilabel problem. */
    public static Metric macroAveragePrecision(int[][] labels, double[][] scores, MacroRule rule) {
        return macroAveragePrecision("auprc_macro", "label", columnRankings(labels, scores), rule);
    }

    /** "auroc_macro": macro one-vs-rest AUROC of a multiclass problem. */
    public static Metric multiclassAuroc(int[] labels, int numClasses, double[][] probabilities, MacroRule rule) {
        return macroAuroc("auroc_macro", "class", oneVsRestRankings(labels, numClasses, probabilities), rule);
    }

    /** "auprc_macro": macro one-vs-rest average precision of a multiclass problem. */
    public static Metric multiclassAveragePrecision(int[] labels, int numClasses, double[][] probabilities,
                                                    MacroRule rule) {
        return macroAveragePrecision("auprc_macro", "class", oneVsRestRankings(labels, numClasses, probabilities),
                rule);
    }

    /**
     * Macro AUROC over rankings.
     *
     * @param columnWord "label" or "class", for warnings
     */
    public static Metric macroAuroc(String name, String columnWord, BinaryRanking[] columns, MacroRule rule) {
        return macro(name, "AUROC", columnWord, columns, rule, BinaryRanking::auroc);
    }

    /** Macro average precision over rankings. */
    public static Metric macroAveragePrecision(String name, String columnWord, BinaryRanking[] columns,
                                               MacroRule rule) {
        return macro(name, "average precision", columnWord, columns, rule, BinaryRanking::averagePrecision);
    }

    private static Metric macro(String name, String what, String columnWord, BinaryRanking[] columns,
                                MacroRule rule, ToDoubleBiFunction<BinaryRanking, double[]> f) {
        if (columns.length == 0) {
            throw new IllegalArgumentException(name + ": a macro average needs at least one column");
        }
        return new Metric() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public double evaluate(double[] weights, WarningSink warnings) {
                double sum = 0;
                List<Integer> undefined = new ArrayList<>();
                for (int c = 0; c < columns.length; c++) {
                    double value = f.applyAsDouble(columns[c], weights);
                    if (Double.isNaN(value)) {
                        undefined.add(c);
                    } else {
                        sum += value;
                    }
                }
                if (undefined.isEmpty()) {
                    return sum / columns.length;
                }
                int defined = columns.length - undefined.size();
                String why = what + " is undefined for " + undefined.size() + " of " + columns.length + " "
                        + columnWord + "s (" + columnWord + " " + list(undefined)
                        + ": no positive or no negative test sample)";
                if (rule == MacroRule.STRICT || defined == 0) {
                    warnings.warn(name + " is NaN: " + why
                            + (rule == MacroRule.STRICT ? "; rule STRICT" : ""));
                    return Double.NaN;
                }
                warnings.warn(name + " averages " + defined + " " + columnWord + "s: " + why
                        + "; rule SKIP_UNDEFINED");
                return sum / defined;
            }
        };
    }

    // ------------------------------------------------------------------ accuracy

    /** "accuracy": the fraction of samples whose predicted class equals the label. */
    public static Metric accuracy(int[] labels, int[] predicted) {
        if (labels.length != predicted.length) {
            throw new IllegalArgumentException("Metrics.accuracy: " + labels.length + " labels but "
                    + predicted.length + " predictions");
        }
        return weightedMean("accuracy", labels.length, i -> labels[i] == predicted[i] ? 1 : 0);
    }

    /**
     * "subset_accuracy": the fraction of samples whose whole predicted label row equals the label
     * row (scikit-learn's {@code accuracy_score} on multilabel input).
     */
    public static Metric subsetAccuracy(int[][] labels, int[][] predicted) {
        checkMatrices(labels, predicted, "Metrics.subsetAccuracy");
        return weightedMean("subset_accuracy", labels.length,
                i -> Arrays.equals(labels[i], predicted[i]) ? 1 : 0);
    }

    // ------------------------------------------------------------------ regression

    /** "mae": mean absolute error. */
    public static Metric mae(double[] targets, double[] predictions) {
        checkRegression(targets, predictions, "Metrics.mae");
        return weightedMean("mae", targets.length, i -> Math.abs(targets[i] - predictions[i]));
    }

    /** "mse": mean squared error. */
    public static Metric mse(double[] targets, double[] predictions) {
        checkRegression(targets, predictions, "Metrics.mse");
        return weightedMean("mse", targets.length, i -> square(targets[i] - predictions[i]));
    }

    /** "rmse": root mean squared error. */
    public static Metric rmse(double[] targets, double[] predictions) {
        Metric mse = mse(targets, predictions);
        return new Metric() {
            @Override
            public String name() {
                return "rmse";
            }

            @Override
            public double evaluate(double[] weights, WarningSink warnings) {
                return Math.sqrt(mse.evaluate(weights, warnings));
            }
        };
    }

    /** "r2": coefficient of determination; NaN (with a warning) when the targets are constant. */
    public static Metric r2(double[] targets, double[] predictions) {
        checkRegression(targets, predictions, "Metrics.r2");
        return new Metric() {
            @Override
            public String name() {
                return "r2";
            }

            @Override
            public double evaluate(double[] weights, WarningSink warnings) {
                checkWeights(weights, targets.length, "r2");
                double total = 0;
                double mean = 0;
                for (int i = 0; i < targets.length; i++) {
                    double w = weights == null ? 1 : weights[i];
                    total += w;
                    mean += w * targets[i];
                }
                if (total == 0) {
                    warnings.warn("r2 is undefined: no test sample has weight");
                    return Double.NaN;
                }
                mean /= total;
                double residual = 0;
                double spread = 0;
                for (int i = 0; i < targets.length; i++) {
                    double w = weights == null ? 1 : weights[i];
                    residual += w * square(targets[i] - predictions[i]);
                    spread += w * square(targets[i] - mean);
                }
                if (spread == 0) {
                    warnings.warn("r2 is undefined: the test targets are constant");
                    return Double.NaN;
                }
                return 1 - residual / spread;
            }
        };
    }

    // ------------------------------------------------------------------ helpers

    private interface SampleTerm {
        double of(int sample);
    }

    private static Metric weightedMean(String name, int n, SampleTerm term) {
        return new Metric() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public double evaluate(double[] weights, WarningSink warnings) {
                checkWeights(weights, n, name);
                double total = 0;
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    double w = weights == null ? 1 : weights[i];
                    if (w != 0) {
                        total += w;
                        sum += w * term.of(i);
                    }
                }
                if (total == 0) {
                    warnings.warn(name + " is undefined: no test sample has weight");
                    return Double.NaN;
                }
                return sum / total;
            }
        };
    }

    /** Checks a weight vector: null, or n finite non-negative numbers. */
    static void checkWeights(double[] weights, int n, String owner) {
        if (weights == null) {
            return;
        }
        if (weights.length != n) {
            throw new IllegalArgumentException(owner + ": " + weights.length + " weights for " + n + " samples");
        }
        for (int i = 0; i < n; i++) {
            if (!(weights[i] >= 0) || weights[i] == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException(owner + ": weight of sample " + i + " is " + weights[i]
                        + ", expected a finite number >= 0");
            }
        }
    }

    private static void checkRegression(double[] targets, double[] predictions, String owner) {
        if (targets.length != predictions.length) {
            throw new IllegalArgumentException(owner + ": " + targets.length + " targets but "
                    + predictions.length + " predictions");
        }
        for (int i = 0; i < targets.length; i++) {
            if (!Double.isFinite(targets[i]) || !Double.isFinite(predictions[i])) {
                throw new IllegalArgumentException(owner + ": sample " + i + " has target " + targets[i]
                        + " and prediction " + predictions[i] + ", expected finite numbers");
            }
        }
    }

    /** Checks labels [N][C] against predictions [N][C]; returns C. */
    private static int checkMatrices(int[][] labels, double[][] predictions, String owner) {
        return checkShape(labels.length, predictions.length, i -> labels[i].length, i -> predictions[i].length, owner);
    }

    private static int checkMatrices(int[][] labels, int[][] predictions, String owner) {
        return checkShape(labels.length, predictions.length, i -> labels[i].length, i -> predictions[i].length, owner);
    }

    private static int checkShape(int rows, int predictionRows, IntUnaryOperator labelWidth,
                                  IntUnaryOperator predictionWidth, String owner) {
        if (rows != predictionRows) {
            throw new IllegalArgumentException(owner + ": " + rows + " label rows but " + predictionRows
                    + " prediction rows");
        }
        if (rows == 0) {
            throw new IllegalArgumentException(owner + ": no samples");
        }
        int columns = labelWidth.applyAsInt(0);
        for (int i = 0; i < rows; i++) {
            int a = labelWidth.applyAsInt(i);
            int b = predictionWidth.applyAsInt(i);
            if (a != columns || b != columns) {
                throw new IllegalArgumentException(owner + ": row " + i + " has " + a + " labels and " + b
                        + " predictions, expected " + columns + " of each (the width of row 0)");
            }
        }
        return columns;
    }

    private static String list(List<Integer> indices) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < Math.min(indices.size(), LISTED_COLUMNS); k++) {
            sb.append(k == 0 ? "" : ", ").append(indices.get(k));
        }
        if (indices.size() > LISTED_COLUMNS) {
            sb.append(", …");
        }
        return sb.toString();
    }

    private static String count(double weight) {
        return weight == Math.rint(weight) ? Long.toString((long) weight) : Double.toString(weight);
    }

    private static double square(double x) {
        return x * x;
    }
}
