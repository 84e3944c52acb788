package org.jclef.clef.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against files written by scipy.io.savemat ({@code tools/gen_matv5_fixture.py}). */
class MatV5ReaderTest {

    private Path resource(String name) throws Exception {
        return Path.of(getClass().getResource(name).toURI());
    }

    @Test
    void readsPlainAndCompressedFiles() throws Exception {
        for (String name : new String[] {"noise_v5.mat", "noise_v5_compressed.mat"}) {
            Map<String, MatArray> arrays = MatV5Reader.read(resource(name));
            MatArray motion = arrays.get("motion_artefacts");
            assertEquals(15, motion.rows(), name);
            assertEquals(40, motion.columns(), name);
            assertEquals(MatArray.ElementType.DOUBLE, motion.type());
            assertEquals(7 * 100 + 33 + 0.25, motion.get(7, 33), 0.0, name);
            assertEquals(14 * 100 + 39 + 0.25, motion.get(14, 39), 0.0, name);
            assertEquals(512.0, arrays.get("electrode_movement").get(5, 12), 0.0, name);
            assertEquals(-1439.0, arrays.get("baseline_wander").get(14, 39), 0.0, name);
            assertEquals(1001.0, arrays.get("mixture_of_noises").get(10, 1), 0.0, name);
            assertEquals(0.1, arrays.get("scale").get(0), 0.0, name);
            assertFalse(arrays.containsKey("note"), "strings are skipped");
            assertFalse(arrays.containsKey("settings"), "structs are skipped");
            assertFalse(arrays.containsKey("complex_values"), "complex arrays are skipped");
        }
    }

    @Test
    void rejectsDamagedFilesWithAnOffset(@TempDir Path dir) throws Exception {
        byte[] b = Files.readAllBytes(resource("noise_v5.mat"));
        Path cut = dir.resolve("cut.mat");
        Files.write(cut, Arrays.copyOf(b, 1000));
        RecordFormatException e = assertThrows(RecordFormatException.class, () -> MatV5Reader.read(cut));
        assertTrue(e.getMessage().contains("cut.mat, byte"), e.getMessage());
        Path notMat = dir.resolve("text.mat");
        Files.writeString(notMat, "x".repeat(200));
        assertThrows(RecordFormatException.class, () -> MatV5Reader.read(notMat));
        byte[] z = Files.readAllBytes(resource("noise_v5_compressed.mat"));
        z[200] ^= 0x55;
        z[300] ^= 0x55;
        Path corrupt = dir.resolve("corrupt.mat");
        Files.write(corrupt, z);
        assertThrows(RecordFormatException.class, () -> MatV5Reader.read(corrupt));
    }
}
