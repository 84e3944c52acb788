package org.jclef.clef.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A recording as a CSV file: a header row of lead names, then one row per sample with one numeric
 * column per lead (comma-separated; empty cells and "NaN" are missing samples). Only what
 * {@code jclef embed} needs.
 */
record CsvLeads(Path file, List<String> names, float[][] columns) {

    /** Reads the whole file; every error names the file, the line and what was expected. */
    static CsvLeads read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new CliException("input file " + file + " does not exist or is not a file");
        }
        List<String> names = new ArrayList<>();
        List<float[]> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNumber = 0;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (names.isEmpty()) {
                    for (String cell : cells) {
                        String name = unquote(cell.strip());
                        if (name.isEmpty() || isNumber(name)) {
                            throw new CliException(file + " line " + lineNumber + ": expected a header row of lead names"
                                    + " (e.g. I,II,III), got '" + line.strip() + "'");
                        }
                        names.add(name);
                    }
                    continue;
                }
                if (cells.length != names.size()) {
                    throw new CliException(file + " line " + lineNumber + ": expected " + names.size()
                            + " comma-separated values (one per lead), got " + cells.length);
                }
                float[] row = new float[cells.length];
                for (int c = 0; c < cells.length; c++) {
                    row[c] = parseSample(cells[c].strip(), file, lineNumber, names.get(c));
                }
                rows.add(row);
            }
        }
        if (names.isEmpty()) {
            throw new CliException(file + ": empty file; expected a header row of lead names and one row per sample");
        }
        if (rows.isEmpty()) {
            throw new CliException(file + ": no samples after the header");
        }
        float[][] columns = new float[names.size()][rows.size()];
        for (int t = 0; t < rows.size(); t++) {
            for (int c = 0; c < names.size(); c++) {
                columns[c][t] = rows.get(t)[c];
            }
        }
        return new CsvLeads(file, List.copyOf(names), columns);
    }

    private static float parseSample(String cell, Path file, int line, String lead) {
        if (cell.isEmpty() || cell.equalsIgnoreCase("nan")) {
            return Float.NaN;
        }
        try {
            float v = Float.parseFloat(cell);
            if (Float.isInfinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new CliException(file + " line " + line + ", lead " + lead + ": '" + cell + "' is not a finite number");
        }
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    /**
     * The index of a lead: {@code selector} is a 0-based column index or a name (exact, else
     * case-insensitive); null picks the only lead, or lead II when there are several.
     */
    int select(String selector) {
        if (selector == null) {
            if (names.size() == 1) {
                return 0;
            }
            int ii = byName("II");
            if (ii >= 0) {
                return ii;
            }
            throw new CliException(file + " has " + names.size() + " leads " + names + "; choose one with --lead NAME|INDEX");
        }
        if (selector.chars().allMatch(Character::isDigit) && !selector.isEmpty()) {
            int index = Integer.parseInt(selector);
            if (index >= names.size()) {
                throw new CliException("--lead " + selector + ": " + file + " has leads 0 to " + (names.size() - 1)
                        + " " + names);
            }
            return index;
        }
        int index = byName(selector);
        if (index < 0) {
            throw new CliException("--lead " + selector + ": no such lead in " + file + " (leads: " + names + ")");
        }
        return index;
    }

    private int byName(String name) {
        int exact = names.indexOf(name);
        if (exact >= 0) {
            return exact;
        }
        int found = -1;
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                if (found >= 0) {
                    throw new CliException("--lead " + name + " matches several leads of " + file + " " + names
                            + "; give the exact name or an index");
                }
                found = i;
            }
        }
        return found;
    }
}
