package org.jclef.clef.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A comma-separated table (RFC 4180: quoted cells may contain commas, doubled quotes and line
 * breaks). The first row is the header; every row must have as many cells as the header.
 *
 * @param file    the source, for messages
 * @param header  the header cells
 * @param rows    the data rows
 */
public record CsvTable(Path file, List<String> header, List<Row> rows) {

    /**
     * One data row.
     *
     * @param line  1-based line number where the row starts
     * @param cells the cells, as many as the header has
     */
    public record Row(int line, List<String> cells) {
        public String get(int column) {
            return cells.get(column);
        }
    }

    public static CsvTable read(Path file) throws IOException {
        return parse(file, Files.readString(file, StandardCharsets.UTF_8));
    }

    public static CsvTable parse(Path file, String text) throws RecordFormatException {
        List<Row> all = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int line = 1;
        int rowStart = 1;
        boolean quoted = false;
        boolean cellWasQuoted = false;
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append(c);
                }
                i++;
                continue;
            }
            switch (c) {
                case '"' -> {
                    if (!cell.isEmpty()) {
                        throw RecordFormatException.atLine(file, line,
                                "quote inside an unquoted cell ('" + cell + "\"')");
                    }
                    quoted = true;
                    cellWasQuoted = true;
                }
                case ',' -> {
                    cells.add(cell.toString());
                    cell.setLength(0);
                    cellWasQuoted = false;
                }
                case '\r' -> {
                    // part of a CRLF line break; a lone CR is also a break
                    if (i + 1 < n && text.charAt(i + 1) == '\n') {
                        break;
                    }
                    endRow(all, cells, cell, rowStart, cellWasQuoted);
                    cellWasQuoted = false;
                    line++;
                    rowStart = line;
                }
                case '\n' -> {
                    endRow(all, cells, cell, rowStart, cellWasQuoted);
                    cellWasQuoted = false;
                    line++;
                    rowStart = line;
                }
                default -> {
                    if (cellWasQuoted) {
                        throw RecordFormatException.atLine(file, line, "text after a closing quote");
                    }
                    cell.append(c);
                }
            }
            i++;
        }
        if (quoted) {
            throw RecordFormatException.atLine(file, rowStart, "quoted cell is never closed");
        }
        endRow(all, cells, cell, rowStart, cellWasQuoted);
        if (all.isEmpty()) {
            throw new RecordFormatException(file + ": empty CSV file (expected a header row)");
        }
        List<String> header = all.get(0).cells();
        List<Row> rows = all.subList(1, all.size());
        for (Row r : rows) {
            if (r.cells().size() != header.size()) {
                throw RecordFormatException.atLine(file, r.line(), "expected " + header.size()
                        + " cells as in the header row, found " + r.cells().size());
            }
        }
        return new CsvTable(file, List.copyOf(header), List.copyOf(rows));
    }

    /** Index of the header cell equal to {@code name} (case-insensitive), or -1. */
    public int column(String name) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).strip().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Like {@link #column} but throws naming the file and the columns present. */
    public int requireColumn(String name) throws RecordFormatException {
        int c = column(name);
        if (c < 0) {
            throw RecordFormatException.atLine(file, 1, "no column '" + name + "' in the header " + header);
        }
        return c;
    }

    private static void endRow(List<Row> all, List<String> cells, StringBuilder cell, int line, boolean quoted) {
        if (cells.isEmpty() && cell.isEmpty() && !quoted) {
            return; // blank line
        }
        cells.add(cell.toString());
        cell.setLength(0);
        all.add(new Row(line, List.copyOf(cells)));
        cells.clear();
    }
}
