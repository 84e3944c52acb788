package org.jclef.nn.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Archive-level input: layouts torch does not write, and truncated, corrupt or hostile zips. */
class TorchArchiveTest {
    @TempDir
    Path dir;

    private static byte[] oneTensor(String storageClass, long numel, long offset, long[] size, long[] stride) {
        return PickleBuilder.orderedDict().unicode("w")
                .tensor(storageClass, "0", numel, offset, size, stride).setitem().stop().bytes();
    }

    private Path archive(String name, byte[] pickle, Map<String, byte[]> storages) throws IOException {
        return ZipFixtures.archive(dir.resolve(name), "root", pickle, storages);
    }

    private static String refusal(Path file) {
        CheckpointException e = assertThrows(CheckpointException.class, () -> TorchCheckpoint.load(file));
        assertTrue(e.getMessage().startsWith(file.toString() + ": ")
                || e.getMessage().startsWith(file + " (root/data.pkl): "), e.getMessage());
        return e.getMessage();
    }

    private static void assertContains(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "'" + part + "' not in: " + message);
        }
    }

    @Test
    void deflatedRecordsAndAnyRootNameAreRead() throws IOException {
        Map<String, byte[]> records = new LinkedHashMap<>();
        records.put("my model/data.pkl", oneTensor("FloatStorage", 3, 1, new long[] {2}, new long[] {1}));
        records.put("my model/data/0", ZipFixtures.floats(1.5f, -2f, 3.25f));
        Path file = ZipFixtures.write(dir.resolve("deflated.pt"), records, true);
        Tensor w = TorchCheckpoint.load(file).stateDict().get("w");
        assertArrayEquals(new float[] {-2f, 3.25f}, w.toFloatArray());
    }

    @Test
    void integersBeyondTwoToThe53AreRefusedNamingTheTensor() throws IOException {
        Path ok = archive("ok.pt", oneTensor("LongStorage", 2, 0, new long[] {2}, new long[] {1}),
                Map.of("0", ZipFixtures.longs(1L << 53, -(1L << 53))));
        Tensor t = TorchCheckpoint.load(ok).stateDict().get("w");
        assertEquals(DType.F64, t.dtype());
        assertArrayEquals(new double[] {0x1p53, -0x1p53}, t.toDoubleArray());

        Path big = archive("big.pt", oneTensor("LongStorage", 2, 0, new long[] {2}, new long[] {1}),
                Map.of("0", ZipFixtures.longs(3, (1L << 53) + 1)));
        assertContains(refusal(big), "tensor 'w' (int64) holds 9007199254740993 at flat index 1");
    }

    @Test
    void truncatedZipIsRefused() throws IOException {
        byte[] whole = Files.readAllBytes(Fixtures.path("tiny_views.pt"));
        for (int keep : new int[] {whole.length / 2, whole.length - 30, 10}) {
            Path cut = Files.write(dir.resolve("cut" + keep + ".pt"), Arrays.copyOf(whole, keep));
            assertContains(refusal(cut), "not a readable zip archive");
        }
    }

    @Test
    void storageRecordCutShortIsRefused() throws IOException {
        Path file = archive("short.pt", oneTensor("FloatStorage", 4, 0, new long[] {4}, new long[] {1}),
                Map.of("0", ZipFixtures.floats(1, 2)));
        assertContains(refusal(file), "record root/data/0 holds 8 bytes but data.pkl declares 4 float32"
                + " elements (16 bytes)");
    }

    @Test
    void hugeDeclaredStorageIsRefusedBeforeAllocating() throws IOException {
        Path file = archive("huge.pt", oneTensor("FloatStorage", 1L << 40, 0, new long[] {1}, new long[] {1}),
                Map.of("0", ZipFixtures.floats(1)));
        assertContains(refusal(file), "declares 1099511627776 float32 elements (4398046511104 bytes)");
        Path overflow = archive("overflow.pt", oneTensor("DoubleStorage", Long.MAX_VALUE / 2, 0,
                new long[] {1}, new long[] {1}), Map.of("0", ZipFixtures.floats(1)));
        assertContains(refusal(overflow), "record root/data/0 holds 4 bytes");
    }

    @Test
    void centralDirectoryLyingAboutARecordSizeIsRefused() throws IOException {
        Path file = archive("liar.pt", oneTensor("FloatStorage", 2, 0, new long[] {2}, new long[] {1}),
                Map.of("0", ZipFixtures.floats(1, 2)));
        byte[] bytes = Files.readAllBytes(file);
        int patched = 0;
        for (int i = 0; i + 46 < bytes.length; i++) {
            boolean central = bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 1 && bytes[i + 3] == 2;
            if (central && new String(bytes, i + 46, 11).equals("root/data/0")) {
                ByteBuffer.wrap(bytes, i + 20, 8).order(ByteOrder.LITTLE_ENDIAN)
                        .putInt(0x7fff_fff0).putInt(0x7fff_fff0);
                patched++;
            }
        }
        assertEquals(1, patched);
        Path liar = Files.write(dir.resolve("liar2.pt"), bytes);
        CheckpointException e = assertThrows(CheckpointException.class, () -> TorchCheckpoint.load(liar));
        assertTrue(e.getMessage().startsWith(liar.toString()), e.getMessage());
    }

    @Test
    void corruptStorageBytesFailTheCrcCheck() throws IOException {
        Path file = archive("flipped.pt", oneTensor("FloatStorage", 2, 0, new long[] {2}, new long[] {1}),
                Map.of("0", ZipFixtures.floats(1.5f, 2.5f)));
        byte[] bytes = Files.readAllBytes(file);
        byte[] pattern = ZipFixtures.floats(1.5f, 2.5f);
        int at = indexOf(bytes, pattern);
        bytes[at + 5] ^= 1;
        Path flipped = Files.write(dir.resolve("flipped2.pt"), bytes);
        assertContains(refusal(flipped), "record root/data/0 fails its CRC-32 check");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("pattern not found");
    }

    @Test
    void missingDataPklAndTorchScriptArchivesAreRefused() throws IOException {
        Path noPickle = ZipFixtures.write(dir.resolve("nopickle.pt"),
                Map.of("root/data/0", ZipFixtures.floats(1), "root/version", "3".getBytes()), false);
        assertContains(refusal(noPickle), "no <root>/data.pkl record", "2 entries");

        Path script = ZipFixtures.write(dir.resolve("script.pt"),
                Map.of("m/constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'},
                        "m/code/__torch__.py", "x".getBytes()), false);
        assertContains(refusal(script), "TorchScript archive");

        Map<String, byte[]> two = new LinkedHashMap<>();
        two.put("a/data.pkl", PickleBuilder.orderedDict().stop().bytes());
        two.put("b/data.pkl", PickleBuilder.orderedDict().stop().bytes());
        assertContains(refusal(ZipFixtures.write(dir.resolve("two.pt"), two, false)),
                "several data.pkl records");
    }

    @Test
    void missingStorageRecordIsRefusedBeforeReadingAnyTensor() throws IOException {
        Path file = archive("missing.pt", oneTensor("FloatStorage", 2, 0, new long[] {2}, new long[] {1}),
                Map.of());
        assertContains(refusal(file), "missing record root/data/0 for storage '0' (2 float32 elements)");
    }

    @Test
    void viewOutsideItsStorageIsRefused() throws IOException {
        Path file = archive("inside.pt", oneTensor("FloatStorage", 4, 1, new long[] {2, 2}, new long[] {1, 1}),
                Map.of("0", ZipFixtures.floats(1, 2, 3, 4)));
        assertArrayEquals(new float[] {2, 3, 3, 4}, TorchCheckpoint.load(file).stateDict().get("w").toFloatArray());
        Path beyond = archive("beyond.pt", oneTensor("FloatStorage", 4, 2, new long[] {2, 2}, new long[] {2, 1}),
                Map.of("0", ZipFixtures.floats(1, 2, 3, 4)));
        assertContains(refusal(beyond), "reaches storage index 5 but storage '0' holds only 4");
    }

    @Test
    void sameStorageKeyWithTwoTypesIsRefused() throws IOException {
        byte[] pickle = PickleBuilder.orderedDict()
                .unicode("a").tensor("FloatStorage", "0", 2, 0, new long[] {2}, new long[] {1}).setitem()
                .unicode("b").tensor("IntStorage", "0", 2, 0, new long[] {2}, new long[] {1}).setitem()
                .stop().bytes();
        Path file = archive("twotypes.pt", pickle, Map.of("0", ZipFixtures.floats(1, 2)));
        assertContains(refusal(file), "storage '0' is declared twice, as 2 float32 elements and as 2 int32");
    }

    @Test
    void untypedStorageReadAsTwoTypesIsRefused() throws IOException {
        PickleBuilder b = PickleBuilder.orderedDict();
        for (String dtype : new String[] {"float32", "int32"}) {
            b.unicode(dtype).global("torch._utils", "_rebuild_tensor_v3").mark()
                    .storage("UntypedStorage", "0", 8).integer(0).mark().integer(2).tuple().mark()
                    .integer(1).tuple().op(0x89).emptyDict().global("torch", dtype).tuple().reduce()
                    .setitem();
        }
        Path file = archive("untyped.pt", b.stop().bytes(), Map.of("0", ZipFixtures.floats(0.5f, -1f)));
        try (TorchArchive a = TorchArchive.open(file)) {
            Map<?, ?> sd = (Map<?, ?>) a.content();
            Tensor f = a.tensor("float32", (TensorRef) sd.get("float32"));
            assertArrayEquals(new float[] {0.5f, -1f}, f.toFloatArray());
            CheckpointException e = assertThrows(CheckpointException.class,
                    () -> a.tensor("int32", (TensorRef) sd.get("int32")));
            assertContains(e.getMessage(), "storage '0' is viewed both as float32 and as int32");
        }
    }

    @Test
    void emptyTensorMayPointAnywhere() throws IOException {
        Path file = archive("empty.pt", oneTensor("FloatStorage", 1, 1000, new long[] {0, 3}, new long[] {3, 1}),
                Map.of("0", ZipFixtures.floats(7)));
        Tensor w = TorchCheckpoint.load(file).stateDict().get("w");
        assertArrayEquals(new int[] {0, 3}, w.shape());
        assertEquals(DType.F32, w.dtype());
    }

    @Test
    void byteOrderRecordIsHonoured() throws IOException {
        byte[] pickle = oneTensor("FloatStorage", 1, 0, new long[] {1}, new long[] {1});
        for (String order : new String[] {"big", "middle"}) {
            Map<String, byte[]> records = new LinkedHashMap<>();
            records.put("root/data.pkl", pickle);
            records.put("root/byteorder", order.getBytes());
            records.put("root/data/0", ZipFixtures.floats(1));
            Path file = ZipFixtures.write(dir.resolve(order + ".pt"), records, false);
            assertContains(refusal(file), order.equals("big") ? "big-endian" : "says 'middle'");
        }
    }

    @Test
    void otherFormatsAreToldApart() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.pt"), "hello, not a checkpoint");
        assertContains(refusal(text), "not a PyTorch checkpoint");

        ByteBuffer st = ByteBuffer.allocate(8 + 2).order(ByteOrder.LITTLE_ENDIAN).putLong(2).put((byte) '{')
                .put((byte) '}');
        Path safetensors = Files.write(dir.resolve("model.safetensors"), st.array());
        assertContains(refusal(safetensors), "safetensors", "org.jclef.tensor.io.SafeTensors");
        assertEquals(CheckpointFormat.SAFETENSORS, CheckpointFormat.detect(safetensors));

        Path empty = Files.write(dir.resolve("empty.pt"), new byte[0]);
        assertContains(refusal(empty), "not a PyTorch checkpoint");
    }

    @Test
    void topLevelObjectMustHoldAStateDict() throws IOException {
        Path list = archive("list.pt", new PickleBuilder().proto(2).emptyList().stop().bytes(), Map.of());
        assertContains(refusal(list), "the file holds a list, expected a dict");

        byte[] nested = new PickleBuilder().proto(2).emptyDict().unicode("model").emptyDict().setitem()
                .stop().bytes();
        assertContains(refusal(archive("nested.pt", nested, Map.of())),
                "entry 'model' holds a dict of 0 entries, expected a tensor", "this dict's keys: model");
    }
}
