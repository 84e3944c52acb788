package org.jclef.nn.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Imports the torch 1.13 fixtures of tools/torch-fixtures/checkpoints.py and checks every value. */
class TorchCheckpointFixtureTest {
    private static final int SMALL_ENTRIES = 257;

    @ParameterizedTest
    @ValueSource(strings = {"tiny_views.pt", "tiny_views_protocol4.pt", "tiny_views_torch2_layout.pt"})
    void everyElementOfTheTinyViewsMatchesPyTorch(String file) throws IOException {
        TorchCheckpoint ckpt = TorchCheckpoint.load(Fixtures.path(file));
        List<Fixtures.Expected> expected = Fixtures.expected("tiny_views.expected.txt");
        assertEquals(CheckpointContents.Kind.STATE_DICT, ckpt.kind());
        assertEquals(expected.stream().map(Fixtures.Expected::key).toList(),
                new ArrayList<>(ckpt.stateDict().keySet()));
        for (Fixtures.Expected e : expected) {
            Tensor t = ckpt.stateDict().get(e.key());
            TorchDType source = ckpt.sourceDType(e.key());
            assertEquals(e.dtype(), source.torchName(), e.key());
            assertArrayEquals(e.shape(), t.shape(), e.key());
            assertEquals(source.loadedAs(), t.dtype(), e.key());
            String[] values = e.payload().length == 0 ? new String[0] : e.payload()[0].split(" ");
            assertEquals(values.length, t.size(), e.key());
            for (int i = 0; i < values.length; i++) {
                double want = Double.parseDouble(values[i]);
                if (t.dtype() == DType.F32) {
                    assertEquals(Float.floatToIntBits((float) want),
                            Float.floatToIntBits((float) t.getFlat(i)), e.key() + "[" + i + "]");
                } else {
                    assertEquals(Double.doubleToLongBits(want), Double.doubleToLongBits(t.getFlat(i)),
                            e.key() + "[" + i + "]");
                }
            }
        }
    }

    @Test
    void contiguousViewsShareTheirStorageAndStridedViewsAreCopies() throws IOException {
        Map<String, Tensor> sd = TorchCheckpoint.load(Fixtures.path("tiny_views.pt")).stateDict();
        Tensor matrix = sd.get("matrix");
        Tensor row2 = sd.get("row2");
        assertSame(matrix.storage(), row2.storage());
        assertEquals(12, row2.offset());
        assertNotSame(matrix.storage(), sd.get("transposed").storage());
        assertNotSame(matrix.storage(), sd.get("column3").storage());
        assertEquals(sd.get("float64").dtype(), DType.F64);
        assertSame(sd.get("float64_tail").dtype(), DType.F64);
        assertEquals(7, sd.get("float64_tail").offset());
    }

    @Test
    void archiveLayoutsOfTorch1AndTorch2AreRecognised() throws IOException {
        try (TorchArchive a = TorchArchive.open(Fixtures.path("tiny_views.pt"))) {
            assertEquals("tiny_views", a.root());
            assertEquals(2, a.pickleProtocol());
            assertEquals("3", a.version().orElseThrow());
        }
        try (TorchArchive a = TorchArchive.open(Fixtures.path("tiny_views_torch2_layout.pt"))) {
            assertEquals("archive", a.root());
            assertEquals("little", a.byteOrder());
        }
        try (TorchArchive a = TorchArchive.open(Fixtures.path("tiny_views_protocol4.pt"))) {
            assertEquals(4, a.pickleProtocol());
        }
    }

    @Test
    void net1dSmallStateDictMatchesPyTorchChecksums() throws IOException {
        TorchCheckpoint ckpt = TorchCheckpoint.load(Fixtures.path("net1d_small_state_dict.pt"));
        assertEquals(CheckpointContents.Kind.STATE_DICT, ckpt.kind());
        checkSmall(ckpt, "");
    }

    @Test
    void lightningCheckpointGivesTheStateDictAndItsTrainingState() throws IOException {
        TorchCheckpoint ckpt = TorchCheckpoint.load(Fixtures.path("net1d_small_lightning.ckpt"));
        assertEquals(CheckpointContents.Kind.LIGHTNING, ckpt.kind());
        checkSmall(ckpt, "backbone.");
        assertEquals(3, ckpt.epoch().orElseThrow());
        assertEquals(1000, ckpt.globalStep().orElseThrow());
        assertEquals("2.2.1", ckpt.lightningVersion().orElseThrow());
        assertEquals(List.of("epoch", "global_step", "pytorch-lightning_version", "loops", "callbacks",
                "optimizer_states", "lr_schedulers"), new ArrayList<>(ckpt.otherEntries().keySet()));

        List<?> optimizers = assertInstanceOf(List.class, ckpt.otherEntries().get("optimizer_states"));
        Map<?, ?> adam = assertInstanceOf(Map.class, optimizers.getFirst());
        Map<?, ?> group = assertInstanceOf(Map.class, ((List<?>) adam.get("param_groups")).getFirst());
        assertEquals(0.001, group.get("initial_lr"));
        assertEquals(0.0009045084971874736, group.get("lr"));
        assertEquals(1e-8, group.get("eps"));
        assertEquals(Boolean.FALSE, group.get("amsgrad"));
        assertTrue(group.containsKey("foreach") && group.get("foreach") == null);
        assertEquals(PickleTuple.of(0.9, 0.999), group.get("betas"));
        assertEquals(List.of(0L, 1L, 2L, 3L), group.get("params"));
        Map<?, ?> state = assertInstanceOf(Map.class, adam.get("state"));
        Map<?, ?> first = assertInstanceOf(Map.class, state.get(0L));
        TensorRef expAvg = assertInstanceOf(TensorRef.class, first.get("exp_avg"));
        assertArrayEquals(new int[] {2, 1, 3}, expAvg.shape());
        assertEquals(12, PickleValues.countTensors(adam).tensors());

        List<?> schedulers = assertInstanceOf(List.class, ckpt.otherEntries().get("lr_schedulers"));
        Map<?, ?> scheduler = assertInstanceOf(Map.class, schedulers.getFirst());
        assertEquals(10L, scheduler.get("T_max"));
        assertEquals(List.of(0.001), scheduler.get("base_lrs"));
        Map<?, ?> loops = assertInstanceOf(Map.class, ckpt.otherEntries().get("loops"));
        Map<?, ?> fit = assertInstanceOf(Map.class, loops.get("fit_loop"));
        assertEquals(Map.of("_batches_that_stepped", 1000L), fit.get("epoch_loop.state_dict"));
        Map<?, ?> callbacks = assertInstanceOf(Map.class, ckpt.otherEntries().get("callbacks"));
        Map<?, ?> modelCheckpoint = assertInstanceOf(Map.class, callbacks.values().iterator().next());
        assertEquals("val_loss", modelCheckpoint.get("monitor"));
        assertInstanceOf(TensorRef.class, modelCheckpoint.get("best_model_score"));
        assertEquals("list of 1 item holding 12 tensors of 48 elements (not read)",
                ckpt.otherEntriesSummary().get("optimizer_states"));
    }

    @Test
    void legacyNonZipFormatIsRefusedWithAnInstruction() {
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> TorchCheckpoint.load(Fixtures.path("tiny_legacy.pt")));
        assertTrue(e.getMessage().contains("legacy serialization"), e.getMessage());
        assertTrue(e.getMessage().contains("re-save"), e.getMessage());
        assertTrue(e.getMessage().startsWith(Fixtures.path("tiny_legacy.pt").toString()), e.getMessage());
    }

    /** Every tensor against the dtype, shape, exact sum and CRC-32 that PyTorch computed. */
    private static void checkSmall(TorchCheckpoint ckpt, String prefix) {
        List<Fixtures.Expected> expected = Fixtures.expected("net1d_small.expected.txt");
        assertEquals(SMALL_ENTRIES, expected.size());
        assertEquals(SMALL_ENTRIES, ckpt.stateDict().size());
        assertEquals(expected.stream().map(e -> prefix + e.key()).toList(),
                new ArrayList<>(ckpt.stateDict().keySet()));
        for (Fixtures.Expected e : expected) {
            String key = prefix + e.key();
            Tensor t = ckpt.stateDict().get(key);
            TorchDType source = ckpt.sourceDType(key);
            assertEquals(e.dtype(), source.torchName(), key);
            assertArrayEquals(e.shape(), t.shape(), key);
            assertEquals(Double.parseDouble(e.payload()[0]), exactSum(t), key);
            assertEquals(Long.parseLong(e.payload()[1], 16), crc32(t, source), key);
        }
    }

    /** The correctly rounded exact sum, as Python's math.fsum gives it. */
    private static double exactSum(Tensor t) {
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < t.size(); i++) {
            sum = sum.add(new BigDecimal(t.getFlat(i)));
        }
        return sum.doubleValue();
    }

    /** CRC-32 of the row-major little-endian bytes in the PyTorch type. */
    private static long crc32(Tensor t, TorchDType source) {
        ByteBuffer buf = ByteBuffer.allocate(t.size() * source.elementBytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < t.size(); i++) {
            switch (source) {
                case FLOAT32 -> buf.putFloat((float) t.getFlat(i));
                case INT64 -> buf.putLong((long) t.getFlat(i));
                default -> throw new AssertionError("unexpected dtype " + source);
            }
        }
        CRC32 crc = new CRC32();
        crc.update(buf.array());
        return crc.getValue();
    }
}
