package org.jclef.clef.tasks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jclef.clef.io.RecordFormatException;
import org.jclef.clef.io.dataset.Ludb;
import org.jclef.clef.io.dataset.ManifestEntry;
import org.jclef.clef.io.dataset.PtbXl;

/**
 * The records a task draws from, as named by {@code --data}:
 * <ul>
 *   <li>a PTB-XL folder (holding {@code ptbxl_database.csv} and {@code scp_statements.csv}) or its
 *       {@code ptbxl_database.csv}: the manifest's records, at 500 Hz where {@code records500/}
 *       is present (the reference's input) and at 100 Hz otherwise;</li>
 *   <li>a LUDB folder (holding {@code ludb.csv} and {@code RECORDS}) or its {@code ludb.csv};</li>
 *   <li>any other folder: every WFDB record ({@code .hea}) under it, recursively, in path order,
 *       with id = file stem and no metadata (e.g. single-lead wearable recordings at 300 Hz);</li>
 *   <li>any other file: a list of record paths, one per line, relative to the list's folder
 *       (WFDB's {@code RECORDS} style; blank lines and lines starting with {@code #} are skipped).</li>
 * </ul>
 *
 * @param kind    which of the above
 * @param root    the folder the records are found in
 * @param entries the records, with metadata and labels where the data set has them
 */
public record DataSource(Kind kind, Path root, List<ManifestEntry> entries) {

    /** What kind of data a source holds. */
    public enum Kind {
        PTBXL("PTB-XL"), LUDB("LUDB"), FOLDER("WFDB folder"), LIST("record list");

        private final String title;

        Kind(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    public DataSource {
        entries = List.copyOf(entries);
    }

    /** Opens {@code path} as described above. */
    public static DataSource open(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            if (PtbXl.isPtbXl(path)) {
                return ptbXl(path);
            }
            if (Files.isRegularFile(path.resolve("ludb.csv")) && Files.isRegularFile(path.resolve("RECORDS"))) {
                return new DataSource(Kind.LUDB, path, Ludb.open(path).entries());
            }
            return folder(path);
        }
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such data folder or manifest file");
        }
        Path parent = path.toAbsolutePath().getParent();
        String name = path.getFileName().toString();
        if (name.equals("ptbxl_database.csv")) {
            return ptbXl(parent);
        }
        if (name.equals("ludb.csv")) {
            return new DataSource(Kind.LUDB, parent, Ludb.open(parent).entries());
        }
        return list(path);
    }

    private static DataSource ptbXl(Path root) throws IOException {
        PtbXl high = PtbXl.open(root, PtbXl.Rate.HIGH_500);
        boolean hasHigh = !high.entries().isEmpty() && Files.isRegularFile(high.entries().get(0).header());
        return new DataSource(Kind.PTBXL, root, hasHigh ? high.entries() : PtbXl.open(root, PtbXl.Rate.LOW_100).entries());
    }

    private static DataSource folder(Path root) throws IOException {
        List<Path> headers;
        try (Stream<Path> files = Files.walk(root)) {
            headers = files.filter(p -> p.getFileName().toString().endsWith(".hea") && Files.isRegularFile(p))
                    .sorted(Comparator.comparing(Path::toString)).toList();
        }
        if (headers.isEmpty()) {
            throw new NoSuchFileException(root.toString(), null, "no WFDB records (.hea files) in this folder");
        }
        List<ManifestEntry> entries = new ArrayList<>();
        for (Path header : headers) {
            entries.add(new ManifestEntry(stem(header), header, Map.of(), Set.of()));
        }
        return new DataSource(Kind.FOLDER, root, entries);
    }

    private static DataSource list(Path file) throws IOException {
        Path base = file.toAbsolutePath().getParent();
        List<String> lines = Files.readAllLines(file);
        List<ManifestEntry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Path record = base.resolve(line);
            String name = record.getFileName().toString();
            Path header = name.endsWith(".hea") ? record
                    : record.resolveSibling((name.endsWith(".dat") || name.endsWith(".mat")
                            ? name.substring(0, name.length() - 4) : name) + ".hea");
            if (!Files.isRegularFile(header)) {
                throw RecordFormatException.atLine(file, i + 1, "record '" + line + "' has no WFDB header "
                        + header + " (expected one record path per line, relative to " + base + ")");
            }
            entries.add(new ManifestEntry(stem(header), header, Map.of(), Set.of()));
        }
        if (entries.isEmpty()) {
            throw new RecordFormatException(file + ": lists no records (expected one record path per line)");
        }
        return new DataSource(Kind.LIST, base, entries);
    }

    /** The file name without its extension: the id a labels CSV uses. */
    public static String stem(Path header) {
        String name = header.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /**
     * The records by every name a labels CSV may use for them: the file stem ({@code 00001_lr})
     * and the data set's id ({@code 1}), the stem winning where the two collide.
     */
    public Map<String, ManifestEntry> byName() {
        Map<String, ManifestEntry> out = new LinkedHashMap<>();
        for (ManifestEntry e : entries) {
            out.putIfAbsent(e.id(), e);
        }
        for (ManifestEntry e : entries) {
            out.put(stem(e.header()), e);
        }
        return out;
    }

    /** "PTB-XL (240 records, /path)". */
    public String describe() {
        return kind.title() + " (" + entries.size() + " records, " + root + ")";
    }
}
