package org.jclef.tensor.io;

/** Malformed JSON: the message names the input, the character offset and what was expected. */
public final class JsonException extends IllegalArgumentException {
    public JsonException(String message) {
        super(message);
    }
}
