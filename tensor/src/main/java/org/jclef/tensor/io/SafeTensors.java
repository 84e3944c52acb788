package org.jclef.tensor.io;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;

/**
 * Reads and writes the safetensors format, jclef's one native tensor file format (checkpoints and
 * test fixtures).
 *
 * <h2>Format</h2>
 * <pre>
 *   [8 bytes]  N, the header length: unsigned 64-bit little-endian
 *   [N bytes]  UTF-8 JSON object, starting with '{', possibly padded with trailing spaces:
 *              { "__metadata__": {"key": "value", ...},            (optional, strings only)
 *                "name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [BEGIN, END]}, ... }
 *   [rest]     the data section; BEGIN and END are byte offsets into it. Elements are
 *              little-endian, row-major (C order).
 * </pre>
 *
 * <h2>Validation (everything is checked before any allocation that depends on it)</h2>
 * <ul>
 *   <li>8 ≤ file size; N ≤ {@value #MAX_HEADER_BYTES} bytes and N ≤ file size − 8.</li>
 *   <li>The header is valid UTF-8 and strict JSON ({@link Json}: no duplicate keys), begins with
 *       '{', and every entry has exactly the fields dtype, shape and data_offsets.</li>
 *   <li>dtype is one of the format's {@link ElementType}s; shape is a list of integers in
 *       [0, 2^31 − 1]; data_offsets is [BEGIN, END] with 0 ≤ BEGIN ≤ END and
 *       END − BEGIN = numel × element size (computed without overflow).</li>
 *   <li>The data section is <b>exactly covered</b>: sorted by BEGIN, the ranges start at 0, each
 *       starts where the previous one ends (no overlap, no gap), and the last ends at the end of
 *       the file. This is the rule of the reference implementation (huggingface/safetensors), so
 *       any file it accepts is accepted here and the reverse; a gap or trailing garbage is as much
 *       a sign of a damaged file as an overlap.</li>
 *   <li>{@code __metadata__}, when present, is an object whose values are all strings.</li>
 * </ul>
 * A hostile header declaring, say, 10^12 elements therefore fails at {@link #open} with the
 * tensor's name, before a single element array is allocated.
 *
 * <h2>Element types</h2>
 * {@link #tensor} gives F32 tensors for F32, F16 and BF16 (the last two widened exactly), F64
 * tensors for F64, and F64 tensors for the integer types (exact; an I64/U64 value beyond ±2^53
 * is an error rather than a rounded number). {@link #longs} gives the exact values of the integer
 * types and BOOL. F8 types can be listed but not read. {@link #write} writes F32 and F64 tensors.
 *
 * <h2>Memory</h2>
 * {@link #open} memory-maps the file and keeps only the header on the heap; each {@link #tensor}
 * call copies one tensor into a fresh Java array. Loading every tensor of a 1.2 GB checkpoint
 * therefore costs 1.2 GB of heap, not 2.4 GB. {@link #close} unmaps the file.
 *
 * <pre>{@code
 * SafeTensors.write(path, Map.of("w", Tensor.of(new float[] {1, 2, 3, 4}, 2, 2)), Map.of("step", "10"));
 * try (SafeTensors st = SafeTensors.open(path)) {
 *     st.tensor("w");             // Tensor[2, 2] F32 [[1.00000, 2.00000], [3.00000, 4.00000]]
 *     st.metadata().get("step");  // "10"
 * }
 * }</pre>
 */
public final class SafeTensors implements AutoCloseable {
    /** Largest header accepted, as in the reference implementation. */
    public static final long MAX_HEADER_BYTES = 100_000_000L;
    /** The reserved header key holding the string-to-string metadata. */
    public static final String METADATA_KEY = "__metadata__";

    private static final Set<String> ENTRY_FIELDS = Set.of("dtype", "shape", "data_offsets");
    private static final int WRITE_CHUNK_BYTES = 1 << 20;
    private static final ValueLayout.OfFloat LE_FLOAT =
            ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfDouble LE_DOUBLE =
            ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort LE_SHORT =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt LE_INT =
            ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LE_LONG =
            ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final long MAX_EXACT_DOUBLE_INTEGER = 1L << 53;

    /** The element types of the safetensors format, with their sizes in bytes. */
    public enum ElementType {
        BOOL(1), U8(1), I8(1), F8_E5M2(1), F8_E4M3(1),
        I16(2), U16(2), F16(2), BF16(2),
        I32(4), U32(4), F32(4),
        I64(8), U64(8), F64(8);

        private final int bytes;

        ElementType(int bytes) {
            this.bytes = bytes;
        }

        public int bytes() {
            return bytes;
        }

        /** Whether {@link SafeTensors#longs} can read it. */
        public boolean isInteger() {
            return switch (this) {
                case BOOL, U8, I8, I16, U16, I32, U32, I64, U64 -> true;
                default -> false;
            };
        }

        static ElementType of(DType dtype) {
            return switch (dtype) {
                case F32 -> F32;
                case F64 -> F64;
            };
        }
    }

    /**
     * One validated header entry. {@code begin} and {@code end} are byte offsets into the data
     * section; {@code end − begin = numel × type.bytes()}.
     */
    public record Entry(String name, ElementType type, int[] shape, long begin, long end) {
        public Entry {
            shape = shape.clone();
        }

        @Override
        public int[] shape() {
            return shape.clone();
        }

        /** Number of elements (1 for a rank-0 tensor). */
        public long numel() {
            return (end - begin) / type.bytes();
        }

        @Override
        public String toString() {
            return name + " " + type + Arrays.toString(shape) + " @[" + begin + ", " + end + ")";
        }
    }

    private final String source;
    private final Arena arena;
    private final MemorySegment data;
    private final Map<String, Entry> entries;
    private final Map<String, String> metadata;

    private SafeTensors(String source, Arena arena, MemorySegment data, Map<String, Entry> entries,
                        Map<String, String> metadata) {
        this.source = source;
        this.arena = arena;
        this.data = data;
        this.entries = entries;
        this.metadata = metadata;
    }

    // ---------------------------------------------------------------- opening

    /**
     * Memory-maps and validates a safetensors file. The mapping lives until {@link #close}.
     *
     * @throws SafeTensorsException if the file breaks the format (see the class documentation)
     * @throws IOException if it cannot be read
     */
    public static SafeTensors open(Path file) throws IOException {
        Arena arena = Arena.ofShared();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            MemorySegment whole = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
            return parse(file.toString(), arena, whole);
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /**
     * Validates a safetensors file held in memory (e.g. a classpath resource). The array is used
     * in place, not copied: do not change it while this object is in use.
     *
     * @param source names the bytes in error messages
     */
    public static SafeTensors read(byte[] bytes, String source) throws SafeTensorsException {
        return parse(source, null, MemorySegment.ofArray(bytes));
    }

    private static SafeTensors parse(String source, Arena arena, MemorySegment whole)
            throws SafeTensorsException {
        long fileSize = whole.byteSize();
        if (fileSize < 8) {
            throw new SafeTensorsException(source + ": file is " + fileSize
                    + " bytes, shorter than the 8-byte header length");
        }
        long headerLength = whole.get(LE_LONG, 0);
        if (headerLength < 0 || headerLength > MAX_HEADER_BYTES) {
            throw new SafeTensorsException(source + ": header length " + Long.toUnsignedString(headerLength)
                    + " exceeds the limit of " + MAX_HEADER_BYTES + " bytes (not a safetensors file?)");
        }
        if (headerLength > fileSize - 8) {
            throw new SafeTensorsException(source + ": header length " + headerLength
                    + " runs past the end of the file (" + fileSize + " bytes; at most "
                    + (fileSize - 8) + " available)");
        }
        byte[] headerBytes = whole.asSlice(8, headerLength).toArray(ValueLayout.JAVA_BYTE);
        String headerText = decodeUtf8(source, headerBytes);
        if (headerText.isEmpty() || headerText.charAt(0) != '{') {
            throw new SafeTensorsException(source + ": header does not begin with '{' (not a safetensors file?)");
        }
        Map<String, Object> header;
        try {
            header = Json.parseObject(headerText, source + " header");
        } catch (JsonException e) {
            throw new SafeTensorsException(e.getMessage(), e);
        }
        long dataStart = 8 + headerLength;
        long dataLength = fileSize - dataStart;
        Map<String, String> metadata = Map.of();
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : header.entrySet()) {
            if (e.getKey().equals(METADATA_KEY)) {
                metadata = parseMetadata(source, e.getValue());
            } else {
                entries.put(e.getKey(), parseEntry(source, e.getKey(), e.getValue(), dataLength));
            }
        }
        checkCoverage(source, entries.values(), dataLength);
        MemorySegment data = whole.asSlice(dataStart, dataLength);
        return new SafeTensors(source, arena, data, Collections.unmodifiableMap(entries), metadata);
    }

    private static String decodeUtf8(String source, byte[] bytes) throws SafeTensorsException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new SafeTensorsException(source + ": header is not valid UTF-8", e);
        }
    }

    private static Map<String, String> parseMetadata(String source, Object value) throws SafeTensorsException {
        if (!(value instanceof Map<?, ?> map)) {
            throw new SafeTensorsException(source + ": " + METADATA_KEY + " must be an object of strings, found "
                    + Json.typeName(value));
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw new SafeTensorsException(source + ": " + METADATA_KEY + " field '" + e.getKey()
                        + "' must be a string, found " + Json.typeName(e.getValue()));
            }
            out.put((String) e.getKey(), s);
        }
        return Collections.unmodifiableMap(out);
    }

    private static Entry parseEntry(String source, String name, Object value, long dataLength)
            throws SafeTensorsException {
        String where = source + ": tensor '" + name + "'";
        if (!(value instanceof Map<?, ?> fields)) {
            throw new SafeTensorsException(where + ": expected an object with dtype, shape and data_offsets, found "
                    + Json.typeName(value));
        }
        for (String field : ENTRY_FIELDS) {
            if (!fields.containsKey(field)) {
                throw new SafeTensorsException(where + ": field '" + field + "' is missing");
            }
        }
        for (Object field : fields.keySet()) {
            if (!ENTRY_FIELDS.contains(field)) {
                throw new SafeTensorsException(where + ": unknown field '" + field
                        + "' (expected only dtype, shape, data_offsets)");
            }
        }
        ElementType type = parseType(where, fields.get("dtype"));
        List<?> shapeList = asList(where, "shape", fields.get("shape"));
        int[] shape = new int[shapeList.size()];
        long numel = 1;
        for (int i = 0; i < shape.length; i++) {
            long d = asLong(where, "shape", shapeList.get(i));
            if (d < 0 || d > Integer.MAX_VALUE) {
                throw new SafeTensorsException(where + ": field 'shape': dimension " + i + " = " + d
                        + " is outside [0, " + Integer.MAX_VALUE + "]");
            }
            shape[i] = (int) d;
            numel = multiply(where, numel, d);
        }
        List<?> offsets = asList(where, "data_offsets", fields.get("data_offsets"));
        if (offsets.size() != 2) {
            throw new SafeTensorsException(where + ": field 'data_offsets' has " + offsets.size()
                    + " elements, expected [BEGIN, END]");
        }
        long begin = asLong(where, "data_offsets", offsets.get(0));
        long end = asLong(where, "data_offsets", offsets.get(1));
        if (begin < 0 || end < begin) {
            throw new SafeTensorsException(where + ": field 'data_offsets' [" + begin + ", " + end
                    + "] is not a range (expected 0 <= BEGIN <= END)");
        }
        long expectedBytes = multiply(where, numel, type.bytes());
        if (end - begin != expectedBytes) {
            throw new SafeTensorsException(where + ": field 'data_offsets' [" + begin + ", " + end + "] spans "
                    + (end - begin) + " bytes, but dtype " + type + " and shape " + Arrays.toString(shape)
                    + " need " + numel + " × " + type.bytes() + " = " + expectedBytes + " bytes");
        }
        if (end > dataLength) {
            throw new SafeTensorsException(where + ": field 'data_offsets' [" + begin + ", " + end
                    + "] runs past the end of the data section (" + dataLength + " bytes; file truncated?)");
        }
        return new Entry(name, type, shape, begin, end);
    }

    private static ElementType parseType(String where, Object value) throws SafeTensorsException {
        if (value instanceof String s) {
            for (ElementType t : ElementType.values()) {
                if (t.name().equals(s)) {
                    return t;
                }
            }
        }
        throw new SafeTensorsException(where + ": field 'dtype' is " + (value instanceof String s
                ? "'" + s + "'" : Json.typeName(value)) + ", expected one of "
                + Arrays.toString(ElementType.values()));
    }

    private static List<?> asList(String where, String field, Object value) throws SafeTensorsException {
        if (value instanceof List<?> list) {
            return list;
        }
        throw new SafeTensorsException(where + ": field '" + field + "' must be an array, found "
                + Json.typeName(value));
    }

    private static long asLong(String where, String field, Object value) throws SafeTensorsException {
        if (value instanceof Long l) {
            return l;
        }
        throw new SafeTensorsException(where + ": field '" + field + "' holds "
                + (value instanceof Number ? value : Json.typeName(value))
                + ", expected an integer in the 64-bit range");
    }

    private static long multiply(String where, long a, long b) throws SafeTensorsException {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw new SafeTensorsException(where + ": byte size of the declared shape overflows 64 bits");
        }
    }

    private static void checkCoverage(String source, Iterable<Entry> all, long dataLength)
            throws SafeTensorsException {
        List<Entry> sorted = new ArrayList<>();
        all.forEach(sorted::add);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long covered = 0;
        Entry previous = null;
        for (Entry e : sorted) {
            if (e.begin() < covered) {
                throw new SafeTensorsException(source + ": tensor '" + e.name() + "': field 'data_offsets' ["
                        + e.begin() + ", " + e.end() + "] overlaps tensor '" + previous.name() + "' ["
                        + previous.begin() + ", " + previous.end() + "]");
            }
            if (e.begin() > covered) {
                throw new SafeTensorsException(source + ": tensor '" + e.name() + "': field 'data_offsets' starts at "
                        + e.begin() + ", leaving bytes [" + covered + ", " + e.begin()
                        + ") of the data section unused (tensors must cover it without gaps)");
            }
            covered = e.end();
            previous = e;
        }
        if (covered != dataLength) {
            throw new SafeTensorsException(source + ": tensors cover " + covered + " bytes of the "
                    + dataLength + "-byte data section (" + (dataLength - covered)
                    + " trailing bytes belong to no tensor)");
        }
    }

    // ---------------------------------------------------------------- reading tensors

    /** Where the tensors came from (file path or resource name), as used in messages. */
    public String source() {
        return source;
    }

    /** Tensor names in header order. */
    public Set<String> names() {
        return entries.keySet();
    }

    /** All entries in header order. */
    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    public boolean contains(String name) {
        return entries.containsKey(name);
    }

    /** The header entry of one tensor. */
    public Entry entry(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new IllegalArgumentException(source + ": no tensor named '" + name + "' (the file has "
                    + entries.size() + ": " + abbreviate(entries.keySet()) + ")");
        }
        return e;
    }

    /** The {@code __metadata__} map (empty when absent), in header order. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * A new tensor holding one entry's values: F32 for F32/F16/BF16, F64 for F64 and integer types.
     *
     * @throws IllegalArgumentException for an unknown name, an F8 type, more than 2^31 − 1
     *         elements, or an integer that a double cannot hold exactly
     */
    public Tensor tensor(String name) {
        Entry e = entry(name);
        int n = elementCount(e);
        MemorySegment bytes = slice(e);
        return switch (e.type()) {
            case F32 -> {
                float[] v = new float[n];
                MemorySegment.copy(bytes, LE_FLOAT, 0, v, 0, n);
                yield Tensor.of(v, e.shape());
            }
            case F64 -> {
                double[] v = new double[n];
                MemorySegment.copy(bytes, LE_DOUBLE, 0, v, 0, n);
                yield Tensor.of(v, e.shape());
            }
            case F16, BF16 -> {
                short[] raw = new short[n];
                MemorySegment.copy(bytes, LE_SHORT, 0, raw, 0, n);
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = e.type() == ElementType.F16
                            ? Float.float16ToFloat(raw[i])
                            : Float.intBitsToFloat((raw[i] & 0xffff) << 16);
                }
                yield Tensor.of(v, e.shape());
            }
            case F8_E5M2, F8_E4M3 -> throw new IllegalArgumentException(source + ": tensor '" + name
                    + "': dtype " + e.type() + " is not supported (supported: F32, F64, F16, BF16, integers)");
            default -> {
                long[] raw = longs(name);
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    if (Math.abs(raw[i]) > MAX_EXACT_DOUBLE_INTEGER) {
                        throw new IllegalArgumentException(source + ": tensor '" + name + "': " + e.type()
                                + " value " + raw[i] + " at element " + i
                                + " has no exact double; read it with longs()");
                    }
                    v[i] = raw[i];
                }
                yield Tensor.of(v, e.shape());
            }
        };
    }

    /**
     * The exact values of an integer or BOOL entry (BOOL as 0/1), in row-major order.
     *
     * @throws IllegalArgumentException for a floating-point entry, or a U64 value above
     *         {@link Long#MAX_VALUE}
     */
    public long[] longs(String name) {
        Entry e = entry(name);
        if (!e.type().isInteger()) {
            throw new IllegalArgumentException(source + ": tensor '" + name + "' has dtype " + e.type()
                    + ", not an integer type; read it with tensor()");
        }
        int n = elementCount(e);
        MemorySegment bytes = slice(e);
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = switch (e.type()) {
                case BOOL -> {
                    byte b = bytes.get(ValueLayout.JAVA_BYTE, i);
                    if (b != 0 && b != 1) {
                        throw new IllegalArgumentException(source + ": tensor '" + name
                                + "': BOOL element " + i + " is " + b + ", expected 0 or 1");
                    }
                    yield b;
                }
                case U8 -> bytes.get(ValueLayout.JAVA_BYTE, i) & 0xffL;
                case I8 -> bytes.get(ValueLayout.JAVA_BYTE, i);
                case I16 -> bytes.getAtIndex(LE_SHORT, i);
                case U16 -> bytes.getAtIndex(LE_SHORT, i) & 0xffffL;
                case I32 -> bytes.getAtIndex(LE_INT, i);
                case U32 -> bytes.getAtIndex(LE_INT, i) & 0xffff_ffffL;
                case I64 -> bytes.getAtIndex(LE_LONG, i);
                case U64 -> {
                    long u = bytes.getAtIndex(LE_LONG, i);
                    if (u < 0) {
                        throw new IllegalArgumentException(source + ": tensor '" + name + "': U64 element "
                                + i + " = " + Long.toUnsignedString(u) + " exceeds the signed 64-bit range");
                    }
                    yield u;
                }
                default -> throw new AssertionError(e.type());
            };
        }
        return v;
    }

    private int elementCount(Entry e) {
        if (e.numel() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(source + ": tensor '" + e.name() + "' has " + e.numel()
                    + " elements, more than a Java array holds (" + Integer.MAX_VALUE + ")");
        }
        return (int) e.numel();
    }

    private MemorySegment slice(Entry e) {
        return data.asSlice(e.begin(), e.end() - e.begin());
    }

    private static String abbreviate(Set<String> names) {
        List<String> list = new ArrayList<>(names);
        return list.size() <= 8 ? list.toString() : list.subList(0, 8) + " ...";
    }

    /** Unmaps the file (no-op for in-memory data). Tensors already read stay valid. */
    @Override
    public void close() {
        if (arena != null && arena.scope().isAlive()) {
            arena.close();
        }
    }

    // ---------------------------------------------------------------- writing

    /**
     * Writes {@code tensors} (F32 or F64, in the map's iteration order) and {@code metadata} to
     * {@code file}. The header is padded with spaces to a multiple of 8 bytes so that the data
     * section is 8-byte aligned. The file is written to a temporary sibling first and then moved
     * into place, so a failure never leaves a truncated file under {@code file}'s name.
     *
     * @throws IllegalArgumentException for a name equal to {@value #METADATA_KEY}
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata)
            throws IOException {
        byte[] header = headerBytes(file, tensors, metadata);
        Path absolute = file.toAbsolutePath();
        Path temp = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.allocate(WRITE_CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            buf.putLong(header.length);
            buf.flip();
            writeFully(channel, buf);
            writeFully(channel, ByteBuffer.wrap(header));
            for (Tensor t : tensors.values()) {
                writeData(channel, t, buf);
            }
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        try {
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static byte[] headerBytes(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) {
        Map<String, Object> header = new LinkedHashMap<>();
        if (!metadata.isEmpty()) {
            header.put(METADATA_KEY, new LinkedHashMap<>(metadata));
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (e.getKey().equals(METADATA_KEY)) {
                throw new IllegalArgumentException(file + ": '" + METADATA_KEY + "' is reserved and cannot name a tensor");
            }
            Tensor t = e.getValue();
            long bytes = (long) t.size() * t.dtype().bytes();
            List<Long> shape = new ArrayList<>();
            for (int d : t.shape()) {
                shape.add((long) d);
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", ElementType.of(t.dtype()).name());
            entry.put("shape", shape);
            entry.put("data_offsets", List.of(offset, offset + bytes));
            header.put(e.getKey(), entry);
            offset += bytes;
        }
        byte[] json = Json.write(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        byte[] out = Arrays.copyOf(json, padded);
        Arrays.fill(out, json.length, padded, (byte) ' ');
        return out;
    }

    private static void writeData(FileChannel channel, Tensor t, ByteBuffer buf) throws IOException {
        int n = t.size();
        int per = buf.capacity() / t.dtype().bytes();
        for (int i = 0; i < n; i += per) {
            int m = Math.min(per, n - i);
            buf.clear();
            if (t.dtype() == DType.F32) {
                buf.asFloatBuffer().put(t.floats(), t.offset() + i, m);
            } else {
                buf.asDoubleBuffer().put(t.doubles(), t.offset() + i, m);
            }
            buf.limit(m * t.dtype().bytes());
            writeFully(channel, buf);
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
    }

    @Override
    public String toString() {
        return "SafeTensors[" + source + ", " + entries.size() + " tensors]";
    }
}
