package org.jclef.clef.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Percentile-bootstrap confidence intervals over test samples.
 *
 * <p>Resample b draws n test samples uniformly with replacement; all metrics see the same
 * resamples (paired), each as a weighting "times drawn" ({@link Metric#evaluate}), so no data is
 * copied or re-sorted. A resample on which a metric is undefined (NaN, e.g. no positive sample of
 * a rare label was drawn) is skipped for that metric and counted in
 * {@link MetricValue#skipped()}. The interval is the (1 − level)/2 and (1 + level)/2 quantiles of
 * the remaining values, linearly interpolated (NumPy's default {@code percentile}).
 *
 * <p>Reproducible: resample b draws from the b-th generator split off a
 * {@link SplittableRandom} seeded with {@link BootstrapConfig#seed()}, so the result does not
 * depend on the number of threads that evaluate the resamples.
 *
 * <pre>{@code
 * List<MetricValue> ci = Bootstrap.evaluate(List.of(Metrics.auroc(y, p)), y.length,
 *         BootstrapConfig.DEFAULT, WarningSink.logger());
 * // [MetricValue[name=auroc, value=0.83, lo=0.79, hi=0.87, resamples=1000, skipped=0]]
 * }</pre>
 */
public final class Bootstrap {
    private Bootstrap() {
    }

    /**
     * Point estimates and intervals of metrics that share one test set of n samples. A metric
     * whose point estimate is undefined gets no interval.
     *
     * @param warnings told about undefined point estimates and skipped resamples
     */
    public static List<MetricValue> evaluate(List<Metric> metrics, int n, BootstrapConfig config,
                                             WarningSink warnings) {
        if (n <= 0) {
            throw new IllegalArgumentException("Bootstrap.evaluate: the test set is empty");
        }
        int m = metrics.size();
        double[] points = new double[m];
        for (int k = 0; k < m; k++) {
            points[k] = metrics.get(k).value(warnings);
        }
        int b = config.resamples();
        if (b == 0) {
            List<MetricValue> out = new ArrayList<>(m);
            for (int k = 0; k < m; k++) {
                out.add(MetricValue.point(metrics.get(k).name(), points[k]));
            }
            return out;
        }
        SplittableRandom root = new SplittableRandom(config.seed());
        SplittableRandom[] streams = new SplittableRandom[b];
        for (int r = 0; r < b; r++) {
            streams[r] = root.split();
        }
        double[][] values = new double[m][b];
        IntStream.range(0, b).parallel().forEach(r -> {
            double[] weights = drawCounts(n, streams[r]);
            for (int k = 0; k < m; k++) {
                values[k][r] = Double.isNaN(points[k]) ? Double.NaN
                        : metrics.get(k).evaluate(weights, WarningSink.ignoring());
            }
        });
        double lowQuantile = (1 - config.level()) / 2;
        double highQuantile = (1 + config.level()) / 2;
        List<MetricValue> out = new ArrayList<>(m);
        for (int k = 0; k < m; k++) {
            String name = metrics.get(k).name();
            if (Double.isNaN(points[k])) {
                out.add(MetricValue.point(name, points[k]));
                continue;
            }
            double[] defined = Arrays.stream(values[k]).filter(v -> !Double.isNaN(v)).sorted().toArray();
            int skipped = b - defined.length;
            if (defined.length == 0) {
                warnings.warn(name + ": undefined on all " + b + " bootstrap resamples, no interval");
                out.add(new MetricValue(name, points[k], Double.NaN, Double.NaN, 0, skipped));
                continue;
            }
            if (skipped > 0) {
                warnings.warn(name + ": " + skipped + " of " + b
                        + " bootstrap resamples skipped (metric undefined on them)");
            }
            out.add(new MetricValue(name, points[k], quantile(defined, lowQuantile), quantile(defined, highQuantile),
                    defined.length, skipped));
        }
        return out;
    }

    /** How many times each of n samples is drawn in n uniform draws with replacement. */
    static double[] drawCounts(int n, SplittableRandom random) {
        double[] counts = new double[n];
        for (int i = 0; i < n; i++) {
            counts[random.nextInt(n)]++;
        }
        return counts;
    }

    /** The q-quantile of sorted values, linearly interpolated between order statistics. */
    static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int below = (int) Math.floor(h);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (h - below) * (sorted[above] - sorted[below]);
    }
}
