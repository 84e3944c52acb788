package org.jclef.clef.io;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/** For tests that read the bundled data: the folder, or a visible skip when it is absent. */
public final class SharedDataFolders {

    private SharedDataFolders() {
    }

    /** {@code shared/data/<name>}; aborts (skips) the calling test with a message when absent. */
    public static Path require(String name) {
        Optional<Path> root = SharedData.root();
        if (root.isEmpty()) {
            System.err.println("SKIPPED: " + SharedData.absentMessage());
            Assumptions.abort(SharedData.absentMessage());
        }
        Optional<Path> folder = SharedData.folder(name);
        if (folder.isEmpty()) {
            String msg = "shared data folder " + root.get().resolve(name) + " is absent";
            System.err.println("SKIPPED: " + msg);
            Assumptions.abort(msg);
        }
        return folder.get();
    }

    /** The data root; skips when absent. */
    public static Path root() {
        return SharedData.root().orElseGet(() -> {
            System.err.println("SKIPPED: " + SharedData.absentMessage());
            Assumptions.abort(SharedData.absentMessage());
            return null;
        });
    }
}
