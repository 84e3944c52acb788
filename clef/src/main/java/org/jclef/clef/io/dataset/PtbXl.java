package org.jclef.clef.io.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jclef.clef.io.CsvTable;
import org.jclef.clef.io.RecordFormatException;

/**
 * PTB-XL: {@code ptbxl_database.csv} (one row per ECG) and {@code scp_statements.csv} (SCP-ECG
 * statement → diagnostic class). Labels are the diagnostic superclasses (NORM, MI, STTC, CD,
 * HYP) of every statement in {@code scp_codes} that {@code scp_statements.csv} marks diagnostic
 * (the PTB-XL authors' convention, whatever the statement's likelihood).
 *
 * <p>Metadata: {@code ecg_id}, {@code patient_id}, {@code age}, {@code sex} ({@code M}/{@code F};
 * the file codes 0 = male, 1 = female), {@code height} (cm), {@code weight} (kg),
 * {@code scp_codes} (as in the file), {@code strat_fold} (1–10; 9 = validation, 10 = test) — each
 * only when present. PTB-XL codes ages above 89 as 300; those become {@code age} 90 with
 * {@code age_censored = true}.
 */
public final class PtbXl implements EcgDataset {

    /** Which of the two recordings of each ECG to read. */
    public enum Rate {
        /** {@code records100/…_lr}, 100 Hz. */
        LOW_100("filename_lr"),
        /** {@code records500/…_hr}, 500 Hz. */
        HIGH_500("filename_hr");

        final String column;

        Rate(String column) {
            this.column = column;
        }
    }

    private static final String CENSORED_AGE_CODE = "300";

    private final Path root;
    private final Rate rate;
    private final List<ManifestEntry> entries;

    private PtbXl(Path root, Rate rate, List<ManifestEntry> entries) {
        this.root = root;
        this.rate = rate;
        this.entries = List.copyOf(entries);
    }

    /** Reads the manifest under {@code root} (the folder holding {@code ptbxl_database.csv}). */
    public static PtbXl open(Path root, Rate rate) throws IOException {
        Map<String, String> classes = diagnosticClasses(CsvTable.read(root.resolve("scp_statements.csv")));
        CsvTable db = CsvTable.read(root.resolve("ptbxl_database.csv"));
        int ecgId = db.requireColumn("ecg_id");
        int patient = db.requireColumn("patient_id");
        int age = db.requireColumn("age");
        int sex = db.requireColumn("sex");
        int height = db.requireColumn("height");
        int weight = db.requireColumn("weight");
        int scp = db.requireColumn("scp_codes");
        int fold = db.requireColumn("strat_fold");
        int file = db.requireColumn(rate.column);
        List<ManifestEntry> entries = new ArrayList<>();
        for (CsvTable.Row row : db.rows()) {
            Map<String, String> meta = new LinkedHashMap<>();
            String id = integerText(row.get(ecgId));
            meta.put("ecg_id", id);
            putIfPresent(meta, "patient_id", integerText(row.get(patient)));
            String ageText = integerText(row.get(age));
            if (ageText.equals(CENSORED_AGE_CODE)) {
                meta.put("age", "90");
                meta.put("age_censored", "true");
            } else {
                putIfPresent(meta, "age", ageText);
            }
            String s = integerText(row.get(sex));
            if (!s.isEmpty()) {
                meta.put("sex", switch (s) {
                    case "0" -> "M";
                    case "1" -> "F";
                    default -> throw RecordFormatException.atLine(db.file(), row.line(),
                            "sex '" + row.get(sex) + "' is not 0 (male) or 1 (female)");
                });
            }
            putIfPresent(meta, "height", row.get(height).strip());
            putIfPresent(meta, "weight", row.get(weight).strip());
            meta.put("scp_codes", row.get(scp));
            putIfPresent(meta, "strat_fold", integerText(row.get(fold)));
            Map<String, Double> codes = parseScpCodes(db.file(), row.line(), row.get(scp));
            Set<String> labels = new TreeSet<>();
            for (String code : codes.keySet()) {
                String c = classes.get(code);
                if (c != null) {
                    labels.add(c);
                }
            }
            Path header = root.resolve(row.get(file).strip() + ".hea");
            entries.add(new ManifestEntry(id, header, meta, labels));
        }
        return new PtbXl(root, rate, entries);
    }

    @Override
    public String name() {
        return "PTB-XL (" + root + ", " + rate + ")";
    }

    @Override
    public List<ManifestEntry> entries() {
        return entries;
    }

    /**
     * Parses the {@code scp_codes} cell, a Python dict literal such as
     * {@code {'NORM': 100.0, 'SR': 0.0}}, into statement → likelihood.
     */
    public static Map<String, Double> parseScpCodes(Path file, int line, String cell) throws RecordFormatException {
        String s = cell.strip();
        if (!s.startsWith("{") || !s.endsWith("}")) {
            throw RecordFormatException.atLine(file, line, "scp_codes '" + cell
                    + "' is not a {'CODE': likelihood} dict");
        }
        Map<String, Double> out = new LinkedHashMap<>();
        String body = s.substring(1, s.length() - 1).strip();
        if (body.isEmpty()) {
            return out;
        }
        for (String item : body.split(",")) {
            int colon = item.lastIndexOf(':');
            String key = colon < 0 ? "" : item.substring(0, colon).strip();
            if (colon < 0 || key.length() < 2 || !(key.startsWith("'") && key.endsWith("'"))) {
                throw RecordFormatException.atLine(file, line, "scp_codes item '" + item.strip()
                        + "' is not 'CODE': likelihood");
            }
            try {
                out.put(key.substring(1, key.length() - 1), Double.parseDouble(item.substring(colon + 1).strip()));
            } catch (NumberFormatException e) {
                throw RecordFormatException.atLine(file, line, "scp_codes item '" + item.strip()
                        + "' has a likelihood that is not a number");
            }
        }
        return out;
    }

    /** Statement → diagnostic class for the rows of {@code scp_statements.csv} with {@code diagnostic = 1}. */
    static Map<String, String> diagnosticClasses(CsvTable statements) throws RecordFormatException {
        int diagnostic = statements.requireColumn("diagnostic");
        int cls = statements.requireColumn("diagnostic_class");
        Map<String, String> out = new HashMap<>();
        for (CsvTable.Row row : statements.rows()) {
            String flag = row.get(diagnostic).strip();
            if ((flag.equals("1") || flag.equals("1.0")) && !row.get(cls).isBlank()) {
                out.put(row.get(0).strip(), row.get(cls).strip());
            }
        }
        return out;
    }

    /** Whether {@code root} looks like a PTB-XL folder. */
    public static boolean isPtbXl(Path root) {
        return Files.isRegularFile(root.resolve("ptbxl_database.csv"))
                && Files.isRegularFile(root.resolve("scp_statements.csv"));
    }

    private static String integerText(String cell) {
        String s = cell.strip();
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    private static void putIfPresent(Map<String, String> meta, String key, String value) {
        if (!value.isEmpty()) {
            meta.put(key, value);
        }
    }
}
