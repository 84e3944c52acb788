package org.jclef.clef.demo;

import java.util.List;
import java.util.Locale;
import org.jclef.clef.eval.Bootstrap;
import org.jclef.clef.eval.BootstrapConfig;
import org.jclef.clef.eval.MacroRule;
import org.jclef.clef.eval.Metric;
import org.jclef.clef.eval.MetricValue;
import org.jclef.clef.eval.WarningSink;
import org.jclef.clef.tasks.CrossValidatedMetrics;
import org.jclef.clef.tasks.TaskResult;

/**
 * The difference in a task's headline metric between two encoders scored on the same records,
 * with a paired percentile-bootstrap interval: each resample draws the records once and evaluates
 * both encoders on that draw, so the interval reflects the difference itself rather than two
 * independent uncertainties. Cross-validated results compare their per-round averages
 * ({@link CrossValidatedMetrics}).
 *
 * @param task          the task
 * @param metric        the headline metric ("auroc", "auroc_macro", "mae")
 * @param encoder       the encoder compared
 * @param baseline      the encoder it is compared with
 * @param difference    encoder's value minus baseline's
 * @param lo            lower bound of the interval of the difference (NaN without one)
 * @param hi            upper bound
 * @param higherIsBetter whether a larger metric is better (AUROC) or worse (MAE)
 */
public record Comparison(String task, String metric, String encoder, String baseline, double difference, double lo,
                         double hi, boolean higherIsBetter) {

    /** What the interval says. */
    public enum Verdict {
        BETTER("better"), WORSE("worse"), UNCLEAR("no clear difference"), UNDEFINED("undefined");

        private final String words;

        Verdict(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** {@code a} − {@code b} on their headline metric; both must have scored the same records. */
    public static Comparison of(TaskResult a, TaskResult b, BootstrapConfig bootstrap) {
        if (!a.task().equals(b.task()) || !a.scored().equals(b.scored())) {
            throw new IllegalArgumentException("Comparison: " + a.encoder() + " and " + b.encoder()
                    + " were not scored on the same records of the same task");
        }
        String name = a.headlineName();
        Metric ma = find(CrossValidatedMetrics.of(a.evaluated(), a.scores(), a.foldIds(), MacroRule.STRICT), name);
        Metric mb = find(CrossValidatedMetrics.of(b.evaluated(), b.scores(), b.foldIds(), MacroRule.STRICT), name);
        Metric difference = new Metric() {
            @Override
            public String name() {
                return name + " difference";
            }

            @Override
            public double evaluate(double[] weights, WarningSink warnings) {
                return ma.evaluate(weights, warnings) - mb.evaluate(weights, warnings);
            }
        };
        MetricValue v = Bootstrap.evaluate(List.of(difference), a.evaluated().size(), bootstrap, WarningSink.ignoring())
                .get(0);
        return new Comparison(a.task(), name, a.encoder(), b.encoder(), v.value(), v.lo(), v.hi(), !name.equals("mae"));
    }

    private static Metric find(List<Metric> metrics, String name) {
        return metrics.stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Comparison: no metric " + name));
    }

    /** Better or worse when the interval excludes 0, otherwise unclear. */
    public Verdict verdict() {
        if (Double.isNaN(difference)) {
            return Verdict.UNDEFINED;
        }
        if (Double.isNaN(lo) || Double.isNaN(hi) || (lo <= 0 && hi >= 0)) {
            return Verdict.UNCLEAR;
        }
        boolean above = lo > 0;
        return above == higherIsBetter ? Verdict.BETTER : Verdict.WORSE;
    }

    /** "+0.031 [−0.042, +0.105]". */
    public String describe() {
        if (Double.isNaN(difference)) {
            return "undefined";
        }
        String interval = Double.isNaN(lo) ? "" : String.format(Locale.ROOT, " [%+.3f, %+.3f]", lo, hi);
        return String.format(Locale.ROOT, "%+.3f%s", difference, interval);
    }
}
