package org.jclef.clef.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The run log: each line goes to the console and, with a timestamp, to {@code train.log} in the
 * output folder (appended to when a run is resumed). Safe to call from any thread.
 */
final class RunLog implements AutoCloseable {
    static final String FILE = "train.log";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final PrintStream console;
    private BufferedWriter file;

    RunLog(PrintStream console) {
        this.console = console;
    }

    /** Starts copying lines to {@code path} (appending). */
    synchronized void attach(Path path) throws IOException {
        file = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    synchronized void info(String line) {
        console.println(line);
        toFile(line);
    }

    /** Writes {@code line} to the log file only (for what the caller reports on the console itself). */
    synchronized void toFile(String line) {
        if (file != null) {
            try {
                file.write("[" + LocalDateTime.now().format(TIME) + "] " + line);
                file.newLine();
                file.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("writing the run log: " + e.getMessage(), e);
            }
        }
    }

    PrintStream console() {
        return console;
    }

    @Override
    public synchronized void close() throws IOException {
        if (file != null) {
            file.close();
            file = null;
        }
    }
}
