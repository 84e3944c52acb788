package org.jclef.clef.io;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A real numeric array from a MATLAB file, kept in its stored element type.
 *
 * @param name  the variable name
 * @param dims  dimensions (at least 2, MATLAB order: rows, columns, …)
 * @param type  how elements are encoded in {@code raw}
 * @param raw   the elements, column-major, in the file's byte order (read-only view)
 */
public record MatArray(String name, int[] dims, ElementType type, ByteBuffer raw) {

    /** Element encodings (MAT v5 data types that hold numbers). */
    public enum ElementType {
        INT8(1), UINT8(1), INT16(2), UINT16(2), INT32(4), UINT32(4), INT64(8), UINT64(8), SINGLE(4), DOUBLE(8);

        final int bytes;

        ElementType(int bytes) {
            this.bytes = bytes;
        }
    }

    public MatArray {
        dims = dims.clone();
    }

    @Override
    public int[] dims() {
        return dims.clone();
    }

    /** Number of elements. */
    public long size() {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    public int rows() {
        return dims[0];
    }

    /** Columns, with any trailing dimensions folded in. */
    public long columns() {
        return size() / Math.max(1, dims[0]);
    }

    /** Element {@code index} in column-major order, as a double. */
    public double get(long index) {
        int p = Math.toIntExact(index * type.bytes);
        return switch (type) {
            case INT8 -> raw.get(p);
            case UINT8 -> raw.get(p) & 0xff;
            case INT16 -> raw.getShort(p);
            case UINT16 -> raw.getShort(p) & 0xffff;
            case INT32 -> raw.getInt(p);
            case UINT32 -> raw.getInt(p) & 0xffffffffL;
            case INT64 -> (double) raw.getLong(p);
            case UINT64 -> unsigned(raw.getLong(p));
            case SINGLE -> raw.getFloat(p);
            case DOUBLE -> raw.getDouble(p);
        };
    }

    /** Element (row, column) of a 2-D array. */
    public double get(int row, long column) {
        return get(column * dims[0] + row);
    }

    /** All elements in column-major order. */
    public double[] toDoubles() {
        double[] out = new double[Math.toIntExact(size())];
        for (int i = 0; i < out.length; i++) {
            out[i] = get(i);
        }
        return out;
    }

    /** Row {@code row} of a 2-D array as floats. */
    public float[] rowAsFloats(int row) {
        long cols = columns();
        float[] out = new float[Math.toIntExact(cols)];
        for (int c = 0; c < out.length; c++) {
            out[c] = (float) get(row, c);
        }
        return out;
    }

    private static double unsigned(long v) {
        double d = (double) (v >>> 1) * 2.0;
        return d + (v & 1);
    }

    @Override
    public String toString() {
        return "MatArray[" + name + " " + Arrays.toString(dims) + " " + type + "]";
    }
}
