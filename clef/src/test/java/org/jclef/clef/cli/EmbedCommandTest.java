package org.jclef.clef.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.jclef.clef.io.EcgRecord;
import org.jclef.clef.io.RecordReader;
import org.jclef.clef.io.SharedDataFolders;
import org.jclef.clef.model.Net1D;
import org.jclef.clef.model.Net1DConfig;
import org.jclef.clef.signal.ClefRecipe;
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

    /** Lead {@code lead} of the test recording through the clef-v1 recipe at {@code fs}. */
    private static float[] recipe(int lead, double fs) {
        float[] raw = expectedLead(lead);
        double[] mv = new double[raw.length];
        for (int t = 0; t < raw.length; t++) {
            mv[t] = Double.parseDouble(Float.toString(raw[t]));
        }
        return ClefRecipe.modelInput(mv, fs);
    }

    @Test
    void randomInitialisationWarnsAndEmbedsLeadIIThroughTheRecipeByDefault() {
        CliRun run = CliRun.of("embed", "--model", "small", "--input", csv.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("no --weights given"), run.err());
        assertTrue(run.err().contains("taking it as sampled at 500 Hz"), run.err());
        float[] printed = parseLine(run.out());
        assertEquals(256, printed.length);
        assertArrayEquals(Net1D.create(Net1DConfig.SMALL, EmbedCommand.RANDOM_INIT_SEED).embed(recipe(1, 500)), printed);
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
                "--lead", "v1", "--fs", "500", "--preprocess", "none", "--output", csvOut.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.out());
        List<String> lines = Files.readAllLines(csvOut);
        assertEquals("e0", lines.get(0).split(",")[0]);
        assertArrayEquals(expected, parseLine(lines.get(1)));

        Path jsonOut = dir.resolve("emb.json");
        run = CliRun.of("embed", "--model", "small", "--weights", weights.toString(), "--input", csv.toString(),
                "--lead", "2", "--fs", "500", "--preprocess", "none", "--output", jsonOut.toString());
        assertEquals(0, run.exitCode(), run.err());
        Map<String, Object> json = org.jclef.tensor.io.Json.parseObject(Files.readString(jsonOut), "test");
        assertEquals("V1", json.get("lead"));
        assertEquals("none", json.get("preprocess"));
        assertEquals((long) SAMPLES, json.get("samples"));
        List<?> values = (List<?>) json.get("embedding");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], ((Number) values.get(i)).floatValue());
        }
    }

    @Test
    void lightningCheckpointWeightsAtAnotherRate() throws IOException {
        Path ckpt = Path.of(System.getProperty("basedir", ".")).resolve("../nn/src/test/resources/checkpoints/"
                + "net1d_small_lightning.ckpt").normalize();
        Net1D net = Net1D.load(ckpt);
        CliRun raw = CliRun.of("embed", "--model", "small", "--weights", ckpt.toString(), "--input", csv.toString(),
                "--lead", "I", "--fs", "250", "--preprocess", "none");
        assertEquals(0, raw.exitCode(), raw.err());
        assertTrue(raw.err().contains("sampled at 250.0 Hz"), raw.err());
        assertArrayEquals(net.embed(expectedLead(0)), parseLine(raw.out()));

        CliRun resampled = CliRun.of("embed", "--model", "small", "--weights", ckpt.toString(), "--input",
                csv.toString(), "--lead", "I", "--fs", "250");
        assertEquals(0, resampled.exitCode(), resampled.err());
        assertArrayEquals(net.embed(recipe(0, 250)), parseLine(resampled.out()));
    }

    @Test
    void wfdbRecord() throws IOException {
        Path header = SharedDataFolders.require("cinc2021-samples").resolve("HR06000.hea");
        CliRun run = CliRun.of("embed", "--model", "small", "--input", header.toString(), "--lead", "aVF");
        assertEquals(0, run.exitCode(), run.err());
        EcgRecord record = RecordReader.read(header, OptionalDouble.empty());
        float[] expected = Net1D.create(Net1DConfig.SMALL, EmbedCommand.RANDOM_INIT_SEED)
                .embed(ClefRecipe.modelInput(record.requireLead("aVF").millivolts(), record.fs()));
        assertArrayEquals(expected, parseLine(run.out()));
        assertFails(2, "contradicts", "embed", "--model", "small", "--input", header.toString(), "--fs", "250");
    }

    @Test
    void badInputsExitNonZeroWithAMessage() throws IOException {
        String in = csv.toString();
        assertFails(2, "missing required option --model", "embed", "--input", in);
        assertFails(2, "unknown model size 'tiny'", "embed", "--model", "tiny", "--input", in);
        assertFails(2, "--lead V9: record record has no such lead (leads: I, II, V1)", "embed", "--model", "small",
                "--input", in, "--lead", "V9");
        assertFails(2, "has leads 0 to 2", "embed", "--model", "small", "--input", in, "--lead", "3");
        assertFails(2, "expected clef-v1 or none", "embed", "--model", "small", "--input", in, "--preprocess", "clef-v2");
        assertFails(2, "ending in .csv or .json", "embed", "--model", "small", "--input", in, "--output", "x.txt");
        assertFails(2, "unknown option --colour", "embed", "--model", "small", "--input", in, "--colour", "red");
        assertFails(2, "no such file", "embed", "--model", "small", "--input", dir.resolve("none.csv").toString());
        assertFails(2, "no such file", "embed", "--model", "small", "--input", in, "--weights", "missing.ckpt");
        assertFails(2, "expected a positive sampling rate", "embed", "--model", "small", "--input", in, "--fs", "0");
        assertFails(1, "unknown backend 'gpu'", "embed", "--model", "small", "--input", in, "--backend", "gpu");

        Path garbage = dir.resolve("weights.safetensors");
        Files.writeString(garbage, "not a checkpoint");
        assertFails(1, garbage.toString(), "embed", "--model", "small", "--input", in, "--weights", garbage.toString());

        Path holes = dir.resolve("holes.csv");
        Files.writeString(holes, "II\n0.1\n\nNaN\n0.3\n");
        assertFails(2, "1 missing (empty or NaN) samples, the first at sample 1", "embed", "--model", "small",
                "--input", holes.toString(), "--preprocess", "none");
        Path text = dir.resolve("text.csv");
        Files.writeString(text, "II\n0.1\nabc\n");
        assertFails(1, "'abc' is not a number", "embed", "--model", "small", "--input", text.toString());
        Path twoLeads = dir.resolve("two.csv");
        Files.writeString(twoLeads, "V1,V2\n0.1,0.2\n");
        assertFails(2, "has no lead II (leads: V1, V2); choose one with --lead", "embed", "--model", "small",
                "--input", twoLeads.toString());
    }

    static void assertFails(int code, String message, String... argv) {
        CliRun run = CliRun.of(argv);
        assertEquals(code, run.exitCode(), String.join(" ", argv) + " → " + run.err());
        assertTrue(run.err().contains(message), "expected '" + message + "' in: " + run.err());
        assertTrue(!run.err().contains("\tat "), "no stack trace without --verbose: " + run.err());
    }
}
