package org.jclef.clef.tasks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jclef.clef.eval.LinearProbe;
import org.jclef.clef.eval.MacroRule;
import org.jclef.clef.eval.Metric;
import org.jclef.clef.eval.Targets;
import org.jclef.clef.eval.WarningSink;

/**
 * Test metrics of a cross-validation: each metric is computed on every round's held-out records
 * with that round's model, then averaged over the rounds (scikit-learn's {@code cross_val_score}
 * convention).
 *
 * <p>Why not score the pooled held-out predictions once: the rounds' models are fitted on different
 * training sets, so their scores are on different scales. When the features carry little signal the
 * probe is strongly regularised and predicts little more than its training prevalence, which is
 * highest exactly in the rounds whose test fold has the fewest positives; pooled, that pushes AUROC
 * below 0.5 for a classifier that is merely uninformative. Averaging per-round metrics compares
 * scores of one model only.
 *
 * <p>A round whose metric is undefined (e.g. a label absent from its test fold) is left out of that
 * metric's average and reported; the metric is undefined only when it is undefined in every round.
 * Under a bootstrap weighting each round's metric sees the weights of its own records.
 */
public final class CrossValidatedMetrics {
    private CrossValidatedMetrics() {
    }

    /**
     * The metrics of {@link LinearProbe#testMetrics} for these targets and scores, averaged over the
     * rounds given by {@code foldIds}; with {@code foldIds} null, the metrics of one test set.
     */
    public static List<Metric> of(Targets targets, double[][] scores, int[] foldIds, MacroRule rule) {
        if (foldIds == null) {
            return LinearProbe.testMetrics(targets, scores, rule);
        }
        if (foldIds.length != targets.size() || scores.length != targets.size()) {
            throw new IllegalArgumentException("CrossValidatedMetrics: " + foldIds.length + " fold ids, "
                    + scores.length + " score rows and " + targets.size() + " targets");
        }
        int folds = Arrays.stream(foldIds).max().orElse(-1) + 1;
        List<int[]> rows = new ArrayList<>();
        List<List<Metric>> perFold = new ArrayList<>();
        for (int f = 0; f < folds; f++) {
            int fold = f;
            int[] r = java.util.stream.IntStream.range(0, foldIds.length).filter(i -> foldIds[i] == fold).toArray();
            if (r.length == 0) {
                continue;
            }
            double[][] s = new double[r.length][];
            for (int i = 0; i < r.length; i++) {
                s[i] = scores[r[i]];
            }
            rows.add(r);
            perFold.add(LinearProbe.testMetrics(Task.subset(targets, r), s, rule));
        }
        List<Metric> out = new ArrayList<>();
        for (int k = 0; k < perFold.get(0).size(); k++) {
            out.add(average(perFold, rows, k));
        }
        return out;
    }

    private static Metric average(List<List<Metric>> perFold, List<int[]> rows, int k) {
        String name = perFold.get(0).get(k).name();
        return new Metric() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public double evaluate(double[] weights, WarningSink warnings) {
                double sum = 0;
                int defined = 0;
                List<String> undefined = new ArrayList<>();
                for (int f = 0; f < perFold.size(); f++) {
                    double[] w = null;
                    if (weights != null) {
                        int[] r = rows.get(f);
                        w = new double[r.length];
                        for (int i = 0; i < r.length; i++) {
                            w[i] = weights[r[i]];
                        }
                    }
                    int round = f + 1;
                    double v = perFold.get(f).get(k).evaluate(w, message -> warnings.warn("round " + round + ": " + message));
                    if (Double.isNaN(v)) {
                        undefined.add(Integer.toString(round));
                    } else {
                        sum += v;
                        defined++;
                    }
                }
                if (!undefined.isEmpty() && defined > 0) {
                    warnings.warn(name + ": undefined in round(s) " + String.join(", ", undefined) + "; averaged over the "
                            + defined + " other round(s)");
                }
                return defined == 0 ? Double.NaN : sum / defined;
            }
        };
    }
}
