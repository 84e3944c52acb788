package org.jclef.tensor;

import java.util.Arrays;

/** Shape arithmetic and validation shared by tensors and backends. */
public final class Shapes {
    private Shapes() {
    }

    /** Product of the dimensions; 1 for rank 0. Throws on overflow past {@code int}. */
    public static int size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape)
                        + " has more than " + Integer.MAX_VALUE + " elements");
            }
        }
        return (int) n;
    }

    /** Returns a copy of {@code shape} after checking that no dimension is negative. */
    public static int[] checked(String op, int[] shape) {
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(op + ": negative dimension in shape "
                        + Arrays.toString(shape));
            }
        }
        size(shape);
        return shape.clone();
    }

    /** Normalises a possibly negative axis for a tensor of rank {@code rank}. */
    public static int axis(int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException("axis " + axis + " is out of range for rank " + rank);
        }
        return a;
    }

    static void checkIndex(int i, int size) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("flat index " + i + " outside [0, " + size + ")");
        }
    }

    /** Resolves a reshape target with at most one -1 against the element count of {@code from}. */
    static int[] inferReshape(int[] from, int[] to) {
        int n = size(from);
        int[] s = to.clone();
        int unknown = -1;
        long known = 1;
        for (int a = 0; a < s.length; a++) {
            if (s[a] == -1) {
                if (unknown >= 0) {
                    throw new IllegalArgumentException("reshape: more than one -1 in "
                            + Arrays.toString(to));
                }
                unknown = a;
            } else if (s[a] < 0) {
                throw new IllegalArgumentException("reshape: negative dimension in " + Arrays.toString(to));
            } else {
                known *= s[a];
            }
        }
        if (unknown >= 0) {
            if (known == 0 || n % known != 0) {
                throw new IllegalArgumentException("reshape: cannot infer -1 in " + Arrays.toString(to)
                        + " from " + n + " elements of shape " + Arrays.toString(from));
            }
            s[unknown] = (int) (n / known);
        } else if (known != n) {
            throw new IllegalArgumentException("reshape: shape " + Arrays.toString(from) + " ("
                    + n + " elements) cannot become " + Arrays.toString(to) + " (" + known + " elements)");
        }
        return s;
    }

    /**
     * The NumPy broadcast of two shapes (aligned on the right, size-1 axes stretch), or an
     * exception naming {@code op} and both shapes.
     */
    public static int[] broadcast(String op, int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + Arrays.toString(a) + " and "
                        + Arrays.toString(b) + " do not broadcast (axis " + i + ": " + da + " vs " + db + ")");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /**
     * Element strides of {@code shape} when broadcast to {@code target}: 0 on stretched axes,
     * row-major strides elsewhere. {@code target} must be a valid broadcast of {@code shape}.
     */
    public static int[] broadcastStrides(int[] shape, int[] target) {
        int rank = target.length;
        int[] strides = new int[rank];
        int stride = 1;
        for (int i = rank - 1; i >= 0; i--) {
            int src = i - (rank - shape.length);
            int d = src < 0 ? 1 : shape[src];
            strides[i] = d == 1 && target[i] != 1 ? 0 : stride;
            stride *= d;
        }
        return strides;
    }

    /** Row-major strides of {@code shape}. */
    public static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int stride = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = stride;
            stride *= shape[i];
        }
        return s;
    }
}
