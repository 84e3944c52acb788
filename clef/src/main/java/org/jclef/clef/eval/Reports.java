package org.jclef.clef.eval;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jclef.tensor.io.Json;

/**
 * Text and JSON forms of metric values. Tables align their columns; JSON goes through the strict
 * writer of org.jclef.tensor.io.Json, which has no NaN, so an undefined number is written as null.
 *
 * <pre>
 * metric        value   95% CI            resamples
 * auroc         0.8123  [0.7990, 0.8251]  1000
 * auroc[3]      NaN     —                 0
 * auprc_macro   0.4410  [0.4102, 0.4733]  996 (4 skipped)
 * </pre>
 */
public final class Reports {
    private Reports() {
    }

    /** An aligned table of metric values with intervals at the given level. */
    public static String table(List<MetricValue> metrics, double level) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"metric", "value", String.format(Locale.ROOT, "%s%% CI", number(100 * level)),
            "resamples"});
        for (MetricValue m : metrics) {
            String interval = m.hasInterval() ? "[" + fixed(m.lo()) + ", " + fixed(m.hi()) + "]" : "—";
            String resamples = m.skipped() > 0 ? m.resamples() + " (" + m.skipped() + " skipped)"
                    : Integer.toString(m.resamples());
            rows.add(new String[] {m.name(), fixed(m.value()), interval, resamples});
        }
        int[] widths = new int[4];
        for (String[] row : rows) {
            for (int c = 0; c < 4; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < 4; c++) {
                line.append(row[c]);
                if (c < 3) {
                    line.append(" ".repeat(widths[c] - row[c].length() + 2));
                }
            }
            sb.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
        return sb.toString();
    }

    /** A metric value as a JSON-ready map: name, value, lo, hi, resamples, skipped. */
    public static Map<String, Object> json(MetricValue m) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("name", m.name());
        o.put("value", orNull(m.value()));
        o.put("lo", orNull(m.lo()));
        o.put("hi", orNull(m.hi()));
        o.put("resamples", m.resamples());
        o.put("skipped", m.skipped());
        return o;
    }

    /** Metric values as a JSON array string. */
    public static String json(List<MetricValue> metrics) {
        return Json.write(metrics.stream().map(Reports::json).toList());
    }

    /**
     * A ROC curve as a JSON-ready map of three arrays "fpr", "tpr", "thresholds"; the first
     * threshold (+∞) is written as null.
     */
    public static Map<String, Object> json(RocCurve curve) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("fpr", numbers(curve.fpr()));
        o.put("tpr", numbers(curve.tpr()));
        List<Object> thresholds = new ArrayList<>(curve.size());
        for (double t : curve.thresholds()) {
            thresholds.add(Double.isFinite(t) ? t : null);
        }
        o.put("thresholds", thresholds);
        return o;
    }

    /** Values as a list with NaN replaced by null. */
    static List<Object> numbers(double[] values) {
        List<Object> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(orNull(v));
        }
        return out;
    }

    /** A compact number with 4 significant digits: "0.01", "2500", "1e+06", "NaN", "inf". */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        double a = Math.abs(v);
        if (a == 0 || (a >= 1e-4 && a < 1e6)) {
            return new BigDecimal(String.format(Locale.ROOT, "%.4g", v)).stripTrailingZeros().toPlainString();
        }
        String s = String.format(Locale.ROOT, "%.3e", v);
        int e = s.indexOf('e');
        return s.substring(0, e).replaceAll("\\.?0+$", "") + s.substring(e);
    }

    private static String fixed(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static Object orNull(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
