package org.jclef.clef.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses WFDB headers ({@code header(5)}): a record line, one line per signal, and {@code #}
 * comment lines anywhere (blank lines are skipped). Multi-segment records ({@code name/n}) are
 * rejected with a clear message.
 */
public final class WfdbHeaderParser {
    private static final Pattern FORMAT = Pattern.compile("(\\d+)(?:x(\\d+))?(?::(\\d+))?(?:\\+(\\d+))?");
    private static final String NUMBER = "(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?";
    /** gain[(baseline)][/units]. */
    private static final Pattern GAIN = Pattern.compile(
            "([-+]?" + NUMBER + ")(?:\\(([-+]?\\d+(?:\\.\\d*)?)\\))?(?:/(\\S+))?");
    /** fs[/counter_frequency[(base_counter)]]. */
    private static final Pattern FREQUENCY = Pattern.compile(
            "(" + NUMBER + ")(?:/(" + NUMBER + ")(?:\\(([-+]?\\d+(?:\\.\\d*)?)\\))?)?");
    private static final Pattern TIME = Pattern.compile("\\d{1,2}:\\d{1,2}(?::\\d{1,2}(?:\\.\\d*)?)?");
    private static final Pattern DATE = Pattern.compile("\\d{1,2}/\\d{1,2}/\\d{4}");
    /** At most 8 whitespace-separated fields, then the description as the rest of the line. */
    private static final Pattern SIGNAL_FIELDS = Pattern.compile(
            "\\s*(\\S+)(?:\\s+(\\S+))?(?:\\s+(\\S+))?(?:\\s+(\\S+))?(?:\\s+(\\S+))?(?:\\s+(\\S+))?(?:\\s+(\\S+))?"
                    + "(?:\\s+(\\S+))?(?:\\s+(.*?))?\\s*");
    private static final double DEFAULT_GAIN = 200.0;
    private static final double DEFAULT_FS = 250.0;
    private static final int MAX_SAMPLES_PER_FRAME = 1 << 16;
    private static final int MAX_SKEW = 1 << 24;

    private WfdbHeaderParser() {
    }

    public static WfdbHeader parse(Path headerFile) throws IOException {
        if (!Files.isRegularFile(headerFile)) {
            throw new java.nio.file.NoSuchFileException(headerFile.toString(), null, "WFDB header not found");
        }
        byte[] bytes = Files.readAllBytes(headerFile);
        return parse(headerFile, decode(headerFile, bytes));
    }

    /** Parses header text already read from {@code source} (used for messages and the record's folder). */
    public static WfdbHeader parse(Path source, String text) throws RecordFormatException {
        String[] lines = text.split("\r?\n|\r", -1);
        List<String> comments = new ArrayList<>();
        List<WfdbSignalSpec> signals = new ArrayList<>();
        String recordName = null;
        double fs = DEFAULT_FS;
        long samples = -1;
        String baseTime = null;
        String baseDate = null;
        int expectedSignals = -1;
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                comments.add(line.substring(1).strip());
                continue;
            }
            if (recordName == null) {
                String[] t = line.split("\\s+");
                if (t[0].contains("/")) {
                    throw RecordFormatException.atLine(source, lineNo, "multi-segment record '" + t[0]
                            + "' is not supported (read its segments' headers one by one)");
                }
                recordName = t[0];
                if (t.length < 2) {
                    throw RecordFormatException.atLine(source, lineNo,
                            "record line needs at least 'name number_of_signals', got '" + line + "'");
                }
                expectedSignals = parseInt(source, lineNo, t[1], "number of signals");
                if (expectedSignals < 0) {
                    throw RecordFormatException.atLine(source, lineNo, "negative number of signals " + t[1]);
                }
                if (t.length > 2) {
                    Matcher m = FREQUENCY.matcher(t[2]);
                    if (!m.matches()) {
                        throw RecordFormatException.atLine(source, lineNo, "sampling frequency '" + t[2]
                                + "' is not of the form fs[/counter_freq[(base_counter)]]");
                    }
                    fs = Double.parseDouble(m.group(1));
                    if (!(fs > 0)) {
                        fs = DEFAULT_FS;
                    }
                }
                if (t.length > 3) {
                    samples = parseLong(source, lineNo, t[3], "number of samples per signal");
                    if (samples < 0) {
                        throw RecordFormatException.atLine(source, lineNo, "negative number of samples " + t[3]);
                    }
                    if (samples == 0) {
                        samples = -1;
                    }
                }
                if (t.length > 4) {
                    if (!TIME.matcher(t[4]).matches()) {
                        throw RecordFormatException.atLine(source, lineNo, "base time '" + t[4]
                                + "' is not HH:MM:SS");
                    }
                    baseTime = t[4];
                }
                if (t.length > 5) {
                    if (!DATE.matcher(t[5]).matches()) {
                        throw RecordFormatException.atLine(source, lineNo, "base date '" + t[5]
                                + "' is not DD/MM/YYYY");
                    }
                    baseDate = t[5];
                }
                if (t.length > 6) {
                    throw RecordFormatException.atLine(source, lineNo, "unexpected '" + t[6]
                            + "' after the base date on the record line");
                }
                continue;
            }
            if (signals.size() == expectedSignals) {
                throw RecordFormatException.atLine(source, lineNo, "the record line declares " + expectedSignals
                        + " signals, but another signal line follows: '" + abbreviate(line) + "'");
            }
            signals.add(parseSignal(source, lineNo, line));
        }
        if (recordName == null) {
            throw new RecordFormatException(source + ": no record line (the header is empty or all comments)");
        }
        if (signals.size() != expectedSignals) {
            throw new RecordFormatException(source + ": the record line declares " + expectedSignals
                    + " signals but " + signals.size() + " signal lines follow");
        }
        return new WfdbHeader(source, recordName, fs, samples, baseTime, baseDate, signals, comments);
    }

    private static WfdbSignalSpec parseSignal(Path source, int lineNo, String line) throws RecordFormatException {
        Matcher fields = SIGNAL_FIELDS.matcher(line);
        if (!fields.matches()) {
            throw RecordFormatException.atLine(source, lineNo, "cannot split signal line '" + abbreviate(line) + "'");
        }
        String fileName = fields.group(1);
        String formatSpec = fields.group(2);
        if (formatSpec == null) {
            throw RecordFormatException.atLine(source, lineNo, "signal line needs at least 'file format', got '"
                    + abbreviate(line) + "'");
        }
        Matcher fm = FORMAT.matcher(formatSpec);
        if (!fm.matches()) {
            throw RecordFormatException.atLine(source, lineNo, "format field '" + formatSpec
                    + "' is not of the form format[xsamples_per_frame][:skew][+byte_offset]");
        }
        int code = parseInt(source, lineNo, fm.group(1), "format code");
        WfdbFormat format = WfdbFormat.ofCode(code);
        if (format == null) {
            throw RecordFormatException.atLine(source, lineNo, "unknown or unsupported signal format code " + code
                    + " (supported: " + WfdbFormat.supportedCodes() + ")");
        }
        int spf = fm.group(2) == null ? 1 : parseInt(source, lineNo, fm.group(2), "samples per frame");
        if (spf < 1) {
            spf = 1;
        }
        int skew = fm.group(3) == null ? 0 : parseInt(source, lineNo, fm.group(3), "skew");
        if (spf > MAX_SAMPLES_PER_FRAME || skew > MAX_SKEW) {
            throw RecordFormatException.atLine(source, lineNo, "implausible samples per frame " + spf + " or skew "
                    + skew + " (at most " + MAX_SAMPLES_PER_FRAME + " and " + MAX_SKEW + ")");
        }
        long offset = fm.group(4) == null ? -1 : parseLong(source, lineNo, fm.group(4), "byte offset");

        int adcZero = fields.group(5) == null ? 0 : parseInt(source, lineNo, fields.group(5), "ADC zero");
        double gain = DEFAULT_GAIN;
        boolean calibrated = false;
        double baseline = adcZero;
        String units = "mV";
        if (fields.group(3) != null) {
            Matcher gm = GAIN.matcher(fields.group(3));
            if (!gm.matches()) {
                throw RecordFormatException.atLine(source, lineNo, "gain field '" + fields.group(3)
                        + "' is not of the form gain[(baseline)][/units]");
            }
            double g = Double.parseDouble(gm.group(1));
            if (g != 0) {
                gain = g;
                calibrated = true;
            }
            if (gm.group(2) != null) {
                baseline = Double.parseDouble(gm.group(2));
            }
            if (gm.group(3) != null) {
                units = gm.group(3);
            }
        }
        int resolution = fields.group(4) == null ? 0 : parseInt(source, lineNo, fields.group(4), "ADC resolution");
        int initial = fields.group(6) == null ? adcZero : parseInt(source, lineNo, fields.group(6), "initial value");
        Integer checksum = fields.group(7) == null ? null : parseInt(source, lineNo, fields.group(7), "checksum");
        int blockSize = fields.group(8) == null ? 0 : parseInt(source, lineNo, fields.group(8), "block size");
        String description = fields.group(9) == null ? "" : fields.group(9);
        return new WfdbSignalSpec(fileName, format, spf, skew, offset, gain, calibrated, baseline, units, resolution,
                adcZero, initial, checksum, blockSize, description, lineNo);
    }

    private static String decode(Path file, byte[] bytes) throws RecordFormatException {
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if (b == 0 || (b < 0x20 && b != '\n' && b != '\r' && b != '\t')) {
                throw RecordFormatException.atByte(file, i, String.format(
                        "control byte 0x%02x in a WFDB header (expected text; is this a signal file?)", b));
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException notUtf8) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    private static int parseInt(Path source, int line, String token, String what) throws RecordFormatException {
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException e) {
            throw RecordFormatException.atLine(source, line, what + " '" + token + "' is not an integer");
        }
    }

    private static long parseLong(Path source, int line, String token, String what) throws RecordFormatException {
        try {
            return Long.parseLong(token);
        } catch (NumberFormatException e) {
            throw RecordFormatException.atLine(source, line, what + " '" + token + "' is not an integer");
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
