package org.jclef.clef.demo;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the PTB-XL subset committed with the project ({@code data/demo/ptbxl} under the project
 * root), wherever jclef runs from: the system property {@value #HOME_PROPERTY} (the project root,
 * set by the {@code jclef} launcher) wins; otherwise the working directory, the folder of jclef's own
 * classes or jar, and each of their parents are searched.
 */
public final class DemoData {
    /** The project root. */
    public static final String HOME_PROPERTY = "jclef.home";
    /** Where the subset lies under the project root. */
    public static final Path PTBXL = Path.of("data", "demo", "ptbxl");

    private DemoData() {
    }

    /** The committed PTB-XL subset, if it can be found. */
    public static Optional<Path> ptbXl() {
        for (Path start : starts()) {
            for (Path dir = start; dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve(PTBXL);
                if (Files.isRegularFile(candidate.resolve("ptbxl_database.csv"))) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Like {@link #ptbXl()}, or an exception saying where it looked. */
    public static Path requirePtbXl() throws NoSuchFileException {
        return ptbXl().orElseThrow(() -> new NoSuchFileException(PTBXL.toString(), null,
                "the demo data was not found above " + starts() + "; run from the jclef checkout or set -D"
                        + HOME_PROPERTY + "=PROJECT_ROOT"));
    }

    private static List<Path> starts() {
        List<Path> starts = new ArrayList<>();
        String home = System.getProperty(HOME_PROPERTY);
        if (home != null && !home.isBlank()) {
            starts.add(Path.of(home).toAbsolutePath());
            return starts;
        }
        starts.add(Path.of("").toAbsolutePath());
        try {
            var source = DemoData.class.getProtectionDomain().getCodeSource();
            if (source != null) {
                starts.add(Path.of(source.getLocation().toURI()).toAbsolutePath());
            }
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            // the working directory remains to search
        }
        return starts;
    }
}
