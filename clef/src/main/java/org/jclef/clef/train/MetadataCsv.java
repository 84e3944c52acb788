package org.jclef.clef.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jclef.clef.io.CsvTable;
import org.jclef.clef.io.RecordFormatException;
import org.jclef.clef.risk.Region;
import org.jclef.clef.risk.Score2;
import org.jclef.clef.risk.Score2Inputs;
import org.jclef.clef.risk.Sex;

/**
 * The per-record metadata CSV of {@code jclef pretrain --metadata}: one row per record, keyed by
 * the record's id, with SCORE2 inputs or a precomputed risk. Column names are matched
 * case-insensitively; every column but the key is optional:
 *
 * <table>
 *   <caption>columns</caption>
 *   <tr><th>column (aliases)</th><th>values</th></tr>
 *   <tr><td>record (record_id, id, ecg_id, path, filename)</td><td>the record's id, record name or
 *       path relative to the data folder, without extension</td></tr>
 *   <tr><td>age (age_at_ecg)</td><td>years</td></tr>
 *   <tr><td>sex (gender)</td><td>M/F, male/female</td></tr>
 *   <tr><td>sbp (systolic_bp)</td><td>systolic blood pressure, mmHg</td></tr>
 *   <tr><td>tc (total_cholesterol)</td><td>mmol/L</td></tr>
 *   <tr><td>hdl</td><td>mmol/L</td></tr>
 *   <tr><td>smoker (smoking), diabetes</td><td>yes/no, true/false, 1/0</td></tr>
 *   <tr><td>region</td><td>low, moderate, high, very-high (overrides {@code --region})</td></tr>
 *   <tr><td>risk (score2_risk, score2)</td><td>a precomputed 10-year risk as a fraction in [0, 1]</td></tr>
 *   <tr><td>rate_meta</td><td>the missing-metadata fraction m in [0, 1] (spec §3.6)</td></tr>
 * </table>
 *
 * An empty cell, {@code NA}, {@code NaN} or {@code null} is a missing value. Anything else that
 * does not parse, or lies outside the calculator's accepted range, is an error naming the file,
 * line, column and value: a metadata file is read completely or not at all.
 */
public final class MetadataCsv {
    private static final List<String> KEY_COLUMNS = List.of("record", "record_id", "id", "ecg_id", "path", "filename");
    private static final Set<String> MISSING = Set.of("", "na", "n/a", "nan", "null", "none");

    /** The parsed values of one row (null where missing). */
    public record Row(int line, String key, Sex sex, Double age, Double sbp, Double totalCholesterol, Double hdl,
                      Boolean smoker, Boolean diabetes, Region region, Double risk, Double rateMeta) {

        /** The SCORE2 inputs this row gives. */
        public Score2Inputs inputs() {
            return new Score2Inputs(sex, age, sbp, totalCholesterol, hdl, smoker, diabetes);
        }
    }

    private final Path file;
    private final Map<String, Row> rows;
    private final List<String> ignoredColumns;

    private MetadataCsv(Path file, Map<String, Row> rows, List<String> ignoredColumns) {
        this.file = file;
        this.rows = Collections.unmodifiableMap(rows);
        this.ignoredColumns = List.copyOf(ignoredColumns);
    }

    public static MetadataCsv read(Path file) throws IOException {
        CsvTable table = CsvTable.read(file);
        int key = -1;
        for (String name : KEY_COLUMNS) {
            if (key < 0) {
                key = table.column(name);
            }
        }
        if (key < 0) {
            throw RecordFormatException.atLine(file, 1, "no record key column: expected one of " + KEY_COLUMNS
                    + ", found " + table.header());
        }
        Map<String, Integer> columns = new LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        for (int c = 0; c < table.header().size(); c++) {
            String name = table.header().get(c).strip().toLowerCase(Locale.ROOT);
            String field = c == key ? "key" : field(name);
            if (field == null) {
                ignored.add(table.header().get(c).strip());
            } else if (columns.put(field, c) != null) {
                throw RecordFormatException.atLine(file, 1, "two columns give " + field + " (the second is '"
                        + table.header().get(c).strip() + "')");
            }
        }
        Map<String, Row> rows = new LinkedHashMap<>();
        for (CsvTable.Row r : table.rows()) {
            Row row = parseRow(file, table, columns, r);
            Row previous = rows.put(row.key(), row);
            if (previous != null) {
                throw RecordFormatException.atLine(file, r.line(), "record '" + row.key() + "' already has a row (line "
                        + previous.line() + ")");
            }
        }
        if (rows.isEmpty()) {
            throw new RecordFormatException(file + ": the metadata CSV has a header but no rows");
        }
        return new MetadataCsv(file, rows, ignored);
    }

    public Path file() {
        return file;
    }

    /** Rows by record key, in file order. */
    public Map<String, Row> rows() {
        return rows;
    }

    /** Header cells that name no known column (they are not read). */
    public List<String> ignoredColumns() {
        return ignoredColumns;
    }

    private static String field(String name) {
        return switch (name) {
            case "age", "age_at_ecg" -> "age";
            case "sex", "gender" -> "sex";
            case "sbp", "systolic_bp" -> "sbp";
            case "tc", "total_cholesterol" -> "tc";
            case "hdl" -> "hdl";
            case "smoker", "smoking" -> "smoker";
            case "diabetes" -> "diabetes";
            case "region" -> "region";
            case "risk", "score2_risk", "score2" -> "risk";
            case "rate_meta" -> "rate_meta";
            default -> null;
        };
    }

    private static Row parseRow(Path file, CsvTable table, Map<String, Integer> columns, CsvTable.Row r)
            throws RecordFormatException {
        Cells cells = new Cells(file, table, columns, r);
        String key = cells.text("key");
        if (key == null) {
            throw RecordFormatException.atLine(file, r.line(), "empty record key");
        }
        Row row = new Row(r.line(), key, cells.sex(), cells.number("age"), cells.number("sbp"), cells.number("tc"),
                cells.number("hdl"), cells.yesNo("smoker"), cells.yesNo("diabetes"), cells.region(),
                cells.fraction("risk"), cells.fraction("rate_meta"));
        try {
            Score2.evaluate(row.inputs(), Region.LOW);
        } catch (IllegalArgumentException e) {
            throw RecordFormatException.atLine(file, r.line(), "record '" + key + "': " + e.getMessage());
        }
        return row;
    }

    /** Typed access to one row's cells, with errors naming the line and column. */
    private record Cells(Path file, CsvTable table, Map<String, Integer> columns, CsvTable.Row row) {

        String text(String field) {
            Integer c = columns.get(field);
            if (c == null) {
                return null;
            }
            String v = row.get(c).strip();
            return MISSING.contains(v.toLowerCase(Locale.ROOT)) ? null : v;
        }

        RecordFormatException bad(String field, String value, String expected) {
            return RecordFormatException.atLine(file, row.line(), "column '" + table.header().get(columns.get(field)).strip()
                    + "': '" + value + "' is not " + expected);
        }

        Double number(String field) throws RecordFormatException {
            String v = text(field);
            if (v == null) {
                return null;
            }
            try {
                double d = Double.parseDouble(v);
                if (Double.isFinite(d)) {
                    return d;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw bad(field, v, "a finite number");
        }

        Double fraction(String field) throws RecordFormatException {
            Double d = number(field);
            if (d != null && !(d >= 0 && d <= 1)) {
                throw bad(field, text(field), "a fraction in [0, 1]" + (d > 1 && d <= 100
                        ? " (a percentage? divide by 100)" : ""));
            }
            return d;
        }

        Boolean yesNo(String field) throws RecordFormatException {
            String v = text(field);
            if (v == null) {
                return null;
            }
            return switch (v.toLowerCase(Locale.ROOT)) {
                case "yes", "y", "true", "1", "current" -> Boolean.TRUE;
                case "no", "n", "false", "0", "never", "former" -> Boolean.FALSE;
                default -> throw bad(field, v, "yes/no, true/false or 1/0");
            };
        }

        Sex sex() throws RecordFormatException {
            String v = text("sex");
            try {
                return v == null ? null : Sex.parse(v);
            } catch (IllegalArgumentException e) {
                throw bad("sex", v, "M/F or male/female");
            }
        }

        Region region() throws RecordFormatException {
            String v = text("region");
            try {
                return v == null ? null : Region.parse(v);
            } catch (IllegalArgumentException e) {
                throw bad("region", v, "low, moderate, high or very-high");
            }
        }
    }
}
