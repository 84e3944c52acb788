package org.jclef.clef.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jclef.clef.demo.DemoData;
import org.jclef.clef.io.EcgRecord;
import org.jclef.clef.io.RecordReader;
import org.jclef.clef.model.Net1D;
import org.jclef.clef.model.Net1DConfig;
import org.jclef.clef.signal.ClefRecipe;
import org.jclef.clef.signal.Resampler;
import org.jclef.clef.tasks.TestRecords;
import org.jclef.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClefEncoderTest {
    private static Net1D net;
    private static ClefEncoder encoder;
    private static List<Path> records;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws IOException {
        net = Net1D.create(Net1DConfig.SMALL, 7);
        encoder = ClefEncoder.of(net, "test weights");
        Path ptbxl = DemoData.requirePtbXl();
        records = new ArrayList<>();
        for (String id : List.of("00001", "00002", "00003")) {
            records.add(ptbxl.resolve("records100/00000/" + id + "_lr.hea"));
        }
    }

    @Test
    void embedsOneLeadOfARecordThroughTheRecipe() throws IOException {
        EcgRecord record = RecordReader.read(records.get(0), OptionalDouble.empty());
        Embedding e = encoder.embed(records.get(0), "II");

        float[] expected = net.embed(ClefRecipe.modelInput(record.requireLead("II").millivolts(), 100.0));
        assertArrayEquals(expected, e.vector());
        assertEquals(256, e.dimension());
        assertEquals("clef-v1", e.recipe());
        assertEquals("small", e.model());
        assertEquals("test weights", e.weights());
        assertEquals("00001_lr", e.source());
        assertEquals("II", e.lead());
        assertEquals(100.0, e.inputRate());
        assertEquals(1000, e.inputLength());
    }

    @Test
    void defaultLeadIsIIAndIndicesAndAliasesWork() throws IOException {
        EcgRecord record = RecordReader.read(records.get(0), OptionalDouble.empty());
        assertArrayEquals(encoder.embed(record, "II").vector(), encoder.embed(record, null).vector());
        assertArrayEquals(encoder.embed(record, "aVF").vector(), encoder.embed(record, "5").vector());
        assertArrayEquals(encoder.embed(record, "avf").vector(), encoder.embed(record, "AVF").vector());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> encoder.embed(record, "V9"));
        assertTrue(unknown.getMessage().contains("V9") && unknown.getMessage().contains("V6"), unknown.getMessage());
        IllegalArgumentException index = assertThrows(IllegalArgumentException.class, () -> encoder.embed(record, "12"));
        assertTrue(index.getMessage().contains("0 to 11"), index.getMessage());
    }

    @Test
    void rawWearableArrayAt300HzIsResampledAndPadded() {
        double[] lead = TestRecords.beats(300, 8, 70, 1.2, 0.1);
        float[] samples = new float[lead.length];
        for (int i = 0; i < lead.length; i++) {
            samples[i] = (float) lead[i];
        }
        Embedding e = encoder.embed(samples, 300.0);

        double[] widened = new double[samples.length];
        for (int i = 0; i < samples.length; i++) {
            widened[i] = samples[i];
        }
        float[] input = ClefRecipe.modelInput(widened, 300.0);
        assertEquals(4000, Resampler.resample(widened, 300, 500).length);
        assertEquals(5000, input.length);
        assertEquals(0f, input[4999]);
        assertArrayEquals(net.embed(input), e.vector());
        assertEquals("samples", e.source());
        assertEquals(300.0, e.inputRate());
        assertEquals(2400, e.inputLength());
    }

    @Test
    void batchEmbeddingMatchesOneByOne() throws IOException {
        List<Path> many = new ArrayList<>();
        for (int i = 0; i < ClefEncoder.BATCH + 3; i++) {
            many.add(records.get(i % records.size()));
        }
        List<Embedding> all = encoder.embedAll(many, "V1", null);
        assertEquals(many.size(), all.size());
        for (int i = 0; i < many.size(); i++) {
            float[] single = encoder.embed(many.get(i), "V1").vector();
            float[] batched = all.get(i).vector();
            for (int d = 0; d < single.length; d++) {
                assertEquals(single[d], batched[d], 1e-5 * Math.max(1, Math.abs(single[d])), "record " + i + " dim " + d);
            }
            assertEquals("V1", all.get(i).lead());
        }
    }

    @Test
    void loadedWeightsGiveTheSameEmbeddingsAndRandomInitIsSeeded() throws IOException {
        Path file = dir.resolve("clef_small.safetensors");
        net.save(file);
        ClefEncoder loaded = ClefEncoder.load("small", file);
        assertArrayEquals(encoder.embed(records.get(1), null).vector(), loaded.embed(records.get(1), null).vector());
        assertEquals(file.toString(), loaded.weights());

        ClefEncoder random = ClefEncoder.random("small", 7);
        assertArrayEquals(encoder.embed(records.get(1), null).vector(), random.embed(records.get(1), null).vector());
        assertEquals("random init (seed 7)", random.weights());
        assertNotEquals(encoder.embed(records.get(1), null).vector()[0],
                ClefEncoder.random("small", 8).embed(records.get(1), null).vector()[0]);
    }

    @Test
    void ofCopiesTheWeights() {
        Net1D own = Net1D.create(Net1DConfig.SMALL, 11);
        ClefEncoder copy = ClefEncoder.of(own, "copy");
        float[] signal = sine(5000);
        float[] before = copy.embed(signal, 500).vector();
        Tensor w = own.stage(0).block(0).conv1().conv().weight().value();
        w.fill(0.5);
        assertArrayEquals(before, copy.embed(signal, 500).vector());
        assertNotEquals(before[0], ClefEncoder.of(own, "changed").embed(signal, 500).vector()[0]);
    }

    @Test
    void concurrentCallersGetTheSequentialResults() throws Exception {
        List<float[]> signals = new ArrayList<>();
        List<float[]> expected = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            float[] s = sine(2500 + 300 * i);
            signals.add(s);
            expected.add(encoder.embed(s, 250).vector());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> futures = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (float[] s : signals) {
                    futures.add(pool.submit(() -> encoder.embed(s, 250).vector()));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertArrayEquals(expected.get(i % signals.size()), futures.get(i).get(), "call " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void tooShortInputIsRejectedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> encoder.embed(new float[10], 500));
        assertTrue(e.getMessage().contains("clef-v1") && e.getMessage().contains("34"), e.getMessage());
    }

    private static float[] sine(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (Math.sin(2 * Math.PI * 1.1 * i / 250.0) + 0.3 * Math.sin(2 * Math.PI * 9 * i / 250.0 + i % 7));
        }
        return x;
    }
}
