package org.jclef.clef.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A recording or table that cannot be read as what it claims to be. The message always names the
 * file and, where it applies, the line or byte offset, what was found and what was expected.
 */
public class RecordFormatException extends IOException {

    public RecordFormatException(String message) {
        super(message);
    }

    public RecordFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    /** "{@code file}, line {@code line}: {@code what}". */
    public static RecordFormatException atLine(Path file, int line, String what) {
        return new RecordFormatException(file + ", line " + line + ": " + what);
    }

    /** "{@code file}, byte {@code offset}: {@code what}". */
    public static RecordFormatException atByte(Path file, long offset, String what) {
        return new RecordFormatException(file + ", byte " + offset + ": " + what);
    }
}
