package org.jclef.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading JMH JSON, the report's rates and the comparison's verdicts. */
class ResultsTest {
    @TempDir
    Path dir;

    /** One JMH JSON entry as JMH 1.37 writes it (abridged: the fields jclef reads and a few more). */
    private static String entry(String benchmark, String layer, double score, String error) {
        return String.format(Locale.ROOT, """
                {"jmhVersion": "1.37", "benchmark": "%s", "mode": "avgt", "threads": 1, "forks": 1,
                 "params": {"backend": "simd", "batch": "layer", "layer": "%s", "threads": "2"},
                 "primaryMetric": {"score": %s, "scoreError": %s, "scoreConfidence": [0, 1],
                                   "scoreUnit": "ms/op", "rawData": [[1.0, 2.0]]},
                 "secondaryMetrics": {}}""", benchmark, layer, score, error);
    }

    private Path write(String name, String... entries) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "[" + String.join(",", entries) + "]");
        return file;
    }

    @Test
    void readsScoresErrorsAndUnits() throws IOException {
        Path file = write("a.json", entry("org.jclef.bench.ConvBenchmark.forward", "issue", 20.0, "0.5"),
                entry("org.jclef.bench.ConvBenchmark.backwardData", "issue", 10.0, "\"NaN\""));
        List<JmhResult> results = JmhResult.read(file);
        assertEquals(2, results.size());
        JmhResult forward = results.get(0);
        assertEquals("ConvBenchmark.forward", forward.shortName());
        assertEquals(Map.of("backend", "simd", "batch", "layer", "layer", "issue", "threads", "2"), forward.params());
        assertEquals(0.020, forward.seconds(), 1e-15);
        assertEquals(0.5, forward.error());
        assertTrue(Double.isNaN(results.get(1).error()));
        assertEquals("backend=simd batch=layer layer=issue threads=2", forward.paramText());

        JmhResult throughput = new JmhResult("x.Y.z", "thrpt", Map.of(), 50, 1, "ops/s");
        assertEquals(0.02, throughput.seconds(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> JmhResult.read(write("bad.json", "{\"a\": 1}")));
    }

    @Test
    void reportPrintsGflopsAndTheFractionOfThePeak() throws IOException {
        // issue: 1.31 GFLOP per call; 13.1072 ms -> 100 GFLOP/s, a third of 2 × 150.
        Path file = write("r.json", entry("org.jclef.bench.ConvBenchmark.forward", "issue", 13.1072, "0.1"));
        String out = capture(s -> Report.print(read(file), s));
        assertTrue(out.contains("100.0 GFLOP/s"), out);
        assertTrue(out.contains("33.3%"), out);
        assertTrue(out.contains("13.1 ms"), out);
    }

    @Test
    void compareFlagsOnlyChangesBeyondTheError() throws IOException {
        Path a = write("a.json", entry("org.jclef.bench.ConvBenchmark.forward", "issue", 20.0, "0.5"),
                entry("org.jclef.bench.ConvBenchmark.backwardData", "issue", 10.0, "0.2"),
                entry("org.jclef.bench.ConvBenchmark.backwardWeight", "issue", 10.0, "0.2"),
                entry("org.jclef.bench.ConvBenchmark.forward", "small.stem", 5.0, "0.1"));
        Path b = write("b.json", entry("org.jclef.bench.ConvBenchmark.forward", "issue", 20.5, "0.5"),
                entry("org.jclef.bench.ConvBenchmark.backwardData", "issue", 12.0, "0.2"),
                entry("org.jclef.bench.ConvBenchmark.backwardWeight", "issue", 8.0, "0.2"),
                entry("org.jclef.bench.ConvBenchmark.forward", "medium.stem", 5.0, "0.1"));
        int[] slower = new int[1];
        String out = capture(s -> slower[0] = Compare.print(read(a), read(b), s));
        assertEquals(1, slower[0], out);
        List<String> lines = out.lines().toList();
        assertTrue(line(lines, "ConvBenchmark.forward", "issue").endsWith("1.025  same"), out);
        assertTrue(line(lines, "ConvBenchmark.backwardData", "issue").endsWith("1.200  SLOWER"), out);
        assertTrue(line(lines, "ConvBenchmark.backwardWeight", "issue").endsWith("0.800  faster"), out);
        assertTrue(line(lines, "ConvBenchmark.forward", "medium.stem").endsWith("only in B"), out);
        assertTrue(line(lines, "ConvBenchmark.forward", "small.stem").endsWith("only in A"), out);
        assertTrue(out.contains("3 benchmarks in both: 1 slower beyond the error, 1 faster"), out);
    }

    private static String line(List<String> lines, String benchmark, String layer) {
        return lines.stream().filter(l -> l.startsWith(benchmark + " ") && l.contains("layer=" + layer + " "))
                .findFirst().orElseThrow(() -> new AssertionError(benchmark + " " + layer + " not in " + lines))
                .strip();
    }

    private static List<JmhResult> read(Path file) {
        try {
            return JmhResult.read(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String capture(java.util.function.Consumer<PrintStream> body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream s = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        body.accept(s);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
