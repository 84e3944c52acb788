package org.jclef.clef.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jclef.tensor.Backend;
import org.jclef.tensor.Backends;
import org.jclef.tensor.simd.SimdBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CLEF-Small inference fits a small heap: a JVM limited to 32 MB loads a Small checkpoint (1.8 MB
 * of weights) and embeds one 5000-sample lead, and gets the embedding this JVM computes.
 */
class SmallHeapEmbedTest {
    private static final int SAMPLES = 5000;
    private static final String HEAP = "-Xmx32m";

    static float[] lead() {
        float[] x = new float[SAMPLES];
        for (int t = 0; t < x.length; t++) {
            x[t] = (float) (Math.sin(t * 0.031) + 0.4 * Math.sin(t * 0.27 + 1));
        }
        return x;
    }

    /** The child JVM: loads the checkpoint named by args[0] and prints the embedding's float bits, one per line. */
    public static void main(String[] args) throws IOException {
        float[] embedding = Net1D.load(Path.of(args[0])).embed(lead());
        StringBuilder out = new StringBuilder();
        for (float v : embedding) {
            out.append(Float.floatToRawIntBits(v)).append('\n');
        }
        System.out.print(out);
    }

    @Test
    void smallEmbedsOneLeadIn32Megabytes(@TempDir Path dir) throws Exception {
        Net1D net = Net1D.create(Net1DConfig.SMALL, 11);
        Path file = dir.resolve("small.safetensors");
        net.save(file);
        // The child runs the SIMD backend; its results do not depend on the thread count.
        Backend previous = Backends.current();
        float[] expected;
        try {
            Backends.use(new SimdBackend(2), "SmallHeapEmbedTest: the child's backend");
            expected = net.embed(lead());
        } finally {
            Backends.use(previous, "SmallHeapEmbedTest: restored");
        }

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP, "--add-modules", "jdk.incubator.vector", "-Djclef.backend=simd",
                "-cp", System.getProperty("java.class.path"), SmallHeapEmbedTest.class.getName(), file.toString()));
        Process child = new ProcessBuilder(command).redirectErrorStream(false).start();
        String stdout = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        child.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, child.exitValue(), "embedding in a " + HEAP + " JVM failed:\n" + stderr);

        String[] lines = stdout.strip().split("\n");
        float[] actual = new float[lines.length];
        for (int i = 0; i < lines.length; i++) {
            actual[i] = Float.intBitsToFloat(Integer.parseInt(lines[i].strip()));
        }
        assertEquals(Net1DConfig.SMALL.embeddingDim(), actual.length);
        assertArrayEquals(expected, actual, "the small-heap JVM computes the same embedding, bit for bit");
    }
}
