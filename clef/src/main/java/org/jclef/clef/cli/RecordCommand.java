package org.jclef.clef.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import org.jclef.clef.io.EcgRecord;
import org.jclef.clef.io.Lead;
import org.jclef.clef.io.RecordReader;
import org.jclef.tensor.io.Json;

/** {@code jclef record FILE [--fs HZ] [--json]}: describes a recording, like WFDB's {@code wfdbdesc}. */
public final class RecordCommand implements Command {

    @Override
    public String name() {
        return "record";
    }

    @Override
    public String summary() {
        return "describe an ECG record (WFDB .hea/.dat/.mat or CSV): rate, length, leads, metadata";
    }

    @Override
    public String usage() {
        return """
                usage: jclef record FILE [--fs HZ] [--json]

                Reads a recording and prints its sampling rate, number of samples, duration, each lead's
                name, units and min/max/mean in physical units, and the metadata found in it.

                  FILE      a WFDB header (.hea), signal file (.dat, .mat) or record name, or a CSV file
                            (header row of lead names, one row per sample)
                  --fs HZ   sampling rate of a CSV file (required for CSV, ignored otherwise)
                  --json    print one JSON object: fs, samples, duration_s, leads [{name, label, units,
                            min, max, mean, nan}], metadata, warnings""";
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        boolean json = args.flag("json");
        double fs = args.number("fs", Double.NaN);
        args.finish();
        List<String> files = args.positionals();
        if (files.size() != 1) {
            throw new CliException("record: expected exactly one FILE, got " + files.size() + " (see --help)");
        }
        Path file = Path.of(files.get(0));
        EcgRecord record = RecordReader.read(file, Double.isNaN(fs) ? OptionalDouble.empty() : OptionalDouble.of(fs));
        if (json) {
            out.println(Json.write(describe(record, file), Json.Style.REPORT));
        } else {
            printText(record, file, out);
        }
        return 0;
    }

    /** The JSON description. */
    static Map<String, Object> describe(EcgRecord record, Path file) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("record", record.id());
        o.put("file", file.toString());
        o.put("fs", record.fs());
        o.put("samples", record.length());
        o.put("duration_s", record.durationSeconds());
        List<Object> leads = new ArrayList<>();
        for (Lead l : record.leads()) {
            Stats s = Stats.of(l.samples());
            Map<String, Object> lo = new LinkedHashMap<>();
            lo.put("name", l.name());
            lo.put("label", l.label());
            lo.put("units", l.units());
            lo.put("min", s.min);
            lo.put("max", s.max);
            lo.put("mean", s.mean);
            lo.put("nan", s.nan);
            leads.add(lo);
        }
        o.put("leads", leads);
        o.put("metadata", new LinkedHashMap<>(record.metadata()));
        o.put("warnings", record.warnings());
        return o;
    }

    private static void printText(EcgRecord record, Path file, PrintStream out) {
        out.println("Record " + record.id() + " (" + file + ")");
        out.println("Sampling frequency: " + number(record.fs()) + " Hz");
        out.println("Length: " + duration(record.durationSeconds()) + " (" + record.length() + " samples)");
        out.println(record.leads().size() + " leads:");
        out.printf(Locale.ROOT, "  %-3s %-8s %-10s %-6s %12s %12s %12s%n", "#", "name", "label", "units", "min", "max",
                "mean");
        for (int i = 0; i < record.leads().size(); i++) {
            Lead l = record.leads().get(i);
            Stats s = Stats.of(l.samples());
            out.printf(Locale.ROOT, "  %-3d %-8s %-10s %-6s %12.5f %12.5f %12.5f%s%n", i, l.name(), l.label(),
                    l.units(), s.min, s.max, s.mean, s.nan > 0 ? "  (" + s.nan + " NaN)" : "");
        }
        if (!record.metadata().isEmpty()) {
            out.println("Metadata:");
            for (Map.Entry<String, String> e : record.metadata().entrySet()) {
                out.println("  " + e.getKey() + ": " + e.getValue().replace("\n", " | "));
            }
        }
        for (String w : record.warnings()) {
            out.println("Warning: " + w);
        }
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static String duration(double seconds) {
        long ms = Math.round(seconds * 1000);
        return String.format(Locale.ROOT, "%d:%02d:%02d.%03d", ms / 3_600_000, (ms / 60_000) % 60, (ms / 1000) % 60,
                ms % 1000);
    }

    /** Min, max and mean over the finite samples; NaN counted apart. */
    private record Stats(double min, double max, double mean, int nan) {
        static Stats of(double[] x) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            int n = 0;
            int nan = 0;
            for (double v : x) {
                if (Double.isNaN(v)) {
                    nan++;
                    continue;
                }
                min = Math.min(min, v);
                max = Math.max(max, v);
                sum += v;
                n++;
            }
            return n == 0 ? new Stats(Double.NaN, Double.NaN, Double.NaN, nan) : new Stats(min, max, sum / n, nan);
        }
    }
}
