package org.jclef.clef.eval;

/**
 * A metric of one fixed test set (labels or targets and predictions bound at construction) that
 * can be evaluated for the whole set or for any non-negative weighting of its samples. A bootstrap
 * resample is the weighting "how many times sample i was drawn", so {@link Bootstrap} evaluates
 * many resamples without copying or re-sorting the data. Build one with {@link Metrics}.
 *
 * <pre>{@code
 * Metric auc = Metrics.auroc(new int[] {0, 0, 1, 1}, new double[] {0.1, 0.4, 0.35, 0.8});
 * auc.value();                                        // 0.75
 * auc.evaluate(new double[] {1, 0, 1, 1}, WarningSink.ignoring());   // 1.0 (sample 1 not drawn)
 * }</pre>
 */
public interface Metric {

    /** Name used in tables and JSON, e.g. "auroc", "auroc_macro", "auroc[3]", "mae". */
    String name();

    /**
     * The metric under sample weights.
     *
     * @param weights a finite, non-negative weight per test sample, or null for all ones
     * @param warnings told why the result is NaN when it is undefined (e.g. a label column with
     *        no positive sample)
     * @return the value, or NaN when it is undefined for these weights
     */
    double evaluate(double[] weights, WarningSink warnings);

    /** The unweighted value; an undefined value is NaN and is reported to {@code warnings}. */
    default double value(WarningSink warnings) {
        return evaluate(null, warnings);
    }

    /** The unweighted value; an undefined value is NaN and is logged ({@link WarningSink#logger}). */
    default double value() {
        return evaluate(null, WarningSink.logger());
    }
}
