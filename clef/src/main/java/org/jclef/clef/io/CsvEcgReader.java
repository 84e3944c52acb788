package org.jclef.clef.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an ECG stored as CSV: a header row of lead names, then one row per sample; the sampling
 * rate comes from the caller. A header cell may carry its units as {@code II (uV)} or
 * {@code II [mV]}; without units, millivolts are assumed. A leading column named {@code time},
 * {@code t}, {@code seconds}, {@code sample} or {@code index} is skipped. Empty cells and
 * {@code NaN} are missing samples (NaN); anything else that is not a number is an error naming
 * the line and column.
 */
public final class CsvEcgReader {
    private static final Set<String> INDEX_COLUMNS = Set.of("time", "t", "seconds", "sample", "index", "");
    private static final Pattern UNITS = Pattern.compile("(.*?)\\s*[(\\[]\\s*([^)\\]]+?)\\s*[)\\]]\\s*");

    private CsvEcgReader() {
    }

    public static EcgRecord read(Path file, double fs) throws IOException {
        if (!(fs > 0) || Double.isInfinite(fs)) {
            throw new IllegalArgumentException(file + ": a CSV record needs a positive sampling rate, got " + fs);
        }
        CsvTable table = CsvTable.read(file);
        List<String> header = table.header();
        int first = header.size() > 1 && INDEX_COLUMNS.contains(header.get(0).strip().toLowerCase(Locale.ROOT)) ? 1 : 0;
        if (header.size() == first) {
            throw RecordFormatException.atLine(file, 1, "header row has no lead columns");
        }
        int leadsCount = header.size() - first;
        double[][] samples = new double[leadsCount][table.rows().size()];
        for (int r = 0; r < table.rows().size(); r++) {
            CsvTable.Row row = table.rows().get(r);
            for (int c = 0; c < leadsCount; c++) {
                samples[c][r] = parse(file, row, first + c, header.get(first + c));
            }
        }
        List<Lead> leads = new ArrayList<>();
        for (int c = 0; c < leadsCount; c++) {
            String cell = header.get(first + c).strip();
            String label = cell;
            String units = "mV";
            Matcher m = UNITS.matcher(cell);
            if (m.matches()) {
                label = m.group(1);
                units = m.group(2);
            }
            leads.add(new Lead(LeadNames.canonical(label), label, Lead.normaliseUnits(units), samples[c]));
        }
        String name = file.getFileName().toString().replaceFirst("(?i)\\.csv$", "");
        return new EcgRecord(name, fs, leads, Map.of(), List.of());
    }

    private static double parse(Path file, CsvTable.Row row, int column, String lead) throws RecordFormatException {
        String cell = row.get(column).strip();
        if (cell.isEmpty() || cell.equalsIgnoreCase("nan")) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw RecordFormatException.atLine(file, row.line(), "column " + (column + 1) + " (" + lead + "): '"
                    + cell + "' is not a number");
        }
    }
}
