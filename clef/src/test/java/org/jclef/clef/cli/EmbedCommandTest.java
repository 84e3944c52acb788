package org.jclef.clef.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jclef.clef.model.Net1D;
import org.jclef.clef.model.Net1DConfig;
import org.jclef.tensor.io.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbedCommandTest {
    private static final int SAMPLES = 600;

    @TempDir
    Path dir;
    private Path csv;

    private static float lead(int lead, int t) {
        return (float) (Math.sin(2 * Math.PI * (lead + 1) * t / 500.0) + 0.1 * lead);
    }

    @BeforeEach
    void writeRecording() throws IOException {
        StringBuilder sb = new StringBuilder("I,II,\"V1\"\n");
        for (int t = 0; t < SAMPLES; t++) {
            sb.append(lead(0, t)).append(',').append(lead(1, t)).append(',').append(lead(2, t)).append('\n');
        }
        csv = dir.resolve("record.csv");
        Files.writeString(csv, sb.toString());
    }

    private static float[] expectedLead(int lead) {
        float[] x = new float[SAMPLES];
        for (int t = 0; t < SAMPLES; t++) {
            x[t] = lead(lead, t);
        }
        return x;
    }

    private static float[] parseLine(String line) {
        String[] cells = line.strip().split(",");
        float[] v = new float[cells.length];
        for (int i = 0; i < cells.length; i++) {
            v[i] = Float.parseFloat(cells[i]);
        }
        return v;
    }

    @Test
    void randomInitialisationWarnsAndEmbedsLeadIIByDefault() {
        CliRun run = CliRun.of("embed", "--model", "small", "--input", csv.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("no --weights given"), run.err());
        float[] printed = parseLine(run.out());
        assertEquals(256, printed.length);
        assertArrayEquals(Net1D.create(Net1DConfig.SMALL, EmbedCommand.RANDOM_INIT_SEED).embed(expectedLead(1)), printed);
        assertEquals(run.out(), CliRun.of("embed", "--model", "small", "--input", csv.toString()).out());
    }

    @Test
    void weightsLeadSelectionAndOutputFiles() throws IOException {
        Net1D net = Net1D.create(Net1DConfig.SMALL, 77);
        Path weights = dir.resolve("small.safetensors");
        net.save(weights);
        float[] expected = net.embed(expectedLead(2));

        Path csvOut = dir.resolve("emb.csv");
        CliRun run = CliRun.of("embed", "--model", "small", "--weights", weights.toString(), "--input", csv.toString(),
                "--lead", "v1", "--output", csvOut.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.out());
        List<String> lines = Files.readAllLines(csvOut);
        assertEquals("e0", lines.get(0).split(",")[0]);
        assertArrayEquals(expected, parseLine(lines.get(1)));

        Path jsonOut = dir.resolve("emb.json");
        run = CliRun.of("embed", "--model", "small", "--weights", weights.toString(), "--input", csv.toString(),
                "--lead", "2", "--output", jsonOut.toString());
        assertEquals(0, run.exitCode(), run.err());
        Map<String, Object> json = Json.parseObject(Files.readString(jsonOut), "test");
        assertEquals("V1", json.get("lead"));
        assertEquals((long) SAMPLES, json.get("samples"));
        List<?> values = (List<?>) json.get("embedding");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], ((Number) values.get(i)).floatValue());
        }
    }

    @Test
    void lightningCheckpointWeights() throws IOException {
        Path ckpt = Path.of(System.getProperty("basedir", ".")).resolve("../nn/src/test/resources/checkpoints/"
                + "net1d_small_lightning.ckpt").normalize();
        CliRun run = CliRun.of("embed", "--model", "small", "--weights", ckpt.toString(), "--input", csv.toString(),
                "--lead", "I", "--fs", "250");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("sampled at 250.0 Hz"), run.err());
        assertArrayEquals(Net1D.load(ckpt).embed(expectedLead(0)), parseLine(run.out()));
    }

    @Test
    void badInputsExitNonZeroWithAMessage() throws IOException {
        String in = csv.toString();
        assertFails(2, "missing required option --model", "embed", "--input", in);
        assertFails(2, "unknown model size 'tiny'", "embed", "--model", "tiny", "--input", in);
        assertFails(2, "--lead V9: no such lead", "embed", "--model", "small", "--input", in, "--lead", "V9");
        assertFails(2, "has leads 0 to 2", "embed", "--model", "small", "--input", in, "--lead", "3");
        assertFails(2, "expected none", "embed", "--model", "small", "--input", in, "--preprocess", "clef-v2");
        assertFails(2, "ending in .csv or .json", "embed", "--model", "small", "--input", in, "--output", "x.txt");
        assertFails(2, "unknown option --colour", "embed", "--model", "small", "--input", in, "--colour", "red");
        assertFails(2, "does not exist", "embed", "--model", "small", "--input", dir.resolve("none.csv").toString());
        assertFails(1, "unknown backend 'gpu'", "embed", "--model", "small", "--input", in, "--backend", "gpu");

        Path medium = dir.resolve("medium.safetensors");
        Files.writeString(medium, "not a checkpoint");
        assertFails(1, medium.toString(), "embed", "--model", "small", "--input", in, "--weights", medium.toString());

        Path holes = dir.resolve("holes.csv");
        Files.writeString(holes, "II\n0.1\n\nNaN\n0.3\n");
        assertFails(2, "1 missing (empty or NaN) samples, the first at sample 1", "embed", "--model", "small",
                "--input", holes.toString());
        Path ragged = dir.resolve("ragged.csv");
        Files.writeString(ragged, "I,II\n0.1,0.2\n0.3\n");
        assertFails(2, "line 3: expected 2 comma-separated values", "embed", "--model", "small", "--input",
                ragged.toString());
        Path noHeader = dir.resolve("numbers.csv");
        Files.writeString(noHeader, "0.1,0.2\n0.3,0.4\n");
        assertFails(2, "expected a header row of lead names", "embed", "--model", "small", "--input", noHeader.toString());
        Path text = dir.resolve("text.csv");
        Files.writeString(text, "II\n0.1\nabc\n");
        assertFails(2, "line 3, lead II: 'abc' is not a finite number", "embed", "--model", "small", "--input",
                text.toString());
    }

    static void assertFails(int code, String message, String... argv) {
        CliRun run = CliRun.of(argv);
        assertEquals(code, run.exitCode(), String.join(" ", argv) + " → " + run.err());
        assertTrue(run.err().contains(message), "expected '" + message + "' in: " + run.err());
        assertTrue(!run.err().contains("\tat "), "no stack trace without --verbose: " + run.err());
    }
}
