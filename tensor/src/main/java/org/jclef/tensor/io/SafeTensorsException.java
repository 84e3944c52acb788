package org.jclef.tensor.io;

import java.io.IOException;

/**
 * A safetensors file that breaks the format: the message names the file, and where it applies the
 * tensor and the header field, and says what was expected.
 */
public final class SafeTensorsException extends IOException {
    public SafeTensorsException(String message) {
        super(message);
    }

    public SafeTensorsException(String message, Throwable cause) {
        super(message, cause);
    }
}
