package org.jclef.clef.tasks;

import java.util.ArrayList;
import java.util.List;
import org.jclef.clef.eval.Metrics;
import org.jclef.clef.eval.RocCurve;
import org.jclef.clef.eval.Targets;

/**
 * A ROC curve for plotting a binary task's result: the test set's curve for a fixed split, and
 * under cross-validation the vertical average of the rounds' curves (each round's true positive
 * rate interpolated on a common grid of false positive rates, then averaged), which matches the
 * per-round averaging of {@link CrossValidatedMetrics}.
 *
 * @param fpr    false positive rates, from 0 to 1
 * @param tpr    true positive rates at those rates
 * @param rounds how many curves were averaged (rounds with both classes in their test fold)
 */
public record MeanRoc(double[] fpr, double[] tpr, int rounds) {
    private static final int GRID = 100;

    /** The curve of a binary result. */
    public static MeanRoc of(TaskResult result) {
        if (!(result.evaluated() instanceof Targets.Binary binary)) {
            throw new IllegalArgumentException("MeanRoc: task " + result.task() + " is " + result.type() + ", not binary");
        }
        int[] labels = binary.labels();
        double[] scores = new double[labels.length];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = result.scores()[i][0];
        }
        if (result.foldIds() == null) {
            RocCurve roc = Metrics.rocCurve(labels, scores);
            return new MeanRoc(roc.fpr(), roc.tpr(), 1);
        }
        int folds = 0;
        for (int f : result.foldIds()) {
            folds = Math.max(folds, f + 1);
        }
        double[] grid = new double[GRID + 2];
        for (int g = 0; g <= GRID; g++) {
            grid[g + 1] = (double) g / GRID;
        }
        double[] sum = new double[grid.length];
        int used = 0;
        for (int f = 0; f < folds; f++) {
            List<Integer> rows = new ArrayList<>();
            int positives = 0;
            for (int i = 0; i < labels.length; i++) {
                if (result.foldIds()[i] == f) {
                    rows.add(i);
                    positives += labels[i];
                }
            }
            if (positives == 0 || positives == rows.size()) {
                continue;
            }
            RocCurve roc = Metrics.rocCurve(rows.stream().mapToInt(i -> labels[i]).toArray(),
                    rows.stream().mapToDouble(i -> scores[i]).toArray());
            for (int g = 1; g < grid.length; g++) {
                sum[g] += interpolate(roc, grid[g]);
            }
            used++;
        }
        if (used == 0) {
            throw new IllegalArgumentException("MeanRoc: no round of task " + result.task() + " has both classes");
        }
        double[] tpr = new double[grid.length];
        for (int g = 1; g < grid.length; g++) {
            tpr[g] = sum[g] / used;
        }
        return new MeanRoc(grid, tpr, used);
    }

    /** The curve's highest true positive rate at false positive rate x, linear between points. */
    static double interpolate(RocCurve roc, double x) {
        double[] f = roc.fpr();
        double[] t = roc.tpr();
        int j = 0;
        while (j + 1 < f.length && f[j + 1] <= x) {
            j++;
        }
        if (f[j] == x || j + 1 == f.length) {
            return t[j];
        }
        return t[j] + (t[j + 1] - t[j]) * (x - f[j]) / (f[j + 1] - f[j]);
    }
}
