package org.jclef.clef.cli;

/** A user error on the command line: printed without a stack trace, exit code 2. */
public final class CliException extends RuntimeException {
    public CliException(String message) {
        super(message);
    }
}
