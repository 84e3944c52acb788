package org.jclef.clef.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads the real numeric top-level variables of a MATLAB Level 5 MAT-file (v5/v6/v7: plain or
 * zlib-compressed elements, either byte order). Other variables (cells, structs, strings,
 * sparse, complex) are skipped; v7.3 files (HDF5) are rejected with a message.
 *
 * <p>Layout: a 128-byte header (text, subsystem offset, version, endian indicator {@code IM}/
 * {@code MI}), then data elements, each an 8-byte tag (type, byte count) or a 4-byte "small"
 * tag with up to 4 data bytes. {@code miCOMPRESSED} (15) elements hold a zlib stream of further
 * elements and are not padded; all others are padded to 8 bytes. An {@code miMATRIX} (14)
 * element holds array flags, dimensions, the name and the real (then imaginary) part.
 */
public final class MatV5Reader {
    private static final int MI_INT8 = 1;
    private static final int MI_INT32 = 5;
    private static final int MI_UINT32 = 6;
    private static final int MI_MATRIX = 14;
    private static final int MI_COMPRESSED = 15;
    private static final int COMPLEX_FLAG = 0x0800;

    private MatV5Reader() {
    }

    /** Receives arrays one at a time (see {@link #forEach}). */
    @FunctionalInterface
    public interface ArrayVisitor {
        void visit(MatArray array) throws IOException;
    }

    /** All real numeric top-level arrays, by name, in file order. */
    public static Map<String, MatArray> read(Path file) throws IOException {
        Map<String, MatArray> out = new LinkedHashMap<>();
        forEach(file, a -> out.put(a.name(), a));
        return out;
    }

    /**
     * Hands each real numeric top-level array to {@code visitor} as soon as it is parsed, so a
     * caller that converts and drops them never holds more than one decompressed array.
     */
    public static void forEach(Path file, ArrayVisitor visitor) throws IOException {
        ByteBuffer all;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() > Integer.MAX_VALUE) {
                throw new RecordFormatException(file + ": MAT file larger than 2 GiB is not supported");
            }
            all = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
        }
        if (all.limit() < 128) {
            throw RecordFormatException.atByte(file, all.limit(), "file ends inside the 128-byte MAT v5 header");
        }
        byte[] text = new byte[116];
        all.get(0, text);
        String headerText = new String(text, StandardCharsets.ISO_8859_1);
        if (headerText.startsWith("MATLAB 7.3")) {
            throw RecordFormatException.atByte(file, 0, "MATLAB v7.3 (HDF5) file; re-save it with save(..., '-v7') "
                    + "or use the flat float32/float64 conversion");
        }
        char e0 = (char) all.get(126);
        char e1 = (char) all.get(127);
        ByteOrder order;
        if (e0 == 'I' && e1 == 'M') {
            order = ByteOrder.LITTLE_ENDIAN;
        } else if (e0 == 'M' && e1 == 'I') {
            order = ByteOrder.BIG_ENDIAN;
        } else {
            throw RecordFormatException.atByte(file, 126, "not a MAT v5 file (endian indicator '" + e0 + e1
                    + "', expected 'IM' or 'MI')");
        }
        readElements(file, all.slice(128, all.limit() - 128).order(order), 128, visitor);
    }

    private static void readElements(Path file, ByteBuffer buf, long base, ArrayVisitor visitor)
            throws IOException {
        while (buf.remaining() >= 8) {
            int start = buf.position();
            Tag tag = tag(file, buf, base);
            if (tag.type == 0 && tag.size == 0) {
                break; // zero padding at the end of a file or compressed block
            }
            if (tag.type == MI_COMPRESSED) {
                ByteBuffer inflated = inflate(file, buf, tag, offset(base, start));
                readElements(file, inflated.order(buf.order()), -1, visitor);
            } else if (tag.type == MI_MATRIX) {
                ByteBuffer body = buf.slice(buf.position(), tag.size).order(buf.order());
                MatArray array = matrix(file, body, offset(base, buf.position()));
                if (array != null) {
                    visitor.visit(array);
                }
            }
            skip(buf, tag);
        }
    }

    /** File offset of {@code position} in a buffer that starts at {@code base} (-1: inside compressed data). */
    private static long offset(long base, int position) {
        return base < 0 ? -1 : base + position;
    }

    private record Tag(int type, int size, boolean small) {
    }

    private static Tag tag(Path file, ByteBuffer buf, long base) throws RecordFormatException {
        int at = buf.position();
        int word = buf.getInt();
        if ((word >>> 16) != 0) {
            int size = word >>> 16;
            if (size > 4 || buf.remaining() < 4) {
                throw error(file, base, at, "small data element claims " + size + " bytes (at most 4 fit)");
            }
            return new Tag(word & 0xffff, size, true);
        }
        if (buf.remaining() < 4) {
            throw error(file, base, at, "file ends inside a data element tag");
        }
        int size = buf.getInt();
        if (size < 0 || size > buf.remaining()) {
            throw error(file, base, at, "data element of type " + word + " claims " + Integer.toUnsignedString(size)
                    + " bytes but only " + buf.remaining() + " remain (truncated file?)");
        }
        return new Tag(word, size, false);
    }

    /** Moves past the element's data (and its padding, except after compressed data). */
    private static void skip(ByteBuffer buf, Tag tag) {
        if (tag.small) {
            buf.position(buf.position() + 4);
            return;
        }
        int padded = tag.type == MI_COMPRESSED ? tag.size : (tag.size + 7) & ~7;
        buf.position(Math.min(buf.limit(), buf.position() + padded));
    }

    private static ByteBuffer inflate(Path file, ByteBuffer buf, Tag tag, long at) throws RecordFormatException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(buf.slice(buf.position(), tag.size));
            byte[] head = new byte[8];
            if (inflater.inflate(head) != 8) {
                throw error(file, at, 0, "compressed element too short to hold a tag");
            }
            ByteBuffer h = ByteBuffer.wrap(head).order(buf.order());
            int innerSize = h.getInt(4);
            if (innerSize < 0) {
                throw error(file, at, 0, "compressed element declares a negative size");
            }
            long total = 8L + ((innerSize + 7L) & ~7L);
            // zlib expands at most ≈ 1032:1, so a larger claim is corruption, not data.
            if (total > Integer.MAX_VALUE - 8 || total > 1100L * tag.size + 1024) {
                throw error(file, at, 0, "compressed element of " + tag.size + " bytes claims to inflate to "
                        + total + " bytes");
            }
            byte[] data = new byte[(int) total];
            System.arraycopy(head, 0, data, 0, 8);
            int n = 8;
            while (n < data.length && !inflater.finished()) {
                int got = inflater.inflate(data, n, data.length - n);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += got;
            }
            if (n < 8 + innerSize) {
                throw error(file, at, 0, "compressed element inflates to " + n + " bytes, its tag needs "
                        + (8 + innerSize));
            }
            return ByteBuffer.wrap(data, 0, n).slice();
        } catch (DataFormatException e) {
            throw error(file, at, 0, "corrupt zlib data in a compressed element: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }

    /** Parses one miMATRIX body; null for anything but a real numeric array. */
    private static MatArray matrix(Path file, ByteBuffer body, long base) throws RecordFormatException {
        if (!body.hasRemaining()) {
            return null;
        }
        Tag flagsTag = tag(file, body, base);
        if (flagsTag.type != MI_UINT32 || flagsTag.size != 8) {
            throw error(file, base, 0, "array flags expected (miUINT32, 8 bytes), found type " + flagsTag.type);
        }
        int flags = body.getInt(body.position());
        skip(body, flagsTag);
        int arrayClass = flags & 0xff;
        Tag dimsTag = tag(file, body, base);
        if (dimsTag.type != MI_INT32 || dimsTag.size % 4 != 0 || dimsTag.size < 8) {
            throw error(file, base, 0, "dimensions expected (miINT32, >= 2 entries), found type " + dimsTag.type);
        }
        int[] dims = new int[dimsTag.size / 4];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = body.getInt(body.position() + 4 * i);
        }
        skip(body, dimsTag);
        Tag nameTag = tag(file, body, base);
        if (nameTag.type != MI_INT8) {
            throw error(file, base, 0, "array name expected (miINT8), found type " + nameTag.type);
        }
        byte[] nameBytes = new byte[nameTag.size];
        body.get(body.position(), nameBytes);
        String name = new String(nameBytes, StandardCharsets.US_ASCII);
        skip(body, nameTag);
        boolean numeric = arrayClass >= 6 && arrayClass <= 15;
        if (!numeric || (flags & COMPLEX_FLAG) != 0) {
            return null;
        }
        Tag realTag = tag(file, body, base);
        MatArray.ElementType type = elementType(realTag.type);
        if (type == null) {
            throw error(file, base, 0, "variable '" + name + "': element type " + realTag.type + " is not numeric");
        }
        long count = 1;
        for (int d : dims) {
            count *= d;
        }
        if ((long) realTag.size != count * type.bytes) {
            throw error(file, base, 0, "variable '" + name + "': " + realTag.size + " data bytes for " + count
                    + " elements of " + type);
        }
        ByteBuffer raw = body.slice(body.position(), realTag.size).order(body.order()).asReadOnlyBuffer()
                .order(body.order());
        return new MatArray(name, dims, type, raw);
    }

    private static MatArray.ElementType elementType(int miType) {
        return switch (miType) {
            case 1 -> MatArray.ElementType.INT8;
            case 2 -> MatArray.ElementType.UINT8;
            case 3 -> MatArray.ElementType.INT16;
            case 4 -> MatArray.ElementType.UINT16;
            case 5 -> MatArray.ElementType.INT32;
            case 6 -> MatArray.ElementType.UINT32;
            case 7 -> MatArray.ElementType.SINGLE;
            case 9 -> MatArray.ElementType.DOUBLE;
            case 12 -> MatArray.ElementType.INT64;
            case 13 -> MatArray.ElementType.UINT64;
            default -> null;
        };
    }

    private static RecordFormatException error(Path file, long base, int position, String what) {
        if (base < 0) {
            return new RecordFormatException(file + ", inside a compressed element: " + what);
        }
        return RecordFormatException.atByte(file, base + position, what);
    }
}
