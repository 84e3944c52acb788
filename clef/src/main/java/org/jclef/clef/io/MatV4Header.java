package org.jclef.clef.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * The 20-byte header (+ variable name) of a MATLAB v4 matrix, as written by WFDB's
 * {@code wfdb2mat} and the PhysioNet/CinC Challenge {@code .mat} signal files: type code
 * {@code MOPT}, rows, columns, imaginary flag, name length. The matrix is stored column-major, so
 * with one row per signal the columns are exactly WFDB's interleaved frames.
 *
 * @param order      byte order of the file (M digit: 0 little-endian, 1 big-endian)
 * @param precision  P digit: 0 double, 1 single, 2 int32, 3 int16, 4 uint16, 5 uint8
 * @param rows       matrix rows (signals × samples per frame)
 * @param columns    matrix columns (frames)
 * @param name       the variable name
 * @param dataOffset byte offset of the first element
 */
public record MatV4Header(ByteOrder order, int precision, int rows, int columns, String name, long dataOffset) {

    /** Parses the header at the start of {@code data}. */
    public static MatV4Header parse(Path file, byte[] data) throws RecordFormatException {
        if (data.length < 20) {
            throw RecordFormatException.atByte(file, data.length, "file ends inside the 20-byte MAT v4 header");
        }
        ByteBuffer buf = ByteBuffer.wrap(data, 0, 20).order(ByteOrder.LITTLE_ENDIAN);
        int type = buf.getInt(0);
        if (type < 0 || type > 9999) {
            buf.order(ByteOrder.BIG_ENDIAN);
            type = buf.getInt(0);
        }
        int m = type / 1000;
        int o = (type / 100) % 10;
        int p = (type / 10) % 10;
        int t = type % 10;
        ByteOrder order = m == 0 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        if (type < 0 || type > 9999 || m > 1 || o != 0 || p > 5 || t != 0 || buf.order() != order) {
            throw RecordFormatException.atByte(file, 0, "not a MAT v4 numeric matrix (type code " + type
                    + "; expected MOPT with M 0/1, O 0, P 0-5, T 0)");
        }
        int rows = buf.getInt(4);
        int cols = buf.getInt(8);
        int imag = buf.getInt(12);
        int nameLength = buf.getInt(16);
        if (rows < 0 || cols < 0 || nameLength < 1 || nameLength > 64 || 20L + nameLength > data.length) {
            throw RecordFormatException.atByte(file, 4, "implausible MAT v4 header: rows " + rows + ", columns "
                    + cols + ", name length " + nameLength);
        }
        if (imag != 0) {
            throw RecordFormatException.atByte(file, 12, "complex MAT v4 matrix; expected real signal data");
        }
        String name = new String(data, 20, nameLength - 1, java.nio.charset.StandardCharsets.ISO_8859_1);
        return new MatV4Header(order, p, rows, cols, name, 20L + nameLength);
    }

    /** Bytes per element for the precision digit. */
    public int elementBytes() {
        return switch (precision) {
            case 0 -> 8;
            case 1, 2 -> 4;
            case 3, 4 -> 2;
            default -> 1;
        };
    }

    /** The WFDB format whose samples are laid out exactly like this matrix's elements, or null. */
    public WfdbFormat matchingFormat() {
        boolean little = order == ByteOrder.LITTLE_ENDIAN;
        return switch (precision) {
            case 2 -> little ? WfdbFormat.INT32 : null;
            case 3 -> little ? WfdbFormat.INT16 : WfdbFormat.INT16_BIG_ENDIAN;
            case 4 -> little ? WfdbFormat.OFFSET_16 : null;
            case 5 -> WfdbFormat.OFFSET_8;
            default -> null;
        };
    }
}
