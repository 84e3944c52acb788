package org.jclef.clef.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the bundled real-data folder {@code shared/data} (read-only ECG data sets with licences)
 * that sits next to the project: the system property {@code jclef.shared.data} (the data folder
 * itself) wins; otherwise the working directory and each of its parents are searched for a
 * {@code shared/data} folder. Tests that need the data skip, with a message, when it is absent.
 */
public final class SharedData {
    public static final String PROPERTY = "jclef.shared.data";

    private SharedData() {
    }

    /** The data folder, if there is one. */
    public static Optional<Path> root() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            return Files.isDirectory(p) ? Optional.of(p.toAbsolutePath()) : Optional.empty();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** A sub-folder of the data folder ({@code "ludb"}, {@code "ptbxl-subset"}, …), if present. */
    public static Optional<Path> folder(String name) {
        return root().map(r -> r.resolve(name)).filter(Files::isDirectory);
    }

    /** Why {@link #root()} is empty, for skip messages. */
    public static String absentMessage() {
        return "shared data folder not found (looked for shared/data above " + Path.of("").toAbsolutePath()
                + "; set -D" + PROPERTY + "=DIR to point at it)";
    }
}
