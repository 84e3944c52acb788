package org.jclef.clef.tasks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jclef.clef.eval.Targets;
import org.jclef.clef.eval.WarningSink;
import org.jclef.clef.io.dataset.ManifestEntry;

/**
 * The tasks defined on the bundled data sets. PTB-XL tasks use the data set's own patient-respecting
 * stratified folds ({@code strat_fold}): train on folds 1–8, validate on 9, test on 10 (the
 * reference's split, spec §7.1). LUDB has one record per patient, so its tasks use stratified k-fold
 * cross-validation. Records without the task's target (no age, no diagnostic statement) are left out.
 */
public enum BuiltinTask {
    PTBXL_SEX("ptbxl-sex", DataSource.Kind.PTBXL, "PTB-XL sex, binary (positive class: female)"),
    PTBXL_AGE("ptbxl-age", DataSource.Kind.PTBXL, "PTB-XL age in years, regression (ages over 89 are coded 90)"),
    PTBXL_NORM("ptbxl-norm", DataSource.Kind.PTBXL,
            "PTB-XL NORM vs abnormal, binary (positive class: abnormal, i.e. no NORM superclass)"),
    PTBXL_SUPERCLASS("ptbxl-superclass", DataSource.Kind.PTBXL,
            "PTB-XL diagnostic superclasses NORM, MI, STTC, CD, HYP, multilabel"),
    LUDB_SEX("ludb-sex", DataSource.Kind.LUDB, "LUDB sex, binary (positive class: female)"),
    LUDB_AGE("ludb-age", DataSource.Kind.LUDB, "LUDB age in years, regression"),
    LUDB_AF("ludb-af", DataSource.Kind.LUDB, "LUDB atrial fibrillation vs any other rhythm, binary (positive class: AF)");

    /** PTB-XL's five diagnostic superclasses, in the order of the multilabel columns. */
    public static final List<String> SUPERCLASSES = List.of("NORM", "MI", "STTC", "CD", "HYP");

    /** How PTB-XL tasks divide their records. */
    public enum PtbXlSplit {
        /** strat_fold 1–8 train, 9 validation, 10 test (the reference's split). */
        OFFICIAL,
        /** Cross-validation with each strat_fold present as one fold (for subsets that hold a few folds). */
        FOLDS_AS_CROSS_VALIDATION
    }

    private final String cliName;
    private final DataSource.Kind data;
    private final String description;

    BuiltinTask(String cliName, DataSource.Kind data, String description) {
        this.cliName = cliName;
        this.data = data;
        this.description = description;
    }

    public String cliName() {
        return cliName;
    }

    /** The data set the task is defined on. */
    public DataSource.Kind data() {
        return data;
    }

    public String description() {
        return description;
    }

    /** The task named {@code name} (e.g. "ptbxl-sex"). */
    public static BuiltinTask parse(String name) {
        for (BuiltinTask t : values()) {
            if (t.cliName.equals(name.strip().toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown task '" + name + "', expected one of "
                + Arrays.stream(values()).map(BuiltinTask::cliName).collect(Collectors.joining(", ")));
    }

    /**
     * The task on {@code source} with its default split (PTB-XL: folds 1–8 / 9 / 10; LUDB:
     * stratified {@code folds}-fold cross-validation with {@code seed}).
     */
    public Task build(DataSource source, int folds, long seed, WarningSink warnings) {
        if (source.kind() != data) {
            throw new IllegalArgumentException("task " + cliName + " is defined on " + data.title() + " data, but "
                    + source.describe() + " is " + source.kind().title());
        }
        if (data == DataSource.Kind.PTBXL) {
            return ptbXl(source.entries(), PtbXlSplit.OFFICIAL);
        }
        Selected s = select(source.entries());
        return new Task(cliName, description, s.records(), s.targets(), outputs(),
                CrossValidationFolds.stratified(s.targets(), folds, seed, warnings));
    }

    /** A PTB-XL task on {@code entries} (PTB-XL manifest entries) with the given split. */
    public Task ptbXl(List<ManifestEntry> entries, PtbXlSplit split) {
        if (data != DataSource.Kind.PTBXL) {
            throw new IllegalArgumentException("task " + cliName + " is not a PTB-XL task");
        }
        Selected s = select(entries);
        int[] folds = new int[s.records().size()];
        for (int i = 0; i < folds.length; i++) {
            ManifestEntry e = s.records().get(i);
            folds[i] = e.integer("strat_fold").orElseThrow(() -> new IllegalArgumentException("task " + cliName
                    + ": PTB-XL record " + e.id() + " has no strat_fold"));
        }
        TaskSplit taskSplit;
        if (split == PtbXlSplit.OFFICIAL) {
            int[] partition = new int[folds.length];
            for (int i = 0; i < folds.length; i++) {
                partition[i] = folds[i] == 10 ? TaskSplit.TEST : folds[i] == 9 ? TaskSplit.VALIDATION : TaskSplit.TRAIN;
            }
            taskSplit = new TaskSplit.Fixed(partition, "PTB-XL strat_fold 1–8 train, 9 validation, 10 test");
        } else {
            List<Integer> present = new ArrayList<>(new TreeSet<>(Arrays.stream(folds).boxed().toList()));
            int[] ids = new int[folds.length];
            for (int i = 0; i < folds.length; i++) {
                ids[i] = present.indexOf(folds[i]);
            }
            taskSplit = new TaskSplit.CrossValidation(ids, present.size(), "PTB-XL strat_fold " + present
                    + " as folds: patient-respecting, stratified by the PTB-XL authors");
        }
        return new Task(cliName, description, s.records(), s.targets(), outputs(), taskSplit);
    }

    /** What each output column means. */
    private List<String> outputs() {
        return switch (this) {
            case PTBXL_SEX, LUDB_SEX -> List.of("female");
            case PTBXL_AGE, LUDB_AGE -> List.of("age (years)");
            case PTBXL_NORM -> List.of("abnormal");
            case PTBXL_SUPERCLASS -> SUPERCLASSES;
            case LUDB_AF -> List.of("atrial fibrillation");
        };
    }

    private record Selected(List<ManifestEntry> records, Targets targets) {
    }

    /** The records that have this task's target, and their targets. */
    private Selected select(List<ManifestEntry> entries) {
        List<ManifestEntry> kept = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        for (ManifestEntry e : entries) {
            double[] row = target(e);
            if (row != null) {
                kept.add(e);
                rows.add(row);
            }
        }
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("task " + cliName + ": none of the " + entries.size()
                    + " records has the task's target");
        }
        Targets targets = switch (this) {
            case PTBXL_AGE, LUDB_AGE -> new Targets.Continuous(rows.stream().mapToDouble(r -> r[0]).toArray());
            case PTBXL_SUPERCLASS -> new Targets.Multilabel(rows.stream()
                    .map(r -> Arrays.stream(r).mapToInt(v -> (int) v).toArray()).toArray(int[][]::new));
            default -> new Targets.Binary(rows.stream().mapToInt(r -> (int) r[0]).toArray());
        };
        return new Selected(kept, targets);
    }

    /** The target of one record, or null when it has none. */
    private double[] target(ManifestEntry e) {
        switch (this) {
            case PTBXL_SEX, LUDB_SEX -> {
                String sex = e.metadata().getOrDefault("sex", "");
                return sex.equals("F") ? new double[] {1} : sex.equals("M") ? new double[] {0} : null;
            }
            case PTBXL_AGE, LUDB_AGE -> {
                OptionalDouble age = e.number("age");
                return age.isPresent() ? new double[] {age.getAsDouble()} : null;
            }
            case PTBXL_NORM -> {
                return e.labels().isEmpty() ? null : new double[] {e.labels().contains("NORM") ? 0 : 1};
            }
            case PTBXL_SUPERCLASS -> {
                if (e.labels().isEmpty()) {
                    return null;
                }
                return SUPERCLASSES.stream().mapToDouble(c -> e.labels().contains(c) ? 1 : 0).toArray();
            }
            case LUDB_AF -> {
                String rhythm = e.metadata().get("rhythm");
                return rhythm == null ? null : new double[] {rhythm.contains("Atrial fibrillation") ? 1 : 0};
            }
        }
        throw new IllegalStateException("task " + cliName + " has no target rule");
    }

    /** "name: description" lines for usage texts. */
    public static String catalogue() {
        return Arrays.stream(values()).map(t -> String.format(Locale.ROOT, "  %-18s %s", t.cliName, t.description))
                .collect(Collectors.joining("\n"));
    }
}
