package org.jclef.clef.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BootstrapTest {

    private static int[] labels(int n, double prevalence, SplittableRandom r) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextDouble() < prevalence ? 1 : 0;
        }
        return y;
    }

    private static double[] scores(int[] y, SplittableRandom r) {
        double[] s = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            s[i] = Math.round((r.nextGaussian() + y[i]) * 10) / 10.0;
        }
        return s;
    }

    @Test
    void intervalsContainThePointEstimateAndAreReproducible() {
        SplittableRandom r = new SplittableRandom(1);
        int[] y = labels(400, 0.3, r);
        double[] s = scores(y, r);
        double[] t = new double[400];
        for (int i = 0; i < t.length; i++) {
            t[i] = s[i] * 3 + r.nextGaussian();
        }
        List<Metric> metrics = List.of(Metrics.auroc(y, s), Metrics.averagePrecision(y, s), Metrics.mae(t, s),
                Metrics.r2(t, s));
        List<MetricValue> a = Bootstrap.evaluate(metrics, 400, BootstrapConfig.DEFAULT, WarningSink.ignoring());
        List<MetricValue> b = Bootstrap.evaluate(metrics, 400, BootstrapConfig.DEFAULT, WarningSink.ignoring());
        assertEquals(a, b, "same seed, same intervals");
        for (MetricValue m : a) {
            assertTrue(m.lo() < m.value() && m.value() < m.hi(), m.toString());
            assertEquals(1000, m.resamples());
            assertEquals(0, m.skipped());
        }
        MetricValue auc = a.get(0);
        assertTrue(auc.hi() - auc.lo() > 0.03 && auc.hi() - auc.lo() < 0.2, "plausible width for n = 400: " + auc);
        List<MetricValue> other = Bootstrap.evaluate(metrics, 400, new BootstrapConfig(1000, 43, 0.95),
                WarningSink.ignoring());
        assertNotEquals(a.get(0).lo(), other.get(0).lo(), "another seed, other resamples");
        assertEquals(a.get(0).value(), other.get(0).value(), 0, "the point estimate does not depend on the seed");
        MetricValue narrow = Bootstrap.evaluate(metrics, 400, new BootstrapConfig(1000, 42, 0.5),
                WarningSink.ignoring()).get(0);
        assertTrue(narrow.lo() > auc.lo() && narrow.hi() < auc.hi(), "a 50 % interval lies inside the 95 % one");
    }

    @Test
    void undefinedResamplesAreSkippedAndCounted() {
        // 2 positives in 100: about 13 % of resamples draw neither
        int[] y = new int[100];
        y[10] = 1;
        y[70] = 1;
        double[] s = new double[100];
        for (int i = 0; i < 100; i++) {
            s[i] = i / 100.0;
        }
        List<String> warnings = new ArrayList<>();
        MetricValue m = Bootstrap.evaluate(List.of(Metrics.auroc(y, s)), 100, BootstrapConfig.DEFAULT,
                WarningSink.collecting(warnings)).get(0);
        assertEquals(1000, m.resamples() + m.skipped());
        assertTrue(m.skipped() > 60 && m.skipped() < 220, "skipped " + m.skipped());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains(m.skipped() + " of 1000 bootstrap resamples skipped"), warnings.get(0));
    }

    @Test
    void undefinedPointEstimateGetsNoInterval() {
        MetricValue m = Bootstrap.evaluate(List.of(Metrics.auroc(new int[] {0, 0, 0}, new double[] {1, 2, 3})), 3,
                BootstrapConfig.DEFAULT, WarningSink.ignoring()).get(0);
        assertTrue(Double.isNaN(m.value()) && !m.hasInterval());
        assertEquals(0, m.resamples());
    }

    @Test
    void noResamplesMeansPointEstimatesOnly() {
        MetricValue m = Bootstrap.evaluate(List.of(Metrics.mae(new double[] {1, 2}, new double[] {2, 2})), 2,
                BootstrapConfig.NONE, WarningSink.ignoring()).get(0);
        assertEquals(MetricValue.point("mae", 0.5), m);
    }

    @Test
    void countsSumToNAndQuantilesInterpolate() {
        double[] counts = Bootstrap.drawCounts(50, new SplittableRandom(3));
        double sum = 0;
        for (double c : counts) {
            sum += c;
        }
        assertEquals(50, sum, 0);
        double[] sorted = {1, 2, 3, 4};
        assertEquals(1, Bootstrap.quantile(sorted, 0), 0);
        assertEquals(4, Bootstrap.quantile(sorted, 1), 0);
        assertEquals(2.5, Bootstrap.quantile(sorted, 0.5), 0);
        assertEquals(1.075, Bootstrap.quantile(sorted, 0.025), 1e-15);
    }
}
