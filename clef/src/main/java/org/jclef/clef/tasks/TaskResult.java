package org.jclef.clef.tasks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jclef.clef.eval.MetricValue;
import org.jclef.clef.eval.Reports;
import org.jclef.clef.eval.Targets;
import org.jclef.tensor.io.Json;

/**
 * The test metrics of one encoder on one task, with bootstrap intervals, and the held-out scores
 * they were computed from.
 *
 * @param task      the task's name
 * @param type      "binary", "multiclass", "multilabel" or "regression"
 * @param protocol  how the encoder was adapted
 * @param encoder   which encoder (e.g. its weights)
 * @param split     how the records were divided ({@link TaskSplit#describe()})
 * @param outputs   what each score column is
 * @param metrics   the test metrics with intervals
 * @param scored    the ids of the scored records, in the order of {@code evaluated}
 * @param evaluated the targets of the scored records (the test partition, or every record under
 *                  cross-validation)
 * @param scores    [records][outputs]: held-out probabilities or predictions, row i for
 *                  {@code evaluated} row i
 * @param foldIds   under cross-validation the round that held out each scored record (the metrics
 *                  are averaged over rounds, {@link CrossValidatedMetrics}); null for a fixed split
 * @param warnings  everything the evaluation warned about
 */
public record TaskResult(String task, String type, Protocol protocol, String encoder, String split,
                         List<String> outputs, List<MetricValue> metrics, List<String> scored, Targets evaluated,
                         double[][] scores, int[] foldIds, List<String> warnings) {

    public TaskResult {
        outputs = List.copyOf(outputs);
        metrics = List.copyOf(metrics);
        scored = List.copyOf(scored);
        if (scored.size() != evaluated.size() || scores.length != evaluated.size()) {
            throw new IllegalArgumentException("TaskResult " + task + ": " + scored.size() + " record ids, "
                    + scores.length + " score rows and " + evaluated.size() + " targets; expected one each per record");
        }
        warnings = List.copyOf(warnings);
        if (foldIds != null && foldIds.length != scored.size()) {
            throw new IllegalArgumentException("TaskResult " + task + ": " + foldIds.length + " fold ids for "
                    + scored.size() + " records");
        }
    }

    /** The metric of that name. */
    public MetricValue metric(String name) {
        for (MetricValue m : metrics) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("task " + task + ": no metric '" + name + "'; have "
                + metrics.stream().map(MetricValue::name).toList());
    }

    /** The metric that sums the task up: "auroc" (binary), "auroc_macro" (several outputs) or "mae". */
    public String headlineName() {
        return switch (type) {
            case "binary" -> "auroc";
            case "regression" -> "mae";
            default -> "auroc_macro";
        };
    }

    public MetricValue headline() {
        return metric(headlineName());
    }

    /** The same result with {@code extra} warnings added before its own. */
    public TaskResult withWarnings(List<String> extra) {
        List<String> all = new ArrayList<>(extra);
        all.addAll(warnings);
        return new TaskResult(task, type, protocol, encoder, split, outputs, metrics, scored, evaluated, scores, foldIds,
                all);
    }

    /** An aligned plain-text report: what was run, then the metric table with intervals, then warnings. */
    public String toTable(double level) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "task %s (%s), %s protocol, encoder %s%n", task, type,
                protocol.cliName(), encoder));
        sb.append("split: ").append(split).append(System.lineSeparator());
        sb.append(String.format(Locale.ROOT, "%d records scored%n", evaluated.size()));
        if (outputs.size() > 1) {
            List<String> legend = new ArrayList<>();
            for (int i = 0; i < outputs.size(); i++) {
                legend.add("[" + i + "] " + outputs.get(i));
            }
            sb.append("outputs: ").append(String.join(", ", legend)).append(System.lineSeparator());
        }
        sb.append(Reports.table(metrics, level));
        if (!warnings.isEmpty()) {
            sb.append("warnings:").append(System.lineSeparator());
            for (String w : warnings) {
                sb.append("  - ").append(w).append(System.lineSeparator());
            }
        }
        return sb.toString();
    }

    /**
     * One JSON object: the headline numbers as top-level fields ({@code auroc} for classification,
     * the macro average for several outputs; {@code mae}, {@code rmse}, {@code r2} for regression),
     * {@code ci} with the interval of every metric, and the full metric list.
     */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("task", task);
        o.put("type", type);
        o.put("protocol", protocol.cliName());
        o.put("encoder", encoder);
        o.put("split", split);
        o.put("records", evaluated.size());
        if (type.equals("regression")) {
            for (String name : List.of("mae", "rmse", "r2")) {
                o.put(name, orNull(metric(name).value()));
            }
        } else {
            o.put("auroc", orNull(headline().value()));
        }
        Map<String, Object> ci = new LinkedHashMap<>();
        for (MetricValue m : metrics) {
            List<Object> bounds = new ArrayList<>();
            bounds.add(orNull(m.lo()));
            bounds.add(orNull(m.hi()));
            ci.put(m.name(), bounds);
        }
        o.put("ci", ci);
        o.put("metrics", metrics.stream().map(Reports::json).toList());
        o.put("outputs", outputs);
        o.put("warnings", warnings);
        return o;
    }

    public String toJson() {
        return Json.write(toJsonMap());
    }

    private static Object orNull(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
