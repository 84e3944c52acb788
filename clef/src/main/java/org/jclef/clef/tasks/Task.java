package org.jclef.clef.tasks;

import java.util.List;
import org.jclef.clef.eval.Targets;
import org.jclef.clef.io.dataset.ManifestEntry;

/**
 * A downstream task: records, one target per record, the names of the model's outputs and the split.
 *
 * @param name        e.g. "ptbxl-sex", or "labels" for a user's CSV
 * @param description one line for reports, naming the classes or the unit
 * @param records     the records, in the order of the targets
 * @param targets     one target per record
 * @param outputs     what each output column is: the positive class (binary), the classes
 *                    (multiclass), the labels (multilabel) or the target (regression)
 * @param split       how the records are divided
 */
public record Task(String name, String description, List<ManifestEntry> records, Targets targets,
                   List<String> outputs, TaskSplit split) {

    public Task {
        records = List.copyOf(records);
        outputs = List.copyOf(outputs);
        if (records.size() != targets.size()) {
            throw new IllegalArgumentException("task " + name + ": " + records.size() + " records but "
                    + targets.size() + " targets");
        }
        int splitSize = switch (split) {
            case TaskSplit.Fixed f -> f.partition().length;
            case TaskSplit.CrossValidation cv -> cv.foldIds().length;
        };
        if (splitSize != records.size()) {
            throw new IllegalArgumentException("task " + name + ": the split covers " + splitSize + " records, the task has "
                    + records.size());
        }
    }

    /** "binary", "multiclass", "multilabel" or "regression". */
    public String type() {
        return targets.task();
    }

    /** The targets of the given records, in that order. */
    public Targets targets(int[] rows) {
        return subset(targets, rows);
    }

    /** The name of the metric that sums a task up: AUROC (macro for several outputs) or MAE. */
    public String headlineMetric() {
        return switch (targets) {
            case Targets.Binary b -> "auroc";
            case Targets.Multiclass m -> "auroc_macro";
            case Targets.Multilabel m -> "auroc_macro";
            case Targets.Continuous c -> "mae";
        };
    }

    /** The rows of {@code targets} at {@code rows}. */
    public static Targets subset(Targets targets, int[] rows) {
        return switch (targets) {
            case Targets.Binary b -> {
                int[] out = new int[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    out[i] = b.labels()[rows[i]];
                }
                yield new Targets.Binary(out);
            }
            case Targets.Multiclass m -> {
                int[] out = new int[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    out[i] = m.labels()[rows[i]];
                }
                yield new Targets.Multiclass(out, m.numClasses());
            }
            case Targets.Multilabel m -> {
                int[][] out = new int[rows.length][];
                for (int i = 0; i < rows.length; i++) {
                    out[i] = m.labels()[rows[i]].clone();
                }
                yield new Targets.Multilabel(out);
            }
            case Targets.Continuous c -> {
                double[] out = new double[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    out[i] = c.values()[rows[i]];
                }
                yield new Targets.Continuous(out);
            }
        };
    }
}
