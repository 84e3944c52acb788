package org.jclef.clef.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jclef.clef.augment.SyntheticNoise;
import org.jclef.clef.augment.ViewSampler;
import org.jclef.clef.loss.MetadataMode;
import org.jclef.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchLoaderTest {
    private static final int WINDOW = 256;
    private static final ViewSampler SAMPLER = ViewSampler.clef(new SyntheticNoise());

    @TempDir
    Path dir;
    private TrainingSet data;
    private ClinicalMetadata metadata;

    @BeforeEach
    void sevenRecords() throws IOException {
        TestRecords.writeFolder(dir, 7, 400);
        data = TrainingData.open(dir, new TrainingData.Options(WINDOW, ShortRecords.SKIP, List.of()));
        metadata = ClinicalMetadata.resolve(data, null, null);
    }

    private record Seen(int epoch, int batch, int[] items, float[] views) {
    }

    private List<Seen> load(EpochPlan plan, int loaders, int prefetch, BatchLoader.Span span, List<String> warnings)
            throws IOException {
        List<Seen> out = new ArrayList<>();
        try (BatchLoader loader = new BatchLoader(data, metadata, MetadataMode.RISK_ONLY, SAMPLER, plan, WINDOW, loaders,
                prefetch, span, warnings::add)) {
            for (long i = 0; i < span.batches(); i++) {
                ViewBatch b = loader.next();
                assertEquals(b.patients(), b.metadata().patients());
                assertArrayEquals(new int[] {2 * b.patients(), 1, WINDOW}, b.views().shape());
                out.add(new Seen(b.epoch(), b.batch(), b.items(), b.views().toFloatArray()));
            }
        }
        return out;
    }

    @Test
    void batchesDoNotDependOnTheNumberOfLoadersOrWhereTheSequenceStarts() throws IOException {
        EpochPlan plan = new EpochPlan(7, 3, 5);
        List<Seen> one = load(plan, 1, 1, new BatchLoader.Span(0, 0, 9), new ArrayList<>());
        List<Seen> three = load(plan, 3, 6, new BatchLoader.Span(0, 0, 9), new ArrayList<>());
        List<Seen> late = load(plan, 2, 2, new BatchLoader.Span(1, 1, 4), new ArrayList<>());
        assertEquals(9, one.size());
        for (int i = 0; i < one.size(); i++) {
            assertEquals(one.get(i).epoch(), three.get(i).epoch());
            assertArrayEquals(one.get(i).items(), three.get(i).items());
            assertArrayEquals(one.get(i).views(), three.get(i).views(), "batch " + i);
        }
        for (int i = 0; i < late.size(); i++) {
            Seen expected = one.get(3 + i);
            assertEquals(expected.epoch(), late.get(i).epoch());
            assertEquals(expected.batch(), late.get(i).batch());
            assertArrayEquals(expected.views(), late.get(i).views());
        }
        assertEquals(List.of(3, 3), one.subList(0, 2).stream().map(s -> s.items().length).toList());
        assertEquals(0, one.get(2).batch(), "7 = 3 + 3 + 1: the single-patient batch is dropped");
        assertEquals(1, one.get(2).epoch());
        int[] epoch0 = new int[6];
        int k = 0;
        for (Seen s : one.subList(0, 2)) {
            for (int item : s.items()) {
                epoch0[k++] = item;
            }
        }
        assertArrayEquals(Arrays.copyOf(ItemSeeds.epochOrder(5, 0, 7), 6), epoch0);
        assertTrue(!Arrays.equals(one.get(0).views(), one.get(3).views()), "epochs draw new views");
    }

    @Test
    void viewsAreStackedAsAllFirstViewsThenAllSecondViewsEachZScored() throws IOException {
        List<Seen> seen = load(new EpochPlan(7, 4, 1), 1, 1, new BatchLoader.Span(0, 0, 1), new ArrayList<>());
        float[] v = seen.get(0).views();
        assertEquals(8 * WINDOW, v.length);
        for (int row = 0; row < 8; row++) {
            double mean = 0, sq = 0;
            for (int t = 0; t < WINDOW; t++) {
                mean += v[row * WINDOW + t];
            }
            mean /= WINDOW;
            for (int t = 0; t < WINDOW; t++) {
                sq += Math.pow(v[row * WINDOW + t] - mean, 2);
            }
            assertEquals(0, mean, 1e-5, "row " + row);
            assertEquals(1, Math.sqrt(sq / WINDOW), 1e-3, "row " + row);
        }
        int[] items = seen.get(0).items();
        float[] again = load(new EpochPlan(7, 4, 1), 1, 1, new BatchLoader.Span(0, 0, 1), new ArrayList<>()).get(0).views();
        assertArrayEquals(v, again);
        assertEquals(4, items.length);
    }

    @Test
    void viewBuffersAreReusedNotReallocated() throws IOException {
        EpochPlan plan = new EpochPlan(7, 2, 3);
        List<Object> storages = new ArrayList<>();
        try (BatchLoader loader = new BatchLoader(data, metadata, MetadataMode.RISK_ONLY, SAMPLER, plan, WINDOW, 1, 2,
                new BatchLoader.Span(0, 0, 8), w -> { })) {
            for (int i = 0; i < 8; i++) {
                Tensor t = loader.next().views();
                storages.add(t.storage());
            }
        }
        assertEquals(3, storages.stream().distinct().count(), "prefetch 2 + 1 in use");
        assertSame(storages.get(0), storages.get(3));
    }

    @Test
    void aLeadWithoutSamplesIsNotDrawnAndLogged() throws IOException {
        double nan = Double.NaN;
        double[] absent = new double[400];
        Arrays.fill(absent, nan);
        TestRecords.write(dir, "p999", 500, List.of("I", "II", "V1"), new double[][] {TestRecords.lead(3, 0, 400, 500),
                absent, TestRecords.lead(3, 2, 400, 500)}, List.of());
        data = TrainingData.open(dir, new TrainingData.Options(WINDOW, ShortRecords.SKIP, List.of()));
        metadata = ClinicalMetadata.resolve(data, null, null);
        List<String> warnings = new ArrayList<>();
        List<Seen> seen = load(new EpochPlan(8, 8, 1), 2, 1, new BatchLoader.Span(0, 0, 2), warnings);
        assertEquals(List.of("record p999: lead(s) II hold no samples (all NaN) and are not drawn"), warnings,
                "logged once although loaded twice");
        for (float x : seen.get(0).views()) {
            assertTrue(Float.isFinite(x));
        }
    }

    @Test
    void aRecordThatCannotBeReadStopsTheLoaderNamingIt() throws IOException {
        Files.delete(dir.resolve("p003.dat"));
        EpochPlan plan = new EpochPlan(7, 7, 1);
        IOException e = assertThrows(IOException.class, () -> load(plan, 1, 1, new BatchLoader.Span(0, 0, 1),
                new ArrayList<>()));
        assertTrue(e.getMessage().contains("loading record p003") && e.getMessage().contains("p003.hea"), e.getMessage());
    }
}
