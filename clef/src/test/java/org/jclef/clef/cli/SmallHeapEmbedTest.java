package org.jclef.clef.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jclef.clef.model.Net1D;
import org.jclef.clef.model.Net1DConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CLEF-Small inference fits a 32 MB heap: {@code jclef embed} loading a Small checkpoint (1.8 MB of
 * weights) and embedding one 10 s lead at 500 Hz (5000 samples, the clef-v1 recipe) in a forked
 * {@code java -Xmx32m} succeeds and prints the same 256-dim embedding as in this JVM.
 */
class SmallHeapEmbedTest {
    private static final String HEAP = "-Xmx32m";
    private static final int SAMPLES = 5000;

    @TempDir
    Path dir;

    @Test
    void smallEmbedsOneLeadInA32MegabyteHeap() throws IOException, InterruptedException {
        Path csv = dir.resolve("lead.csv");
        StringBuilder sb = new StringBuilder("II\n");
        for (int t = 0; t < SAMPLES; t++) {
            sb.append((float) (Math.sin(2 * Math.PI * 1.2 * t / 500) + 0.3 * Math.sin(2 * Math.PI * 7 * t / 500)))
                    .append('\n');
        }
        Files.writeString(csv, sb.toString());
        Path weights = dir.resolve("small.safetensors");
        Net1D.create(Net1DConfig.SMALL, 11).save(weights);
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(java, HEAP, "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "embed", "--model", "small", "--weights", weights.toString(), "--input", csv.toString()));
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("java " + HEAP + " jclef embed did not finish in 120 s");
        }
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "java " + HEAP + " jclef embed failed:\n" + stderr);
        String printed = Files.readString(out, StandardCharsets.UTF_8).strip();
        String[] values = printed.split(",");
        assertEquals(256, values.length, printed);
        for (String v : values) {
            assertTrue(Float.isFinite(Float.parseFloat(v)), printed);
        }
        CliRun inProcess = CliRun.of("embed", "--model", "small", "--weights", weights.toString(), "--input", csv.toString());
        assertEquals(inProcess.out().strip(), printed, "the 32 MB run embeds differently from this JVM's");
    }
}
