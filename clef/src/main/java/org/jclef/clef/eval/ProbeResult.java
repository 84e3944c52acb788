package org.jclef.clef.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jclef.tensor.io.Json;

/**
 * What a {@link LinearProbe} found: the regularisation path on the validation split, the chosen
 * C or α, the test metrics with bootstrap intervals, and every warning raised on the way.
 *
 * @param task "binary", "multiclass", "multilabel" or "regression"
 * @param trainSize training samples
 * @param validationSize validation samples
 * @param testSize test samples
 * @param features embedding dimension D
 * @param regularization "C" (logistic regression) or "alpha" (ridge)
 * @param criterion what the validation split minimised or maximised
 * @param macroRule the rule of the test macro averages
 * @param bootstrap the settings of the intervals
 * @param grid the regularisation values in the order they were fitted
 * @param units what a value was chosen for: one entry ("all") when one C or α serves every
 *        output, one per label column ("label 3") for one-vs-rest multilabel probes
 * @param validation [grid][units]: the validation criterion of each unit at each grid value
 *        (NaN where the unit was not fitted)
 * @param selected [units]: the chosen value per unit (NaN where the unit was not fitted)
 * @param metrics test metrics with intervals
 * @param warnings everything reported to the probe's warning sink, in order
 * @param testScores [N_test][K]: test probabilities (classification; for binary, column 0 is
 *        P(positive)) or predictions (regression), for curves and further analysis
 */
public record ProbeResult(String task, int trainSize, int validationSize, int testSize, int features,
                          String regularization, SelectionCriterion criterion, MacroRule macroRule,
                          BootstrapConfig bootstrap, double[] grid, List<String> units, double[][] validation,
                          double[] selected, List<MetricValue> metrics, List<String> warnings,
                          double[][] testScores) {

    public ProbeResult {
        units = List.copyOf(units);
        metrics = List.copyOf(metrics);
        warnings = List.copyOf(warnings);
    }

    /** The test metric of that name. */
    public MetricValue metric(String name) {
        for (MetricValue m : metrics) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("ProbeResult: no metric '" + name + "'; have "
                + metrics.stream().map(MetricValue::name).toList());
    }

    /** An aligned plain-text report: header, chosen regularisation, metric table, warnings. */
    public String toTable() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "linear probe (%s): %d train / %d validation / %d test samples, D = %d%n",
                task, trainSize, validationSize, testSize, features));
        sb.append(String.format(Locale.ROOT, "%s chosen by validation %s over %d values (%s … %s)%n", regularization,
                criterion.name().toLowerCase(Locale.ROOT), grid.length, Reports.number(grid[0]),
                Reports.number(grid[grid.length - 1])));
        if (units.size() == 1) {
            sb.append(String.format(Locale.ROOT, "  %s = %s%n", regularization, Reports.number(selected[0])));
        } else {
            for (int u = 0; u < units.size(); u++) {
                sb.append(String.format(Locale.ROOT, "  %s: %s = %s%n", units.get(u), regularization,
                        Reports.number(selected[u])));
            }
        }
        sb.append(Reports.table(metrics, bootstrap.level()));
        if (!warnings.isEmpty()) {
            sb.append("warnings:").append(System.lineSeparator());
            for (String w : warnings) {
                sb.append("  - ").append(w).append(System.lineSeparator());
            }
        }
        return sb.toString();
    }

    /** The result as strict JSON (org.jclef.tensor.io.Json); NaN is written as null. */
    public String toJson() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("task", task);
        o.put("train_size", trainSize);
        o.put("validation_size", validationSize);
        o.put("test_size", testSize);
        o.put("features", features);
        o.put("regularization", regularization);
        o.put("criterion", criterion.name());
        o.put("macro_rule", macroRule.name());
        Map<String, Object> boot = new LinkedHashMap<>();
        boot.put("resamples", bootstrap.resamples());
        boot.put("seed", bootstrap.seed());
        boot.put("level", bootstrap.level());
        o.put("bootstrap", boot);
        o.put("grid", Reports.numbers(grid));
        o.put("units", units);
        List<Object> path = new ArrayList<>();
        for (double[] row : validation) {
            path.add(Reports.numbers(row));
        }
        o.put("validation", path);
        o.put("selected", Reports.numbers(selected));
        o.put("metrics", metrics.stream().map(Reports::json).toList());
        o.put("warnings", warnings);
        return Json.write(o);
    }
}
