package org.jclef.tensor.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {
    private static final String FILE = "crafted.safetensors";

    @TempDir
    Path dir;

    // ---------------------------------------------------------------- round trips

    @Test
    void writeThenOpenRoundTripsValuesShapesTypesAndMetadata() throws Exception {
        SplittableRandom rng = new SplittableRandom(7);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("conv.weight", Tensor.normal(DType.F32, rng, 8, 4, 16));
        tensors.put("conv.bias", Tensor.normal(DType.F32, rng, 8));
        tensors.put("reference", Tensor.normal(DType.F64, rng, 3, 5));
        tensors.put("scalar", Tensor.scalar(DType.F32, -2.5));
        tensors.put("empty", Tensor.zeros(DType.F32, 0, 3));
        tensors.put("odd", Tensor.normal(DType.F32, rng, 3));
        tensors.put("unicode \u00e9/\"quoted\"", Tensor.normal(DType.F64, rng, 2, 1));
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "pt");
        metadata.put("step", "1200");
        metadata.put("note", "line\nbreak \u00fc");
        Path file = dir.resolve("round.safetensors");

        SafeTensors.write(file, tensors, metadata);

        assertEquals(0, (8 + headerLength(file)) % 8, "data section is 8-byte aligned");
        try (SafeTensors st = SafeTensors.open(file)) {
            assertEquals(List.copyOf(tensors.keySet()), List.copyOf(st.names()));
            assertEquals(metadata, st.metadata());
            for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
                Tensor read = st.tensor(e.getKey());
                assertEquals(e.getValue().dtype(), read.dtype(), e.getKey());
                assertArrayEquals(e.getValue().shape(), read.shape(), e.getKey());
                assertArrayEquals(e.getValue().toDoubleArray(), read.toDoubleArray(), 0.0, e.getKey());
            }
            assertEquals(SafeTensors.ElementType.F32, st.entry("conv.weight").type());
            assertEquals(8 * 4 * 16, st.entry("conv.weight").numel());
        }
        assertFalse(Files.exists(dir.resolve("round.safetensors.tmp")), "temporary file removed");
    }

    @Test
    void writesViewsWithAnOffsetAndLargeTensorsInChunks() throws Exception {
        SplittableRandom rng = new SplittableRandom(11);
        Tensor big = Tensor.normal(DType.F32, rng, 3, 200_000);
        Tensor row = big.slice(1, 2);
        Tensor wide = Tensor.normal(DType.F64, rng, 300_001);
        Path file = dir.resolve("views.safetensors");
        SafeTensors.write(file, Map.of("row", row), Map.of());
        SafeTensors.write(dir.resolve("wide.safetensors"), Map.of("wide", wide), Map.of());
        try (SafeTensors st = SafeTensors.open(file);
             SafeTensors w = SafeTensors.open(dir.resolve("wide.safetensors"))) {
            assertArrayEquals(row.toFloatArray(), st.tensor("row").toFloatArray());
            assertArrayEquals(wide.toDoubleArray(), w.tensor("wide").toDoubleArray());
            assertTrue(st.metadata().isEmpty());
        }
    }

    @Test
    void overwritingReplacesTheFile() throws Exception {
        Path file = dir.resolve("twice.safetensors");
        SafeTensors.write(file, Map.of("a", Tensor.of(new float[] {1, 2}, 2)), Map.of());
        SafeTensors.write(file, Map.of("b", Tensor.of(new double[] {3}, 1)), Map.of());
        try (SafeTensors st = SafeTensors.open(file)) {
            assertEquals(List.of("b"), List.copyOf(st.names()));
            assertEquals(3.0, st.tensor("b").item());
        }
    }

    @Test
    void readsFromMemoryLikeFromAFile() throws Exception {
        Path file = dir.resolve("mem.safetensors");
        SafeTensors.write(file, Map.of("t", Tensor.of(new float[] {1, -2, 3}, 3)), Map.of("k", "v"));
        SafeTensors st = SafeTensors.read(Files.readAllBytes(file), "mem");
        assertArrayEquals(new float[] {1, -2, 3}, st.tensor("t").toFloatArray());
        assertEquals(Map.of("k", "v"), st.metadata());
        assertEquals("mem", st.source());
    }

    @Test
    void writeRejectsTheReservedName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SafeTensors.write(
                dir.resolve("x.safetensors"), Map.of("__metadata__", Tensor.zeros(1)), Map.of()));
        assertTrue(e.getMessage().contains("reserved"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("x.safetensors")));
    }

    // ---------------------------------------------------------------- other element types

    @Test
    void readsHalfPrecisionWidenedToF32() throws Exception {
        short[] f16 = {Float.floatToFloat16(1.5f), Float.floatToFloat16(-0.0009765625f), (short) 0x7c00};
        float[] bf16Values = {3.140625f, -2.0f};
        ByteBuffer data = le(f16.length * 2 + bf16Values.length * 2);
        for (short s : f16) {
            data.putShort(s);
        }
        for (float f : bf16Values) {
            data.putShort((short) (Float.floatToRawIntBits(f) >>> 16));
        }
        SafeTensors st = SafeTensors.read(file("{\"h\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[0,6]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[1,2],\"data_offsets\":[6,10]}}", data.array()), FILE);
        Tensor h = st.tensor("h");
        assertEquals(DType.F32, h.dtype());
        assertArrayEquals(new float[] {1.5f, -0.0009765625f, Float.POSITIVE_INFINITY}, h.toFloatArray());
        assertArrayEquals(bf16Values, st.tensor("b").toFloatArray());
        assertArrayEquals(new int[] {1, 2}, st.tensor("b").shape());
    }

    @Test
    void readsIntegersExactlyAsLongsAndAsF64WhenExact() throws Exception {
        ByteBuffer data = le(8 * 3 + 4 * 2 + 2 + 8);
        data.putLong(-5).putLong(1L << 53).putLong(42);
        data.putInt(-7).putInt(0xffffffff);
        data.put((byte) 1).put((byte) 0);
        data.putLong(1L << 60);
        SafeTensors st = SafeTensors.read(file("{"
                + "\"steps\":{\"dtype\":\"I64\",\"shape\":[3],\"data_offsets\":[0,24]},"
                + "\"i32\":{\"dtype\":\"I32\",\"shape\":[1],\"data_offsets\":[24,28]},"
                + "\"u32\":{\"dtype\":\"U32\",\"shape\":[],\"data_offsets\":[28,32]},"
                + "\"mask\":{\"dtype\":\"BOOL\",\"shape\":[2],\"data_offsets\":[32,34]},"
                + "\"huge\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[34,42]}}", data.array()), FILE);
        assertArrayEquals(new long[] {-5, 1L << 53, 42}, st.longs("steps"));
        Tensor steps = st.tensor("steps");
        assertEquals(DType.F64, steps.dtype());
        assertArrayEquals(new double[] {-5, 0x1p53, 42}, steps.toDoubleArray());
        assertArrayEquals(new long[] {-7}, st.longs("i32"));
        assertArrayEquals(new long[] {0xffffffffL}, st.longs("u32"));
        assertEquals(0, st.tensor("u32").rank());
        assertArrayEquals(new long[] {1, 0}, st.longs("mask"));
        assertArrayEquals(new long[] {1L << 60}, st.longs("huge"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> st.tensor("huge"));
        assertMessage(e, "'huge'", "no exact double");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> st.longs("missing")),
                FILE, "no tensor named 'missing'");
    }

    @Test
    void f8CanBeListedButNotRead() throws Exception {
        SafeTensors st = SafeTensors.read(file(
                "{\"q\":{\"dtype\":\"F8_E4M3\",\"shape\":[2],\"data_offsets\":[0,2]}}", new byte[2]), FILE);
        assertEquals(SafeTensors.ElementType.F8_E4M3, st.entry("q").type());
        assertMessage(assertThrows(IllegalArgumentException.class, () -> st.tensor("q")),
                FILE, "'q'", "F8_E4M3", "not supported");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> st.longs("q")), "not an integer type");
    }

    @Test
    void acceptsTrailingSpacePaddingAndAnEmptyFile() throws Exception {
        SafeTensors st = SafeTensors.read(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}     ",
                le(4).putFloat(9f).array()), FILE);
        assertEquals(9.0, st.tensor("a").item());
        SafeTensors empty = SafeTensors.read(file("{}", new byte[0]), FILE);
        assertTrue(empty.names().isEmpty());
    }

    // ---------------------------------------------------------------- malformed files

    @Test
    void rejectsFilesShorterThanTheLengthField() {
        assertMessage(rejected(new byte[5]), FILE, "5 bytes", "shorter than the 8-byte header length");
    }

    @Test
    void rejectsAHeaderLengthPastTheEndOfTheFile() {
        byte[] bytes = file("{}", new byte[0]);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 50);
        assertMessage(rejected(bytes), FILE, "header length 50 runs past the end of the file");
    }

    @Test
    void rejectsAnAbsurdHeaderLengthBeforeAllocating() {
        byte[] bytes = le(16).putLong(1L << 40).array();
        assertMessage(rejected(bytes), FILE, "header length 1099511627776 exceeds the limit");
        byte[] negative = le(16).putLong(-1).array();
        assertMessage(rejected(negative), FILE, "header length 18446744073709551615 exceeds the limit");
    }

    @Test
    void rejectsTruncatedFiles() throws Exception {
        Path file = dir.resolve("full.safetensors");
        SafeTensors.write(file, Map.of("w", Tensor.zeros(4, 4)), Map.of());
        byte[] full = Files.readAllBytes(file);
        byte[] truncated = java.util.Arrays.copyOf(full, full.length - 3);
        assertMessage(rejected(truncated), FILE, "tensor 'w'", "field 'data_offsets'", "runs past the end");
        Path cut = dir.resolve("cut.safetensors");
        Files.write(cut, java.util.Arrays.copyOf(full, 20));
        SafeTensorsException e = assertThrows(SafeTensorsException.class, () -> SafeTensors.open(cut));
        assertMessage(e, cut.toString(), "runs past the end of the file");
    }

    @Test
    void rejectsMalformedJson() {
        assertMessage(rejected(file("{\"a\": {\"dtype\": \"F32\",}}", new byte[0])), FILE, "header", "offset");
        assertMessage(rejected(file("[1, 2]", new byte[0])), FILE, "does not begin with '{'");
        assertMessage(rejected(file(" {}", new byte[0])), FILE, "does not begin with '{'");
        assertMessage(rejected(file("{} x", new byte[0])), FILE, "after the JSON value");
        byte[] badUtf8 = file("{\"\u00e9\":1}", new byte[0]);
        badUtf8[11] = (byte) 0xff;
        assertMessage(rejected(badUtf8), FILE, "not valid UTF-8");
    }

    @Test
    void rejectsDuplicateTensorNames() {
        String entry = "{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}";
        assertMessage(rejected(file("{\"w\":" + entry + ",\"w\":" + entry + "}", new byte[4])),
                FILE, "duplicate key \"w\"");
    }

    @Test
    void rejectsBadEntryFields() {
        assertMessage(rejected(header("\"w\":[1]", 0)), FILE, "tensor 'w'", "expected an object");
        assertMessage(rejected(header("\"w\":{\"dtype\":\"F32\",\"shape\":[1]}", 0)),
                FILE, "tensor 'w'", "field 'data_offsets' is missing");
        assertMessage(rejected(header("\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"x\":1}", 4)),
                FILE, "tensor 'w'", "unknown field 'x'");
        assertMessage(rejected(header("\"w\":{\"dtype\":\"Q4\",\"shape\":[1],\"data_offsets\":[0,4]}", 4)),
                FILE, "tensor 'w'", "field 'dtype' is 'Q4'");
        assertMessage(rejected(header("\"w\":{\"dtype\":32,\"shape\":[1],\"data_offsets\":[0,4]}", 4)),
                FILE, "tensor 'w'", "field 'dtype' is number");
        assertMessage(rejected(header("\"w\":{\"dtype\":\"F32\",\"shape\":\"1\",\"data_offsets\":[0,4]}", 4)),
                FILE, "tensor 'w'", "field 'shape' must be an array");
        assertMessage(rejected(header("\"w\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}", 4)),
                FILE, "tensor 'w'", "field 'shape'", "dimension 0 = -1");
        assertMessage(rejected(header("\"w\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}", 4)),
                FILE, "tensor 'w'", "field 'shape' holds 1.5");
        assertMessage(rejected(header("\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}", 4)),
                FILE, "tensor 'w'", "field 'data_offsets' has 1 elements");
        assertMessage(rejected(header("\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,0]}", 4)),
                FILE, "tensor 'w'", "field 'data_offsets' [4, 0] is not a range");
        assertMessage(rejected(header("\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,99999999999999999999]}", 4)),
                FILE, "tensor 'w'", "field 'data_offsets' holds 99999999999999999999");
    }

    @Test
    void rejectsASpanThatDisagreesWithDtypeAndShape() {
        assertMessage(rejected(header("\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,20]}", 20)),
                FILE, "tensor 'w'", "field 'data_offsets' [0, 20] spans 20 bytes", "need 6 × 4 = 24 bytes");
    }

    @Test
    void rejectsHugeDeclaredSizesWithoutAllocating() {
        assertMessage(rejected(header("\"w\":{\"dtype\":\"F32\",\"shape\":[1000000,1000000],"
                        + "\"data_offsets\":[0,4000000000000]}", 16)),
                FILE, "tensor 'w'", "field 'data_offsets'", "runs past the end of the data section (16 bytes");
        assertMessage(rejected(header("\"w\":{\"dtype\":\"F64\",\"shape\":[2147483647,2147483647,2147483647],"
                        + "\"data_offsets\":[0,8]}", 8)),
                FILE, "tensor 'w'", "overflows 64 bits");
    }

    @Test
    void rejectsOverlappingRanges() {
        assertMessage(rejected(header("\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                        + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}", 12)),
                FILE, "tensor 'b'", "field 'data_offsets' [4, 12] overlaps tensor 'a' [0, 8]");
        assertMessage(rejected(header("\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                        + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}", 8)),
                FILE, "overlaps");
    }

    @Test
    void rejectsGapsAndTrailingBytes() {
        assertMessage(rejected(header("\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                        + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}", 12)),
                FILE, "tensor 'b'", "leaving bytes [4, 8)", "unused");
        assertMessage(rejected(header("\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}", 9)),
                FILE, "cover 4 bytes of the 9-byte data section");
    }

    @Test
    void acceptsEntriesInAnyOffsetOrder() throws Exception {
        SafeTensors st = SafeTensors.read(file("{\"late\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]},"
                + "\"early\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}",
                le(8).putFloat(1).putFloat(2).array()), FILE);
        assertEquals(List.of("late", "early"), List.copyOf(st.names()));
        assertEquals(2.0, st.tensor("late").item());
        assertEquals(1.0, st.tensor("early").item());
    }

    @Test
    void rejectsMetadataThatIsNotAStringMap() {
        assertMessage(rejected(file("{\"__metadata__\":{\"epoch\":3}}", new byte[0])),
                FILE, "__metadata__ field 'epoch' must be a string, found number");
        assertMessage(rejected(file("{\"__metadata__\":[\"a\"]}", new byte[0])),
                FILE, "__metadata__ must be an object of strings");
    }

    // ---------------------------------------------------------------- helpers

    private static SafeTensorsException rejected(byte[] bytes) {
        return assertThrows(SafeTensorsException.class, () -> SafeTensors.read(bytes, FILE));
    }

    private static void assertMessage(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "message lacks '" + part + "': " + e.getMessage());
        }
    }

    /** A file whose header object holds {@code entries} and whose data section is {@code dataBytes} zeros. */
    private static byte[] header(String entries, int dataBytes) {
        return file("{" + entries + "}", new byte[dataBytes]);
    }

    private static byte[] file(String headerJson, byte[] data) {
        byte[] header = headerJson.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(le(8).putLong(header.length).array());
        out.writeBytes(header);
        out.writeBytes(data);
        return out.toByteArray();
    }

    private static ByteBuffer le(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static long headerLength(Path file) throws Exception {
        return ByteBuffer.wrap(Files.readAllBytes(file), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }
}
