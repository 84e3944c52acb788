package org.jclef.clef.io;

import java.nio.file.Path;
import java.util.List;

/**
 * A parsed single-segment WFDB header ({@code .hea}).
 *
 * @param path          the header file
 * @param recordName    the first token of the record line
 * @param fs            sampling frequency in Hz (WFDB's default 250 when absent)
 * @param samples       samples per signal, or -1 when the header does not say (then the signal
 *                      file's length decides)
 * @param baseTime      {@code HH:MM:SS} as written, or null
 * @param baseDate      {@code DD/MM/YYYY} as written, or null
 * @param signals       one entry per signal line, in order
 * @param comments      the text of every {@code #} line, without the {@code #}, trimmed
 */
public record WfdbHeader(Path path, String recordName, double fs, long samples, String baseTime, String baseDate,
                         List<WfdbSignalSpec> signals, List<String> comments) {

    public WfdbHeader {
        signals = List.copyOf(signals);
        comments = List.copyOf(comments);
    }
}
