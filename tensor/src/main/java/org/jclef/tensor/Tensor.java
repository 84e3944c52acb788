package org.jclef.tensor;

import java.util.Arrays;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * An n-dimensional array of float32 (or, for verification, float64) values in row-major order.
 *
 * <p>A tensor is a contiguous window {@code [offset, offset + size)} of a {@link Storage}. Views
 * made by {@link #reshape} and {@link #slice} share the storage; {@link #copy} does not. The last
 * axis is the fastest-varying one, so for ECG activations {@code x: [N, C, L]} the inner loops of
 * every kernel run along time.
 *
 * <pre>{@code
 * Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
 * x.get(1, 2);            // 6.0
 * x.reshape(3, -1);       // shape [3, 2], same storage
 * x.slice(1, 2);          // shape [1, 3], the second row
 * }</pre>
 */
public final class Tensor {
    private static final int PRINT_LIMIT = 64;

    private final Storage storage;
    private final int offset;
    private final int[] shape;
    private final int size;

    private Tensor(Storage storage, int offset, int[] shape) {
        this.storage = storage;
        this.offset = offset;
        this.shape = shape;
        this.size = Shapes.size(shape);
    }

    // ---------------------------------------------------------------- creation

    /** A new zero-filled float32 tensor. */
    public static Tensor zeros(int... shape) {
        return zeros(DType.F32, shape);
    }

    /** A new zero-filled tensor of the given type. */
    public static Tensor zeros(DType dtype, int... shape) {
        int[] s = Shapes.checked("zeros", shape);
        return new Tensor(Storage.allocate(dtype, Shapes.size(s)), 0, s);
    }

    /** A new zero-filled tensor with the type and shape of {@code like}. */
    public static Tensor zerosLike(Tensor like) {
        return zeros(like.dtype(), like.shape);
    }

    /** A new tensor filled with {@code value}. */
    public static Tensor full(DType dtype, double value, int... shape) {
        Tensor t = zeros(dtype, shape);
        t.fill(value);
        return t;
    }

    /** A rank-0 tensor holding one value. */
    public static Tensor scalar(DType dtype, double value) {
        return full(dtype, value);
    }

    /** Wraps {@code data} (no copy) as a float32 tensor of the given shape. */
    public static Tensor of(float[] data, int... shape) {
        int[] s = Shapes.checked("of", shape);
        requireLength("of", data.length, s);
        return new Tensor(Storage.wrap(data), 0, s);
    }

    /** Wraps {@code data} (no copy) as a float64 tensor of the given shape. */
    public static Tensor of(double[] data, int... shape) {
        int[] s = Shapes.checked("of", shape);
        requireLength("of", data.length, s);
        return new Tensor(Storage.wrap(data), 0, s);
    }

    /** Uniform U(lo, hi) values from a seeded generator, filled in row-major order. */
    public static Tensor uniform(DType dtype, RandomGenerator rng, double lo, double hi, int... shape) {
        Tensor t = zeros(dtype, shape);
        for (int i = 0; i < t.size; i++) {
            t.setFlat(i, lo + (hi - lo) * rng.nextDouble());
        }
        return t;
    }

    /** Standard normal values from a seeded generator, filled in row-major order. */
    public static Tensor normal(DType dtype, RandomGenerator rng, int... shape) {
        Tensor t = zeros(dtype, shape);
        for (int i = 0; i < t.size; i++) {
            t.setFlat(i, rng.nextGaussian());
        }
        return t;
    }

    private static void requireLength(String op, int length, int[] shape) {
        if (length != Shapes.size(shape)) {
            throw new IllegalArgumentException(op + ": array of length " + length
                    + " does not fill shape " + Arrays.toString(shape)
                    + " (expected " + Shapes.size(shape) + " elements)");
        }
    }

    // ---------------------------------------------------------------- geometry

    public DType dtype() {
        return storage.dtype();
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    /** Size of axis {@code axis}; negative axes count from the end. */
    public int dim(int axis) {
        return shape[Shapes.axis(axis, shape.length)];
    }

    public int rank() {
        return shape.length;
    }

    /** Number of elements. */
    public int size() {
        return size;
    }

    public boolean sameShape(Tensor other) {
        return Arrays.equals(shape, other.shape);
    }

    public boolean hasShape(int... expected) {
        return Arrays.equals(shape, expected);
    }

    // ---------------------------------------------------------------- storage access

    public Storage storage() {
        return storage;
    }

    /** Index of element 0 of this view in the storage array. */
    public int offset() {
        return offset;
    }

    /**
     * The float32 storage array (shared; this view starts at {@link #offset()}) for reading and
     * writing on the host; see {@link Storage#floats()} for how it stays consistent with a device.
     */
    public float[] floats() {
        return storage.floats();
    }

    /** The float64 storage array (shared; this view starts at {@link #offset()}). */
    public double[] doubles() {
        return storage.doubles();
    }

    /** A fresh float32 array with this view's elements. */
    public float[] toFloatArray() {
        float[] out = new float[size];
        if (dtype() == DType.F32) {
            System.arraycopy(storage.floatsForReading(), offset, out, 0, size);
        } else {
            double[] d = doubles();
            for (int i = 0; i < size; i++) {
                out[i] = (float) d[offset + i];
            }
        }
        return out;
    }

    /** A fresh float64 array with this view's elements. */
    public double[] toDoubleArray() {
        double[] out = new double[size];
        if (dtype() == DType.F64) {
            System.arraycopy(doubles(), offset, out, 0, size);
        } else {
            float[] f = storage.floatsForReading();
            for (int i = 0; i < size; i++) {
                out[i] = f[offset + i];
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- views and copies

    /** A view with a new shape and the same elements; one axis may be -1 (inferred). */
    public Tensor reshape(int... newShape) {
        int[] s = Shapes.inferReshape(shape, newShape);
        return new Tensor(storage, offset, s);
    }

    /** A view of rows {@code [from, to)} along axis 0. */
    public Tensor slice(int from, int to) {
        if (shape.length == 0) {
            throw new IllegalArgumentException("slice: a rank-0 tensor has no axis 0");
        }
        if (from < 0 || to > shape[0] || from > to) {
            throw new IllegalArgumentException("slice: range [" + from + ", " + to
                    + ") is outside axis 0 of shape " + Arrays.toString(shape));
        }
        int[] s = shape.clone();
        s[0] = to - from;
        int rowSize = shape[0] == 0 ? 0 : size / shape[0];
        return new Tensor(storage, offset + from * rowSize, s);
    }

    /** A new tensor with the same type, shape and values. */
    public Tensor copy() {
        return to(dtype());
    }

    /** A new tensor with the same shape and values converted to {@code target}. */
    public Tensor to(DType target) {
        Tensor out = zeros(target, shape);
        if (target == DType.F32) {
            System.arraycopy(toFloatArray(), 0, out.floats(), 0, size);
        } else {
            System.arraycopy(toDoubleArray(), 0, out.doubles(), 0, size);
        }
        return out;
    }

    /** Copies {@code src}'s values (same shape, any type) into this tensor. */
    public void copyFrom(Tensor src) {
        if (!sameShape(src)) {
            throw new IllegalArgumentException("copyFrom: source shape " + Arrays.toString(src.shape)
                    + " differs from destination shape " + Arrays.toString(shape));
        }
        for (int i = 0; i < size; i++) {
            setFlat(i, src.getFlat(i));
        }
    }

    /** Sets every element to {@code value}. */
    public void fill(double value) {
        if (dtype() == DType.F32) {
            Arrays.fill(floats(), offset, offset + size, (float) value);
        } else {
            Arrays.fill(doubles(), offset, offset + size, value);
        }
    }

    // ---------------------------------------------------------------- element access (tests, small tensors)

    /** Element at the given multi-index, widened to double. */
    public double get(int... index) {
        return getFlat(flatIndex(index));
    }

    public void set(double value, int... index) {
        setFlat(flatIndex(index), value);
    }

    /** Element {@code i} in row-major order of this view. */
    public double getFlat(int i) {
        Shapes.checkIndex(i, size);
        return dtype() == DType.F32 ? storage.floatsForReading()[offset + i] : doubles()[offset + i];
    }

    public void setFlat(int i, double value) {
        Shapes.checkIndex(i, size);
        if (dtype() == DType.F32) {
            floats()[offset + i] = (float) value;
        } else {
            doubles()[offset + i] = value;
        }
    }

    /** The single value of a one-element tensor. */
    public double item() {
        if (size != 1) {
            throw new IllegalArgumentException("item: tensor of shape " + Arrays.toString(shape)
                    + " has " + size + " elements, expected exactly 1");
        }
        return getFlat(0);
    }

    private int flatIndex(int[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index " + Arrays.toString(index) + " has rank "
                    + index.length + ", tensor has shape " + Arrays.toString(shape));
        }
        int flat = 0;
        for (int a = 0; a < shape.length; a++) {
            if (index[a] < 0 || index[a] >= shape[a]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index)
                        + " is outside shape " + Arrays.toString(shape));
            }
            flat = flat * shape[a] + index[a];
        }
        return flat;
    }

    // ---------------------------------------------------------------- printing

    /** Shape, type and, for tensors of at most 64 elements, the values as nested lists. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor").append(Arrays.toString(shape))
                .append(' ').append(dtype());
        if (size <= PRINT_LIMIT) {
            sb.append(' ');
            appendValues(sb, 0, 0);
        }
        return sb.toString();
    }

    private void appendValues(StringBuilder sb, int axis, int base) {
        if (axis == shape.length) {
            sb.append(String.format(Locale.ROOT, "%.6g", getFlat(base)));
            return;
        }
        int stride = Shapes.size(Arrays.copyOfRange(shape, axis + 1, shape.length));
        sb.append('[');
        for (int i = 0; i < shape[axis]; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            appendValues(sb, axis + 1, base + i * stride);
        }
        sb.append(']');
    }
}
