package org.jclef.clef.cli;

import java.io.PrintStream;

/** One {@code jclef <name> ...} sub-command. */
public interface Command {

    /** The word after {@code jclef}. */
    String name();

    /** One line for {@code jclef help}. */
    String summary();

    /** Full usage text for {@code jclef <name> --help}. */
    String usage();

    /**
     * Runs the command. Bad input throws {@link CliException} (or {@link IllegalArgumentException} /
     * {@link java.io.IOException} with a message naming what was wrong); {@link Main} turns it into
     * a message and a non-zero exit code.
     *
     * @return the process exit code
     */
    int run(Args args, PrintStream out, PrintStream err) throws Exception;
}
