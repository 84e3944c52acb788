package org.jclef.clef.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Opens a recording by path: a WFDB header ({@code .hea}), a WFDB signal file ({@code .dat},
 * {@code .mat}: its sibling header is read), a record name without extension (WFDB style), or a
 * CSV file (which needs the sampling rate).
 */
public final class RecordReader {

    private RecordReader() {
    }

    public static EcgRecord read(Path path, OptionalDouble csvSampleRate) throws IOException {
        String name = path.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv")) {
            if (csvSampleRate.isEmpty()) {
                throw new IllegalArgumentException(path
                        + ": a CSV record has no sampling rate; give it (e.g. --fs 500)");
            }
            return CsvEcgReader.read(path, csvSampleRate.getAsDouble());
        }
        return WfdbReader.read(headerFor(path));
    }

    /** The WFDB header that describes {@code path}. */
    static Path headerFor(Path path) throws NoSuchFileException {
        String name = path.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        Path header;
        if (lower.endsWith(".hea")) {
            header = path;
        } else if (lower.endsWith(".dat") || lower.endsWith(".mat")) {
            header = path.resolveSibling(name.substring(0, name.length() - 4) + ".hea");
        } else {
            header = path.resolveSibling(name + ".hea");
        }
        if (!Files.isRegularFile(header)) {
            throw new NoSuchFileException(header.toString(), null, "no WFDB header for " + path
                    + " (expected a .hea, .dat, .mat or .csv file, or a WFDB record name)");
        }
        return header;
    }
}
