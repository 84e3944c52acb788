package org.jclef.nn.checkpoint;

import java.io.IOException;

/**
 * A checkpoint file that cannot be read: malformed, truncated, hostile or of an unsupported kind.
 * The message always starts with the file (or source) it is about and says what was expected.
 */
public final class CheckpointException extends IOException {
    public CheckpointException(String source, String message) {
        super(source + ": " + message);
    }

    public CheckpointException(String source, String message, Throwable cause) {
        super(source + ": " + message, cause);
    }
}
