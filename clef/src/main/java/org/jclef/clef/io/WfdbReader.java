package org.jclef.clef.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a single-segment WFDB record (header + one or more signal files, {@code .dat} or MAT v4
 * {@code .mat}) into an {@link EcgRecord} in physical units: {@code (digital − baseline) / gain}.
 *
 * <ul>
 *   <li>Invalid-sample markers become NaN (noted in {@link EcgRecord#warnings()}, logged at DEBUG
 *       only: missing samples are ordinary data).</li>
 *   <li>Signals with several samples per frame are averaged to one sample per frame (WFDB's
 *       low-resolution mode, but in double precision; a frame with an invalid sample is NaN), so
 *       every lead has the record's frame rate.</li>
 *   <li>Skewed signals are shifted into alignment; samples beyond the end of the file are NaN.</li>
 *   <li>A checksum mismatch, an uncalibrated signal or trailing bytes after the declared samples
 *       are warnings (also logged); a truncated file, a missing signal file or an inconsistent header are
 *       errors.</li>
 * </ul>
 */
public final class WfdbReader {
    private static final System.Logger LOG = System.getLogger("org.jclef.clef.io");

    private WfdbReader() {
    }

    /** Reads the record whose header is {@code headerFile}. */
    public static EcgRecord read(Path headerFile) throws IOException {
        return read(WfdbHeaderParser.parse(headerFile));
    }

    public static EcgRecord read(WfdbHeader header) throws IOException {
        Path folder = header.path().toAbsolutePath().getParent();
        List<String> warnings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<WfdbSignalSpec> specs = header.signals();
        int maxSkew = 0;
        for (WfdbSignalSpec s : specs) {
            maxSkew = Math.max(maxSkew, s.skew());
        }
        double[][] physical = new double[specs.size()][];
        long frames = header.samples();
        Set<String> seenFiles = new HashSet<>();
        int start = 0;
        while (start < specs.size()) {
            int end = start + 1;
            String fileName = specs.get(start).fileName();
            while (end < specs.size() && specs.get(end).fileName().equals(fileName)) {
                end++;
            }
            if (!seenFiles.add(fileName)) {
                throw RecordFormatException.atLine(header.path(), specs.get(start).line(), "signal file " + fileName
                        + " appears again after other files; the signals of one file must be on consecutive lines");
            }
            List<WfdbSignalSpec> group = specs.subList(start, end);
            SignalFile.Stream stream = SignalFile.read(folder.resolve(fileName), group, frames, maxSkew,
                    header.path());
            if (frames < 0) {
                frames = stream.frames();
            }
            if (stream.extraBytes() > 0 && maxSkew == 0) {
                warnings.add(fileName + ": " + stream.extraBytes() + " bytes after the " + frames
                        + " declared samples were ignored");
            }
            demultiplex(header, group, start, stream, frames, physical, warnings, notes);
            start = end;
        }
        List<Lead> leads = new ArrayList<>();
        for (int s = 0; s < specs.size(); s++) {
            WfdbSignalSpec spec = specs.get(s);
            String label = spec.description().isEmpty() ? "signal " + s : spec.description();
            leads.add(new Lead(LeadNames.canonical(label), label, Lead.normaliseUnits(spec.units()),
                    physical[s] == null ? new double[0] : physical[s]));
        }
        Map<String, String> metadata = new LinkedHashMap<>(HeaderMetadata.parse(header.comments()));
        if (header.baseTime() != null) {
            metadata.put("base_time", header.baseTime());
        }
        if (header.baseDate() != null) {
            metadata.put("base_date", header.baseDate());
        }
        for (String w : warnings) {
            LOG.log(System.Logger.Level.WARNING, header.path() + ": " + w);
        }
        for (String n : notes) {
            LOG.log(System.Logger.Level.DEBUG, header.path() + ": " + n);
        }
        List<String> all = new ArrayList<>(warnings);
        all.addAll(notes);
        return new EcgRecord(header.recordName(), header.fs(), leads, metadata, all);
    }

    private static void demultiplex(WfdbHeader header, List<WfdbSignalSpec> group, int firstSignal,
                                    SignalFile.Stream stream, long frames, double[][] physical,
                                    List<String> warnings, List<String> notes) throws RecordFormatException {
        int frameSize = 0;
        for (WfdbSignalSpec s : group) {
            frameSize += s.samplesPerFrame();
        }
        if (frames > Integer.MAX_VALUE - 8) {
            throw new RecordFormatException(header.path() + ": " + frames + " samples per signal is more than "
                    + "one array can hold");
        }
        int[] raw = stream.samples();
        int n = (int) frames;
        int position = 0;
        for (int g = 0; g < group.size(); g++) {
            WfdbSignalSpec spec = group.get(g);
            int spf = spec.samplesPerFrame();
            boolean differences = spec.format() == WfdbFormat.DIFFERENCE_8;
            // Format 8 stores first differences: rebuild the digital values before anything else.
            int[] digital = new int[(int) stream.frames() * spf];
            int previous = spec.initialValue();
            for (long f = 0; f < stream.frames(); f++) {
                for (int k = 0; k < spf; k++) {
                    int v = raw[(int) (f * frameSize) + position + k];
                    if (differences) {
                        previous += v;
                        v = previous;
                    }
                    digital[(int) f * spf + k] = v;
                }
            }
            position += spf;

            long sum = 0;
            int declared = n * spf;
            for (int i = 0; i < declared; i++) {
                sum += digital[i];
            }
            if (spec.checksum() != null && (short) sum != (short) (int) spec.checksum()) {
                warnings.add(String.format("%s (line %d): checksum mismatch, header says %d, data sum to %d",
                        spec.description(), spec.line(), spec.checksum(), (short) sum));
            }
            if (!spec.calibrated()) {
                warnings.add(spec.description() + " (line " + spec.line()
                        + "): no gain in the header; values use WFDB's default 200 adu/unit");
            }

            double[] out = new double[n];
            int invalid = 0;
            int missing = 0;
            for (int t = 0; t < n; t++) {
                long f = (long) t + spec.skew();
                if (f >= stream.frames()) {
                    out[t] = Double.NaN;
                    missing++;
                    continue;
                }
                double acc = 0;
                boolean bad = false;
                for (int k = 0; k < spf; k++) {
                    int v = digital[(int) f * spf + k];
                    if (spec.format().isInvalid(v)) {
                        bad = true;
                    }
                    acc += v;
                }
                if (bad) {
                    out[t] = Double.NaN;
                    invalid++;
                } else {
                    out[t] = (acc / spf - spec.baseline()) / spec.gain();
                }
            }
            if (invalid > 0) {
                notes.add(spec.description() + ": " + invalid + " samples marked invalid in the file, read as NaN");
            }
            if (missing > 0) {
                warnings.add(spec.description() + ": skew " + spec.skew() + " runs past the end of the file; the last "
                        + missing + " samples are NaN");
            }
            physical[firstSignal + g] = out;
        }
    }
}
