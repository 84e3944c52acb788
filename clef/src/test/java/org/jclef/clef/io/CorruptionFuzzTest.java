package org.jclef.clef.io;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random byte damage to the test fixtures: reading either succeeds or fails with a checked
 * {@link IOException} / {@link IllegalArgumentException}; never an index or buffer error.
 */
class CorruptionFuzzTest {
    /** Damaged files raise checksum warnings by the thousand; keep them out of the test log. */
    private static final java.util.logging.Logger IO_LOG = java.util.logging.Logger.getLogger("org.jclef.clef.io");
    private static java.util.logging.Level previousLevel;

    @TempDir
    Path dir;

    @org.junit.jupiter.api.BeforeAll
    static void quiet() {
        previousLevel = IO_LOG.getLevel();
        IO_LOG.setLevel(java.util.logging.Level.SEVERE);
    }

    @org.junit.jupiter.api.AfterAll
    static void restore() {
        IO_LOG.setLevel(previousLevel);
    }

    private interface Reader {
        void read(Path p) throws IOException;
    }

    private void fuzz(Path original, String name, Reader reader, long seed) throws Exception {
        byte[] clean = Files.readAllBytes(original);
        Random rnd = new Random(seed);
        Path target = dir.resolve(name);
        for (int round = 0; round < 80; round++) {
            byte[] b = clean.clone();
            int edits = 1 + rnd.nextInt(4);
            for (int e = 0; e < edits; e++) {
                b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
            }
            if (rnd.nextInt(5) == 0) {
                b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length));
            }
            Files.write(target, b);
            try {
                reader.read(target);
            } catch (IOException | IllegalArgumentException expected) {
                // a clear error is fine
            } catch (RuntimeException e) {
                fail(name + " round " + round + ": " + e, e);
            }
        }
    }

    @Test
    void damagedMatV5Files() throws Exception {
        for (String f : new String[] {"noise_v5.mat", "noise_v5_compressed.mat"}) {
            fuzz(Path.of(getClass().getResource(f).toURI()), f, MatV5Reader::read, f.length());
        }
    }

    @Test
    void damagedWfdbHeadersAndSignals() throws Exception {
        Path formats = WfdbFormatsTest.resourceDir();
        for (String code : new String[] {"212", "310", "8", "24"}) {
            Path hea = formats.resolve("fmt" + code + ".hea");
            Path dat = formats.resolve("fmt" + code + ".dat");
            Files.copy(dat, dir.resolve("fmt" + code + ".dat"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            fuzz(hea, "fmt" + code + ".hea", WfdbReader::read, code.hashCode());
            Files.copy(hea, dir.resolve("fmt" + code + ".hea"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            fuzz(dat, "fmt" + code + ".dat", p -> WfdbReader.read(dir.resolve("fmt" + code + ".hea")),
                    31L * code.hashCode());
        }
    }
}
