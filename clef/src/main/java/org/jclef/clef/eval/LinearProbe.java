package org.jclef.clef.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A linear probe on frozen embeddings: standardise the features on the training split, fit
 * L2-regularised logistic regression (classification) or ridge regression (regression) for each
 * value of a regularisation grid, choose the value by a {@link SelectionCriterion} on the
 * validation split, and report test metrics with bootstrap intervals.
 *
 * <ul>
 * <li><b>binary</b>: one sigmoid output; C chosen by validation log loss (or AUROC); test metrics
 *     auroc, auprc, accuracy (P(positive) > 0.5).</li>
 * <li><b>multiclass</b>: multinomial softmax; one C; test metrics auroc_macro (one-vs-rest over
 *     the test one-hot encoding, spec §7.4), auprc_macro, accuracy (arg max) and auroc[k] per
 *     class. A class without training samples is left out of the fit and gets probability 0.</li>
 * <li><b>multilabel</b>: one-vs-rest sigmoids, fitted jointly for each C; <b>C is chosen per
 *     label</b> (each label is its own binary problem); test metrics auroc_macro, auprc_macro,
 *     subset_accuracy and auroc[l] per label. A label constant in the training split is not
 *     fitted: its score is that constant (0 or 1).</li>
 * <li><b>regression</b>: ridge; α chosen by validation MSE (or MAE); test metrics mae, rmse, r2.
 *     Standardising the target (spec §7.1) would not change ridge predictions, so it is not
 *     done.</li>
 * </ul>
 *
 * The grid is fitted from the strongest regularisation to the weakest (C ascending, each fit
 * warm-started from the previous one); ties on the validation criterion go to the stronger
 * regularisation. The chosen model is the one fitted on the training split (no refit on
 * training + validation). Every warning goes to the given sink and into
 * {@link ProbeResult#warnings()}.
 *
 * <pre>{@code
 * ProbeResult r = LinearProbe.run(
 *         new ProbeData(trainEmb, new Targets.Multilabel(trainY)),
 *         new ProbeData(valEmb, new Targets.Multilabel(valY)),
 *         new ProbeData(testEmb, new Targets.Multilabel(testY)),
 *         ProbeConfig.DEFAULT, WarningSink.logger());
 * System.out.print(r.toTable());
 * }</pre>
 */
public final class LinearProbe {
    private LinearProbe() {
    }

    /** Runs the probe; throws IllegalArgumentException on inconsistent splits. */
    public static ProbeResult run(ProbeData train, ProbeData validation, ProbeData test, ProbeConfig config,
                                  WarningSink sink) {
        checkCompatible(train, validation, "validation");
        checkCompatible(train, test, "test");
        List<String> warnings = new ArrayList<>();
        WarningSink warn = WarningSink.collecting(warnings).andThen(sink);
        Standardizer standardizer = Standardizer.fit(train.embeddings());
        float[][] xTrain = standardizer.transform(train.embeddings());
        float[][] xVal = standardizer.transform(validation.embeddings());
        float[][] xTest = standardizer.transform(test.embeddings());
        Fitted fitted = switch (train.targets()) {
            case Targets.Binary b -> sigmoid(xTrain, columns(b.labels()),
                    columns(((Targets.Binary) validation.targets()).labels()), xVal, xTest, true, config, warn);
            case Targets.Multilabel m -> sigmoid(xTrain, m.labels(),
                    ((Targets.Multilabel) validation.targets()).labels(), xVal, xTest, false, config, warn);
            case Targets.Multiclass m -> softmax(xTrain, m, (Targets.Multiclass) validation.targets(), xVal, xTest,
                    config, warn);
            case Targets.Continuous c -> ridge(xTrain, c.values(), ((Targets.Continuous) validation.targets()).values(),
                    xVal, xTest, config, warn);
        };
        List<Metric> metrics = testMetrics(test.targets(), fitted.testScores(), config.macroRule());
        List<MetricValue> values = Bootstrap.evaluate(metrics, test.size(), config.bootstrap(), warn);
        return new ProbeResult(train.targets().task(), train.size(), validation.size(), test.size(),
                standardizer.features(), fitted.regularization(), config.criterion(), config.macroRule(),
                config.bootstrap(), fitted.grid(), fitted.units(), fitted.validation(), fitted.selected(), values,
                warnings, fitted.testScores());
    }

    /** What a fitting path hands to the report. */
    private record Fitted(String regularization, double[] grid, List<String> units, double[][] validation,
                          double[] selected, double[][] testScores) {
    }

    // ------------------------------------------------------------------ sigmoid outputs

    /** Binary (one column) and one-vs-rest multilabel probes; C is chosen per column. */
    private static Fitted sigmoid(float[][] xTrain, int[][] trainLabels, int[][] valLabels, float[][] xVal,
                                  float[][] xTest, boolean binary, ProbeConfig config, WarningSink warn) {
        if (config.criterion() == SelectionCriterion.MAE) {
            throw new IllegalArgumentException("LinearProbe: criterion MAE applies to regression only");
        }
        int n = trainLabels.length;
        int width = trainLabels[0].length;
        String word = binary ? "the positive class" : "label";
        List<Integer> active = new ArrayList<>();
        double[] constantScore = new double[width];
        for (int l = 0; l < width; l++) {
            int positives = 0;
            for (int[] row : trainLabels) {
                positives += row[l];
            }
            if (positives > 0 && positives < n) {
                active.add(l);
                continue;
            }
            if (binary) {
                throw new IllegalArgumentException("LinearProbe: all " + n + " training samples are "
                        + (positives == 0 ? "negative" : "positive") + "; a binary probe needs both classes");
            }
            constantScore[l] = positives == 0 ? 0 : 1;
            warn.warn("label " + l + ": all " + n + " training samples are " + (positives == 0 ? "negative" : "positive")
                    + "; not fitted, its score is the constant " + (int) constantScore[l]);
        }
        if (active.isEmpty()) {
            throw new IllegalArgumentException("LinearProbe: every label is constant on the training split");
        }
        int k = active.size();
        int[][] targets = select(trainLabels, active);
        int[][] valTargets = select(valLabels, active);
        boolean[] byAuroc = new boolean[k];
        for (int a = 0; a < k; a++) {
            if (config.criterion() == SelectionCriterion.AUROC) {
                byAuroc[a] = !isConstantColumn(valTargets, a);
                if (!byAuroc[a]) {
                    warn.warn((binary ? "" : "label " + active.get(a) + ": ")
                            + "validation AUROC is undefined (one class only); C chosen by validation log loss");
                }
            }
        }
        double[] grid = config.cGrid();
        int d = xTrain[0].length;
        double[][] path = new double[grid.length][width];
        for (double[] row : path) {
            Arrays.fill(row, Double.NaN);
        }
        double[] bestScore = new double[k];
        Arrays.fill(bestScore, Double.NaN);
        double[] bestC = new double[k];
        double[] weights = new double[k * d];
        double[] intercepts = new double[k];
        LogisticModel previous = null;
        for (int g = 0; g < grid.length; g++) {
            LogisticModel model = LogisticRegression.fit(xTrain, targets, LogisticRegression.Link.SIGMOID, grid[g],
                    previous, config.solver());
            reportSolver(model, warn);
            previous = model;
            double[][] logits = model.logits(xVal);
            for (int a = 0; a < k; a++) {
                double score = byAuroc[a] ? -aurocOfColumn(valTargets, logits, a) : logLossOfColumn(valTargets, logits, a);
                path[g][active.get(a)] = byAuroc[a] ? -score : score;
                if (Double.isNaN(bestScore[a]) || score < bestScore[a]) {
                    bestScore[a] = score;
                    bestC[a] = grid[g];
                    System.arraycopy(model.weights(), a * d, weights, a * d, d);
                    intercepts[a] = model.intercepts()[a];
                }
            }
        }
        double[] testLogits = new double[xTest.length * k];
        DenseKernels.linear(xTest, weights, intercepts, testLogits);
        double[][] scores = new double[xTest.length][];
        for (int i = 0; i < xTest.length; i++) {
            scores[i] = constantScore.clone();
            for (int a = 0; a < k; a++) {
                scores[i][active.get(a)] = LogisticRegression.sigmoid(testLogits[i * k + a]);
            }
        }
        double[] selected = new double[width];
        Arrays.fill(selected, Double.NaN);
        for (int a = 0; a < k; a++) {
            selected[active.get(a)] = bestC[a];
        }
        List<String> units = new ArrayList<>();
        if (binary) {
            units.add("all");
        } else {
            for (int l = 0; l < width; l++) {
                units.add("label " + l);
            }
        }
        return new Fitted("C", grid, units, path, selected, scores);
    }

    // ------------------------------------------------------------------ softmax

    private static Fitted softmax(float[][] xTrain, Targets.Multiclass train, Targets.Multiclass val, float[][] xVal,
                                  float[][] xTest, ProbeConfig config, WarningSink warn) {
        if (config.criterion() == SelectionCriterion.MAE) {
            throw new IllegalArgumentException("LinearProbe: criterion MAE applies to regression only");
        }
        int classes = train.numClasses();
        int[] counts = new int[classes];
        for (int label : train.labels()) {
            counts[label]++;
        }
        int[] column = new int[classes];
        List<Integer> present = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            column[c] = counts[c] > 0 ? present.size() : -1;
            if (counts[c] > 0) {
                present.add(c);
            } else {
                warn.warn("class " + c + " has no training sample; left out of the fit, its probability is 0");
            }
        }
        if (present.size() < 2) {
            throw new IllegalArgumentException("LinearProbe: the training split has " + present.size()
                    + " class(es); a multiclass probe needs at least 2");
        }
        int k = present.size();
        int[][] targets = new int[xTrain.length][k];
        for (int i = 0; i < xTrain.length; i++) {
            targets[i][column[train.labels()[i]]] = 1;
        }
        List<Integer> valRows = new ArrayList<>();
        for (int i = 0; i < val.labels().length; i++) {
            if (column[val.labels()[i]] >= 0) {
                valRows.add(i);
            }
        }
        if (valRows.size() < val.labels().length) {
            warn.warn((val.labels().length - valRows.size()) + " validation samples belong to classes without "
                    + "training samples; they are left out of the selection of C");
        }
        if (valRows.isEmpty()) {
            throw new IllegalArgumentException("LinearProbe: no validation sample belongs to a class seen in training");
        }
        int[] valLabels = valRows.stream().mapToInt(i -> column[val.labels()[i]]).toArray();
        float[][] xValKept = valRows.stream().map(i -> xVal[i]).toArray(float[][]::new);
        boolean byAuroc = config.criterion() == SelectionCriterion.AUROC;
        if (byAuroc && Arrays.stream(valLabels).distinct().count() < 2) {
            warn.warn("validation AUROC is undefined (one class only); C chosen by validation log loss");
            byAuroc = false;
        }
        double[] grid = config.cGrid();
        double[][] path = new double[grid.length][1];
        double bestScore = Double.NaN;
        double bestC = Double.NaN;
        LogisticModel best = null;
        LogisticModel previous = null;
        for (int g = 0; g < grid.length; g++) {
            LogisticModel model = LogisticRegression.fit(xTrain, targets, LogisticRegression.Link.SOFTMAX, grid[g],
                    previous, config.solver());
            reportSolver(model, warn);
            previous = model;
            double score = byAuroc
                    ? -Metrics.multiclassAuroc(valLabels, k, model.probabilities(xValKept), MacroRule.SKIP_UNDEFINED)
                            .value(g == 0 ? warn : WarningSink.ignoring())
                    : crossEntropy(valLabels, model.logits(xValKept));
            path[g][0] = byAuroc ? -score : score;
            if (Double.isNaN(bestScore) || score < bestScore) {
                bestScore = score;
                bestC = grid[g];
                best = model;
            }
        }
        double[][] activeScores = best.probabilities(xTest);
        double[][] scores = new double[xTest.length][classes];
        for (int i = 0; i < xTest.length; i++) {
            for (int c = 0; c < classes; c++) {
                scores[i][c] = column[c] >= 0 ? activeScores[i][column[c]] : 0;
            }
        }
        return new Fitted("C", grid, List.of("all"), path, new double[] {bestC}, scores);
    }

    // ------------------------------------------------------------------ ridge

    private static Fitted ridge(float[][] xTrain, double[] yTrain, double[] yVal, float[][] xVal, float[][] xTest,
                                ProbeConfig config, WarningSink warn) {
        if (config.criterion() == SelectionCriterion.AUROC) {
            throw new IllegalArgumentException("LinearProbe: criterion AUROC applies to classification only");
        }
        boolean byMae = config.criterion() == SelectionCriterion.MAE;
        double[] grid = config.alphaGrid();
        List<RidgeModel> models = RidgeRegression.fit(xTrain, yTrain, grid);
        double[][] path = new double[grid.length][1];
        for (int g = 0; g < grid.length; g++) {
            double[] predicted = models.get(g).predict(xVal);
            path[g][0] = (byMae ? Metrics.mae(yVal, predicted) : Metrics.mse(yVal, predicted)).value(warn);
        }
        int best = grid.length - 1;
        for (int g = grid.length - 2; g >= 0; g--) {
            if (path[g][0] < path[best][0]) {
                best = g;
            }
        }
        double[] predicted = models.get(best).predict(xTest);
        double[][] scores = new double[predicted.length][];
        for (int i = 0; i < predicted.length; i++) {
            scores[i] = new double[] {predicted[i]};
        }
        return new Fitted("alpha", grid, List.of("all"), path, new double[] {grid[best]}, scores);
    }

    // ------------------------------------------------------------------ test metrics

    /**
     * The test metrics a probe reports for targets of this type and scores of its form (binary:
     * P(positive) in column 0; multiclass: class probabilities; multilabel: per-label
     * probabilities; regression: predictions in column 0), ready for {@link Bootstrap#evaluate}.
     * Also used for scores pooled from several fits (the out-of-fold predictions of a
     * cross-validation).
     */
    public static List<Metric> testMetrics(Targets test, double[][] scores, MacroRule rule) {
        List<Metric> metrics = new ArrayList<>();
        switch (test) {
            case Targets.Binary b -> {
                double[] p = column(scores, 0);
                int[] predicted = new int[p.length];
                for (int i = 0; i < p.length; i++) {
                    predicted[i] = p[i] > 0.5 ? 1 : 0;
                }
                BinaryRanking ranking = BinaryRanking.of(b.labels(), p);
                metrics.add(Metrics.auroc("auroc", ranking));
                metrics.add(Metrics.averagePrecision("auprc", ranking));
                metrics.add(Metrics.accuracy(b.labels(), predicted));
            }
            case Targets.Multilabel m -> {
                BinaryRanking[] rankings = Metrics.columnRankings(m.labels(), scores);
                int[][] predicted = new int[scores.length][m.width()];
                for (int i = 0; i < scores.length; i++) {
                    for (int l = 0; l < m.width(); l++) {
                        predicted[i][l] = scores[i][l] > 0.5 ? 1 : 0;
                    }
                }
                metrics.add(Metrics.macroAuroc("auroc_macro", "label", rankings, rule));
                metrics.add(Metrics.macroAveragePrecision("auprc_macro", "label", rankings, rule));
                metrics.add(Metrics.subsetAccuracy(m.labels(), predicted));
                for (int l = 0; l < rankings.length; l++) {
                    metrics.add(Metrics.auroc("auroc[" + l + "]", rankings[l]));
                }
            }
            case Targets.Multiclass m -> {
                BinaryRanking[] rankings = Metrics.oneVsRestRankings(m.labels(), m.numClasses(), scores);
                int[] predicted = new int[scores.length];
                for (int i = 0; i < scores.length; i++) {
                    predicted[i] = argmax(scores[i]);
                }
                metrics.add(Metrics.macroAuroc("auroc_macro", "class", rankings, rule));
                metrics.add(Metrics.macroAveragePrecision("auprc_macro", "class", rankings, rule));
                metrics.add(Metrics.accuracy(m.labels(), predicted));
                for (int c = 0; c < rankings.length; c++) {
                    metrics.add(Metrics.auroc("auroc[" + c + "]", rankings[c]));
                }
            }
            case Targets.Continuous c -> {
                double[] predicted = column(scores, 0);
                metrics.add(Metrics.mae(c.values(), predicted));
                metrics.add(Metrics.rmse(c.values(), predicted));
                metrics.add(Metrics.r2(c.values(), predicted));
            }
        }
        return metrics;
    }

    // ------------------------------------------------------------------ helpers

    private static void checkCompatible(ProbeData train, ProbeData other, String name) {
        int d = train.embeddings()[0].length;
        if (other.embeddings()[0].length != d) {
            throw new IllegalArgumentException("LinearProbe: " + name + " embeddings have " + other.embeddings()[0].length
                    + " features, training embeddings " + d);
        }
        Targets a = train.targets();
        Targets b = other.targets();
        if (a.getClass() != b.getClass()) {
            throw new IllegalArgumentException("LinearProbe: training targets are " + a.task() + " but " + name
                    + " targets are " + b.task());
        }
        if (a instanceof Targets.Multiclass ma && b instanceof Targets.Multiclass mb
                && ma.numClasses() != mb.numClasses()) {
            throw new IllegalArgumentException("LinearProbe: training targets have " + ma.numClasses() + " classes, "
                    + name + " targets " + mb.numClasses());
        }
        if (a instanceof Targets.Multilabel ma && b instanceof Targets.Multilabel mb && ma.width() != mb.width()) {
            throw new IllegalArgumentException("LinearProbe: training targets have " + ma.width() + " labels, "
                    + name + " targets " + mb.width());
        }
    }

    private static void reportSolver(LogisticModel model, WarningSink warn) {
        Lbfgs.Result r = model.solver();
        if (!r.status().converged()) {
            warn.warn(String.format(Locale.ROOT, "C = %s: L-BFGS stopped (%s) after %d iterations with max |gradient| "
                    + "%.3g", Reports.number(model.c()), r.status(), r.iterations(), r.gradientNorm()));
        }
    }

    private static int[][] columns(int[] labels) {
        int[][] out = new int[labels.length][];
        for (int i = 0; i < labels.length; i++) {
            out[i] = new int[] {labels[i]};
        }
        return out;
    }

    private static int[][] select(int[][] labels, List<Integer> columns) {
        int[][] out = new int[labels.length][columns.size()];
        for (int i = 0; i < labels.length; i++) {
            for (int a = 0; a < columns.size(); a++) {
                out[i][a] = labels[i][columns.get(a)];
            }
        }
        return out;
    }

    private static boolean isConstantColumn(int[][] labels, int column) {
        for (int[] row : labels) {
            if (row[column] != labels[0][column]) {
                return false;
            }
        }
        return true;
    }

    private static double aurocOfColumn(int[][] labels, double[][] logits, int column) {
        int[] y = new int[labels.length];
        double[] s = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            y[i] = labels[i][column];
            s[i] = logits[i][column];
        }
        return BinaryRanking.of(y, s).auroc(null);
    }

    /** Mean binary log loss of one column, from logits. */
    private static double logLossOfColumn(int[][] labels, double[][] logits, int column) {
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            double z = logits[i][column];
            sum += LogisticRegression.log1pExp(z) - labels[i][column] * z;
        }
        return sum / labels.length;
    }

    /** Mean multinomial cross-entropy, from logits. */
    private static double crossEntropy(int[] labels, double[][] logits) {
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (double z : logits[i]) {
                max = Math.max(max, z);
            }
            double exp = 0;
            for (double z : logits[i]) {
                exp += Math.exp(z - max);
            }
            sum += max + Math.log(exp) - logits[i][labels[i]];
        }
        return sum / labels.length;
    }

    private static double[] column(double[][] matrix, int c) {
        double[] out = new double[matrix.length];
        for (int i = 0; i < matrix.length; i++) {
            out[i] = matrix[i][c];
        }
        return out;
    }

    private static int argmax(double[] row) {
        int best = 0;
        for (int c = 1; c < row.length; c++) {
            if (row[c] > row[best]) {
                best = c;
            }
        }
        return best;
    }
}
