package org.jclef.nn.checkpoint;

import java.util.Arrays;

/**
 * A tensor described by {@code data.pkl} but not yet read: a strided view of a {@link StorageRef}.
 * Element {@code (i_0, …, i_{r−1})} lives at storage index {@code offset + Σ i_a · stride[a]}.
 *
 * <p>The compact constructor checks every invariant before anything is allocated: non-negative
 * sizes, offset and strides (PyTorch has no negative strides), equal ranks, and that the last
 * element lies inside the storage. A tensor with no elements may point anywhere.
 *
 * @param storage where the elements live
 * @param offset  storage index of element 0
 * @param shape   sizes per axis
 * @param stride  storage step per axis, in elements
 */
public record TensorRef(StorageRef storage, long offset, int[] shape, long[] stride) {
    /** PyTorch's own limit on the number of dimensions. */
    public static final int MAX_RANK = 64;

    public TensorRef {
        shape = shape.clone();
        stride = stride.clone();
        if (shape.length != stride.length) {
            throw new IllegalArgumentException("size " + Arrays.toString(shape) + " and stride "
                    + Arrays.toString(stride) + " have different ranks");
        }
        if (shape.length > MAX_RANK) {
            throw new IllegalArgumentException("rank " + shape.length + " exceeds " + MAX_RANK);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("negative storage offset " + offset);
        }
        for (int a = 0; a < shape.length; a++) {
            if (shape[a] < 0 || stride[a] < 0) {
                throw new IllegalArgumentException("negative size or stride in size "
                        + Arrays.toString(shape) + ", stride " + Arrays.toString(stride));
            }
        }
        long numel;
        long last = offset;
        try {
            numel = numel(shape);
            for (int a = 0; a < shape.length && numel > 0; a++) {
                last = Math.addExact(last, Math.multiplyExact((long) shape[a] - 1, stride[a]));
            }
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("size " + Arrays.toString(shape) + " with stride "
                    + Arrays.toString(stride) + " overflows 64-bit indexing");
        }
        if (numel > 0) {
            if (last >= storage.numel()) {
                throw new IllegalArgumentException("view (offset " + offset + ", size "
                        + Arrays.toString(shape) + ", stride " + Arrays.toString(stride)
                        + ") reaches storage index " + last + " but storage '" + storage.key()
                        + "' holds only " + storage.numel() + " " + storage.dtype() + " elements");
            }
        }
    }

    public TorchDType dtype() {
        return storage.dtype();
    }

    /** A copy of the shape. */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** A copy of the strides. */
    @Override
    public long[] stride() {
        return stride.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** Number of elements (a long: a declared tensor may exceed what a Java array holds). */
    public long numel() {
        return numel(shape);
    }

    /** True when the view is row-major with no gaps (strides of size-1 axes are irrelevant). */
    public boolean isContiguous() {
        long expected = 1;
        for (int a = shape.length - 1; a >= 0; a--) {
            if (shape[a] != 1 && stride[a] != expected) {
                return numel() == 0;
            }
            expected *= shape[a];
        }
        return true;
    }

    static long numel(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n = Math.multiplyExact(n, (long) d);
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorRef t && storage.equals(t.storage) && offset == t.offset
                && Arrays.equals(shape, t.shape) && Arrays.equals(stride, t.stride);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * storage.hashCode() + Long.hashCode(offset)) + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "tensor " + storage.dtype() + " " + Arrays.toString(shape);
    }
}
