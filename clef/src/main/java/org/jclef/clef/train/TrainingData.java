package org.jclef.clef.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jclef.clef.io.HeaderMetadata;
import org.jclef.clef.io.Lead;
import org.jclef.clef.io.LeadNames;
import org.jclef.clef.io.WfdbHeader;
import org.jclef.clef.io.WfdbHeaderParser;
import org.jclef.clef.io.WfdbReader;
import org.jclef.clef.io.WfdbSignalSpec;
import org.jclef.clef.io.dataset.Ludb;
import org.jclef.clef.io.dataset.ManifestEntry;
import org.jclef.clef.io.dataset.PtbXl;
import org.jclef.clef.signal.ClefRecipe;

/**
 * Opens what {@code jclef pretrain --data} points at as a {@link TrainingSet}, reading headers
 * only. Recognised, in this order:
 * <ol>
 *   <li>a PTB-XL folder ({@code ptbxl_database.csv} and {@code scp_statements.csv}), or that CSV
 *       file itself: each ECG's 500 Hz record where present, else its 100 Hz one (resampled when
 *       loaded); one record per patient, the patient's last listed ECG (spec §3.1); age and sex
 *       from the database;</li>
 *   <li>a LUDB folder ({@code ludb.csv} and {@code RECORDS}): age and sex from {@code ludb.csv};</li>
 *   <li>a record list: a {@code RECORDS} file in the folder, or any other file given directly,
 *       naming one record per line relative to its folder (with or without {@code .hea});</li>
 *   <li>any other folder: every {@code .hea} below it, in path order, with age and sex from the
 *       header comments where present (PhysioNet/CinC style).</li>
 * </ol>
 * Records are used at any sampling rate (resampled to 500 Hz when loaded) with every lead whose
 * units are a voltage, or the leads named in {@link Options#leads()}. Records that cannot be used
 * are left out and listed in {@link TrainingSet#notes()}, grouped by reason: unreadable headers,
 * required leads absent, no voltage leads, shorter than the window (unless padded).
 */
public final class TrainingData {

    /**
     * @param window       samples per view at 500 Hz
     * @param shortRecords what to do with records shorter than the window
     * @param leads        the leads to draw views from (empty: every voltage lead of each record);
     *                     a record lacking any of them is left out
     */
    public record Options(int window, ShortRecords shortRecords, List<String> leads) {
        public Options {
            leads = List.copyOf(leads);
            if (window <= 33) {
                throw new IllegalArgumentException("window " + window + ": the band-pass needs more than 33 samples");
            }
        }
    }

    /** A record before its header is read. */
    private record Candidate(String id, List<String> aliases, Path header, Map<String, String> metadata) {
    }

    private record Layout(String description, List<Candidate> candidates, List<String> notes) {
    }

    private TrainingData() {
    }

    /** Opens {@code data} (a folder or a list/database file) and scans every record's header. */
    public static TrainingSet open(Path data, Options options) throws IOException {
        if (!Files.exists(data)) {
            throw new IllegalArgumentException("--data " + data + ": no such file or folder");
        }
        Layout layout = layout(data);
        if (layout.candidates().isEmpty()) {
            throw new IllegalArgumentException("--data " + data + ": empty data set: " + layout.description()
                    + " lists no records");
        }
        Map<String, List<String>> skipped = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>(layout.notes());
        List<TrainingRecord> records = new ArrayList<>();
        List<String> padded = new ArrayList<>();
        for (Candidate c : layout.candidates()) {
            scan(c, options, records, skipped, padded);
        }
        skipped.forEach((reason, ids) -> notes.add("skipped " + ids.size() + " record(s) " + reason + ": "
                + abbreviate(ids)));
        if (!padded.isEmpty()) {
            notes.add("padded " + padded.size() + " record(s) shorter than the window of " + options.window()
                    + " samples by repeating their last sample: " + abbreviate(padded));
        }
        if (records.isEmpty()) {
            throw new IllegalArgumentException("--data " + data + ": empty data set: none of the "
                    + layout.candidates().size() + " record(s) of " + layout.description() + " is usable ("
                    + String.join("; ", notes) + ")");
        }
        return new TrainingSet(layout.description(), records, notes);
    }

    // ---------------------------------------------------------------- layouts

    private static Layout layout(Path data) throws IOException {
        if (Files.isRegularFile(data)) {
            if (data.getFileName().toString().equals("ptbxl_database.csv")) {
                return ptbXl(data.toAbsolutePath().getParent());
            }
            return recordList(data);
        }
        if (PtbXl.isPtbXl(data)) {
            return ptbXl(data);
        }
        if (Files.isRegularFile(data.resolve("ludb.csv")) && Files.isRegularFile(data.resolve("RECORDS"))) {
            return ludb(data);
        }
        if (Files.isRegularFile(data.resolve("RECORDS"))) {
            return recordList(data.resolve("RECORDS"));
        }
        return headerScan(data);
    }

    private static Layout ptbXl(Path root) throws IOException {
        List<ManifestEntry> high = PtbXl.open(root, PtbXl.Rate.HIGH_500).entries();
        List<ManifestEntry> low = PtbXl.open(root, PtbXl.Rate.LOW_100).entries();
        Map<String, Candidate> byPatient = new LinkedHashMap<>();
        int fallbacks = 0;
        for (int i = 0; i < high.size(); i++) {
            ManifestEntry hi = high.get(i);
            ManifestEntry lo = low.get(i);
            boolean useHigh = Files.isRegularFile(hi.header()) || !Files.isRegularFile(lo.header());
            fallbacks += useHigh ? 0 : 1;
            ManifestEntry chosen = useHigh ? hi : lo;
            List<String> aliases = List.of(hi.id(), stem(hi.header()), stem(lo.header()),
                    relativeRecord(root, hi.header()), relativeRecord(root, lo.header()));
            String patient = chosen.metadata().getOrDefault("patient_id", "ecg " + chosen.id());
            byPatient.remove(patient);
            byPatient.put(patient, new Candidate(chosen.id(), aliases, chosen.header(), chosen.metadata()));
        }
        List<String> notes = new ArrayList<>();
        notes.add(high.size() + " ECGs of " + byPatient.size() + " patients: one record per patient, the patient's "
                + "last listed ECG (spec §3.1)");
        if (fallbacks > 0) {
            notes.add(fallbacks + " ECG(s) have no 500 Hz record: their 100 Hz record is used, resampled to 500 Hz");
        }
        return new Layout("PTB-XL " + root + " (500 Hz records preferred)", List.copyOf(byPatient.values()), notes);
    }

    private static Layout ludb(Path root) throws IOException {
        List<Candidate> out = new ArrayList<>();
        for (ManifestEntry e : Ludb.open(root).entries()) {
            out.add(new Candidate(e.id(), List.of(e.id(), relativeRecord(root, e.header())), e.header(), e.metadata()));
        }
        return new Layout("LUDB " + root, out, List.of());
    }

    private static Layout recordList(Path listFile) throws IOException {
        Path folder = listFile.toAbsolutePath().getParent();
        List<Candidate> out = new ArrayList<>();
        for (String line : Files.readAllLines(listFile)) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            if (name.toLowerCase(Locale.ROOT).endsWith(".hea")) {
                name = name.substring(0, name.length() - 4);
            }
            Path header = folder.resolve(name + ".hea");
            out.add(new Candidate(name, List.of(name, stem(header)), header, Map.of()));
        }
        return new Layout("record list " + listFile, out, List.of());
    }

    private static Layout headerScan(Path root) throws IOException {
        List<Path> headers;
        try (Stream<Path> files = Files.walk(root)) {
            headers = files.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".hea")
                    && Files.isRegularFile(p)).sorted().toList();
        }
        List<Candidate> out = new ArrayList<>();
        for (Path header : headers) {
            String relative = relativeRecord(root, header);
            out.add(new Candidate(relative, List.of(relative, stem(header)), header, null));
        }
        return new Layout("WFDB records under " + root, out, List.of());
    }

    // ---------------------------------------------------------------- header scan

    private static void scan(Candidate c, Options options, List<TrainingRecord> records,
                             Map<String, List<String>> skipped, List<String> padded) {
        WfdbHeader header;
        int samples;
        try {
            header = WfdbHeaderParser.parse(c.header());
            samples = header.samples() >= 0 ? (int) Math.min(header.samples(), Integer.MAX_VALUE)
                    : WfdbReader.read(header).length();
        } catch (IOException | RuntimeException e) {
            skipped.computeIfAbsent("that cannot be read", k -> new ArrayList<>()).add(c.id() + " (" + e.getMessage() + ")");
            return;
        }
        List<Integer> indices = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<WfdbSignalSpec> signals = header.signals();
        if (options.leads().isEmpty()) {
            for (int s = 0; s < signals.size(); s++) {
                if (isVoltage(signals.get(s))) {
                    indices.add(s);
                    names.add(leadName(signals.get(s), s));
                }
            }
            if (indices.isEmpty()) {
                skipped.computeIfAbsent("without any lead in mV, uV or V", k -> new ArrayList<>()).add(c.id());
                return;
            }
        } else {
            List<String> absent = new ArrayList<>();
            for (String wanted : options.leads()) {
                int found = -1;
                for (int s = 0; s < signals.size() && found < 0; s++) {
                    if (isVoltage(signals.get(s)) && LeadNames.same(leadName(signals.get(s), s), wanted)) {
                        found = s;
                    }
                }
                if (found < 0) {
                    absent.add(wanted);
                } else {
                    indices.add(found);
                    names.add(leadName(signals.get(found), found));
                }
            }
            if (!absent.isEmpty()) {
                skipped.computeIfAbsent("lacking a lead asked for with --leads " + String.join(",", options.leads()),
                        k -> new ArrayList<>()).add(c.id() + " (no " + String.join(", ", absent) + ")");
                return;
            }
        }
        long length = resampledLength(samples, header.fs());
        if (length < options.window()) {
            if (options.shortRecords() == ShortRecords.SKIP) {
                skipped.computeIfAbsent("shorter than the window of " + options.window() + " samples at 500 Hz "
                        + "(--short-records pad keeps them)", k -> new ArrayList<>()).add(c.id() + " (" + length + ")");
                return;
            }
            padded.add(c.id() + " (" + length + ")");
        }
        Map<String, String> metadata = c.metadata() != null ? c.metadata() : HeaderMetadata.parse(header.comments());
        Set<String> aliases = new LinkedHashSet<>(c.aliases());
        aliases.add(c.id());
        records.add(new TrainingRecord(c.id(), new ArrayList<>(aliases), header.fs(), samples, indices, names,
                nonBlank(metadata), RecordSource.wfdb(c.header())));
    }

    /** Samples after resampling {@code samples} at {@code fs} to 500 Hz (the resampler's ⌈L·500/fs⌉). */
    static long resampledLength(long samples, double fs) {
        return fs == ClefRecipe.SAMPLE_RATE ? samples : (long) Math.ceil(samples * ClefRecipe.SAMPLE_RATE / fs - 1e-9);
    }

    private static boolean isVoltage(WfdbSignalSpec spec) {
        String units = Lead.normaliseUnits(spec.units());
        return units.equals("mV") || units.equals("uV") || units.equals("V");
    }

    private static String leadName(WfdbSignalSpec spec, int index) {
        return LeadNames.canonical(spec.description().isEmpty() ? "signal " + index : spec.description());
    }

    /** The manifest's or header's entries with a value; the raw comment text is dropped. */
    private static Map<String, String> nonBlank(Map<String, String> metadata) {
        Map<String, String> out = new LinkedHashMap<>();
        metadata.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                out.put(k, v);
            }
        });
        out.remove(HeaderMetadata.COMMENTS);
        return out;
    }

    private static String stem(Path header) {
        String name = header.getFileName().toString();
        return name.toLowerCase(Locale.ROOT).endsWith(".hea") ? name.substring(0, name.length() - 4) : name;
    }

    private static String relativeRecord(Path root, Path header) {
        Path rel = root.toAbsolutePath().normalize().relativize(header.toAbsolutePath().normalize());
        String s = rel.toString().replace('\\', '/');
        return s.toLowerCase(Locale.ROOT).endsWith(".hea") ? s.substring(0, s.length() - 4) : s;
    }

    static String abbreviate(List<String> items) {
        int shown = Math.min(items.size(), 5);
        return String.join(", ", items.subList(0, shown)) + (items.size() > shown ? ", … (" + (items.size() - shown)
                + " more)" : "");
    }
}
