package org.jclef.clef.eval;

/**
 * A metric's point estimate on the whole test set with its percentile-bootstrap interval.
 *
 * @param name the {@link Metric#name()}
 * @param value the point estimate; NaN when undefined on the test set
 * @param lo lower interval bound; NaN when there is no interval
 * @param hi upper interval bound; NaN when there is no interval
 * @param resamples resamples that entered the interval
 * @param skipped resamples on which the metric was undefined (left out of the interval)
 */
public record MetricValue(String name, double value, double lo, double hi, int resamples, int skipped) {

    public MetricValue {
        if (resamples < 0 || skipped < 0) {
            throw new IllegalArgumentException("MetricValue " + name + ": resample counts must be >= 0, got "
                    + resamples + " and " + skipped);
        }
    }

    /** A point estimate without an interval. */
    public static MetricValue point(String name, double value) {
        return new MetricValue(name, value, Double.NaN, Double.NaN, 0, 0);
    }

    /** Whether {@link #lo} and {@link #hi} hold an interval. */
    public boolean hasInterval() {
        return !Double.isNaN(lo) && !Double.isNaN(hi);
    }
}
