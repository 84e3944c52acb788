package org.jclef.clef.tasks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jclef.clef.eval.Targets;
import org.jclef.clef.eval.WarningSink;
import org.jclef.clef.io.CsvTable;
import org.jclef.clef.io.RecordFormatException;
import org.jclef.clef.io.dataset.ManifestEntry;

/**
 * A task from a user's labels CSV. The header is {@code record,label} (or several label columns);
 * {@code record} is a record's file stem ({@code 00001_lr}, {@code A0001}) or its data set id.
 *
 * <ul>
 *   <li><b>one label column</b>: numbers that are all 0 or 1 → binary; other numbers →
 *       regression; class names → binary when there are two (the positive class is the second in
 *       alphabetical order unless named), multiclass otherwise. An empty cell leaves the record out.</li>
 *   <li><b>several label columns</b> → multilabel, every cell 0 or 1.</li>
 * </ul>
 * The type can be forced ({@link #read}'s {@code type}). Every listed record must exist in the data;
 * records of the data without a row are not used. The split is stratified k-fold cross-validation.
 */
public final class LabelsCsv {
    private LabelsCsv() {
    }

    /**
     * The task the CSV defines on {@code data}.
     *
     * @param type     "binary", "multiclass", "multilabel", "regression", or null to infer it
     * @param positive the positive class of a binary task given by class names, or null
     * @throws IOException naming the file, line and problem
     */
    public static Task read(Path csv, DataSource data, String type, String positive, int folds, long seed,
                            WarningSink warnings) throws IOException {
        CsvTable table = CsvTable.read(csv);
        if (table.header().isEmpty() || !table.header().get(0).strip().equalsIgnoreCase("record")) {
            throw RecordFormatException.atLine(csv, 1, "the header must start with 'record', then the label "
                    + "column(s), e.g. 'record,label'; got " + table.header());
        }
        int labelColumns = table.header().size() - 1;
        if (labelColumns < 1) {
            throw RecordFormatException.atLine(csv, 1, "no label column after 'record'");
        }
        String kind = type == null ? null : type.strip().toLowerCase(Locale.ROOT);
        if (kind != null && !Set.of("binary", "multiclass", "multilabel", "regression").contains(kind)) {
            throw new IllegalArgumentException("task type '" + type
                    + "': expected binary, multiclass, multilabel or regression");
        }
        if (labelColumns > 1 && kind != null && !kind.equals("multilabel")) {
            throw RecordFormatException.atLine(csv, 1, labelColumns + " label columns make a multilabel task, not "
                    + kind);
        }
        if (labelColumns == 1 && "multilabel".equals(kind)) {
            throw RecordFormatException.atLine(csv, 1, "a multilabel task needs one 0/1 column per label");
        }

        Map<String, ManifestEntry> byName = data.byName();
        List<ManifestEntry> records = new ArrayList<>();
        List<CsvTable.Row> rows = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int unlabelled = 0;
        for (CsvTable.Row row : table.rows()) {
            String name = row.get(0).strip();
            if (!seen.add(name)) {
                throw RecordFormatException.atLine(csv, row.line(), "record '" + name + "' is listed twice");
            }
            if (labelColumns == 1 && row.get(1).isBlank()) {
                unlabelled++;
                continue;
            }
            ManifestEntry entry = byName.get(name);
            if (entry == null) {
                missing.add(name);
                continue;
            }
            records.add(entry);
            rows.add(row);
        }
        if (!missing.isEmpty()) {
            throw new RecordFormatException(csv + ": " + missing.size() + " record(s) are not in " + data.describe()
                    + ": " + String.join(", ", missing.subList(0, Math.min(5, missing.size())))
                    + (missing.size() > 5 ? ", …" : "") + " (the record column holds file stems such as "
                    + DataSource.stem(data.entries().get(0).header()) + ")");
        }
        if (unlabelled > 0) {
            warnings.warn(csv + ": " + unlabelled + " record(s) with an empty label are left out");
        }
        if (records.size() < 3) {
            throw new RecordFormatException(csv + ": only " + records.size() + " labelled record(s); a task needs more");
        }

        String name = "labels (" + csv.getFileName() + ")";
        if (labelColumns > 1) {
            Targets targets = multilabel(csv, table, rows);
            List<String> outputs = table.header().subList(1, table.header().size()).stream().map(String::strip).toList();
            return task(name, "multilabel " + outputs + " from " + csv, records, targets, outputs, folds, seed, warnings);
        }
        String column = table.header().get(1).strip();
        List<String> values = rows.stream().map(r -> r.get(1).strip()).toList();
        boolean numeric = values.stream().allMatch(LabelsCsv::isNumber);
        Set<Double> numbers = new TreeSet<>();
        if (numeric) {
            values.forEach(v -> numbers.add(Double.parseDouble(v)));
        }
        String inferred = numeric ? (Set.of(0.0, 1.0).containsAll(numbers) ? "binary" : "regression")
                : new TreeSet<>(values).size() == 2 ? "binary" : "multiclass";
        String chosen = kind != null ? kind : inferred;
        switch (chosen) {
            case "regression" -> {
                if (!numeric) {
                    throw new RecordFormatException(csv + ": column '" + column + "' holds class names, not numbers; "
                            + "a regression needs numeric labels");
                }
                double[] y = values.stream().mapToDouble(Double::parseDouble).toArray();
                return task(name, "regression of '" + column + "' from " + csv, records, new Targets.Continuous(y),
                        List.of(column), folds, seed, warnings);
            }
            case "binary" -> {
                List<String> classes = classes(values, numeric);
                if (classes.size() != 2) {
                    throw new RecordFormatException(csv + ": column '" + column + "' has " + classes.size()
                            + " classes " + classes + "; a binary task needs exactly 2");
                }
                String pos = positive != null ? positive.strip() : classes.get(1);
                if (!classes.contains(pos)) {
                    throw new IllegalArgumentException("positive class '" + positive + "' is not among " + classes);
                }
                int[] y = values.stream().mapToInt(v -> sameClass(v, pos, numeric) ? 1 : 0).toArray();
                return task(name, "binary '" + column + "' from " + csv + " (positive class: " + pos + ")", records,
                        new Targets.Binary(y), List.of(pos), folds, seed, warnings);
            }
            default -> {
                List<String> classes = classes(values, numeric);
                if (classes.size() < 2) {
                    throw new RecordFormatException(csv + ": column '" + column + "' has a single class " + classes);
                }
                int[] y = values.stream().mapToInt(v -> indexOf(classes, v, numeric)).toArray();
                return task(name, "multiclass '" + column + "' " + classes + " from " + csv, records,
                        new Targets.Multiclass(y, classes.size()), classes, folds, seed, warnings);
            }
        }
    }

    private static Task task(String name, String description, List<ManifestEntry> records, Targets targets,
                             List<String> outputs, int folds, long seed, WarningSink warnings) {
        return new Task(name, description, records, targets, outputs,
                CrossValidationFolds.stratified(targets, folds, seed, warnings));
    }

    private static Targets multilabel(Path csv, CsvTable table, List<CsvTable.Row> rows) throws RecordFormatException {
        int width = table.header().size() - 1;
        int[][] y = new int[rows.size()][width];
        for (int i = 0; i < rows.size(); i++) {
            CsvTable.Row row = rows.get(i);
            for (int l = 0; l < width; l++) {
                String cell = row.get(l + 1).strip();
                if (!isNumber(cell) || (Double.parseDouble(cell) != 0 && Double.parseDouble(cell) != 1)) {
                    throw RecordFormatException.atLine(csv, row.line(), "column '" + table.header().get(l + 1).strip()
                            + "' holds '" + cell + "'; multilabel columns hold 0 or 1");
                }
                y[i][l] = (int) Double.parseDouble(cell);
            }
        }
        return new Targets.Multilabel(y);
    }

    /** The distinct classes in order: numerically for numbers, alphabetically for names. */
    private static List<String> classes(List<String> values, boolean numeric) {
        if (numeric) {
            TreeSet<Double> set = new TreeSet<>();
            values.forEach(v -> set.add(Double.parseDouble(v)));
            return set.stream().map(LabelsCsv::numberName).toList();
        }
        return List.copyOf(new TreeSet<>(values));
    }

    private static int indexOf(List<String> classes, String value, boolean numeric) {
        for (int c = 0; c < classes.size(); c++) {
            if (sameClass(value, classes.get(c), numeric)) {
                return c;
            }
        }
        throw new IllegalStateException("class '" + value + "' not in " + classes);
    }

    private static boolean sameClass(String value, String name, boolean numeric) {
        return numeric && isNumber(name) ? Double.parseDouble(value) == Double.parseDouble(name) : value.equals(name);
    }

    private static String numberName(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static boolean isNumber(String s) {
        try {
            return Double.isFinite(Double.parseDouble(s.strip()));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
