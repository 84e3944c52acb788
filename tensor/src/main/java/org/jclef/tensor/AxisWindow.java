package org.jclef.tensor;

import java.util.Arrays;

/**
 * Geometry shared by {@link Backend#padAxis} and {@link Backend#narrowAxisBackward}: a small tensor
 * occupying {@code [start, start + small)} of one axis of a big tensor of the same rank, viewed as
 * {@code outer} rows of {@code smallRow} (small) or {@code bigRow} (big) contiguous elements.
 */
public record AxisWindow(int outer, int inner, int start, int smallRow, int bigRow) {

    public static AxisWindow of(String op, Tensor small, int axis, int start, Tensor big) {
        if (small.rank() != big.rank()) {
            throw new IllegalArgumentException(op + ": ranks differ: " + Arrays.toString(small.shape())
                    + " vs " + Arrays.toString(big.shape()));
        }
        int ax = Shapes.axis(axis, small.rank());
        for (int d = 0; d < small.rank(); d++) {
            if (d != ax && small.dim(d) != big.dim(d)) {
                throw new IllegalArgumentException(op + ": shapes " + Arrays.toString(small.shape()) + " and "
                        + Arrays.toString(big.shape()) + " may differ only on axis " + axis);
            }
        }
        if (start < 0 || start + small.dim(ax) > big.dim(ax)) {
            throw new IllegalArgumentException(op + ": window [" + start + ", " + (start + small.dim(ax))
                    + ") does not fit axis " + axis + " of " + Arrays.toString(big.shape()));
        }
        if (small.dtype() != big.dtype()) {
            throw new IllegalArgumentException(op + ": dtypes " + small.dtype() + " and " + big.dtype() + " differ");
        }
        int[] shape = small.shape();
        int outer = Shapes.size(Arrays.copyOfRange(shape, 0, ax));
        int inner = Shapes.size(Arrays.copyOfRange(shape, ax + 1, shape.length));
        return new AxisWindow(outer, inner, start, small.dim(ax) * inner, big.dim(ax) * inner);
    }
}
