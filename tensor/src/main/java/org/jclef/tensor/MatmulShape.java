package org.jclef.tensor;

import java.util.Arrays;

/**
 * The validated geometry of a {@link Backend#matmul} call: {@code c[batch] = op(a) · op(b)} with
 * {@code op(a): [m, k]}, {@code op(b): [k, n]}; a rank-2 operand is shared across the batch.
 */
public record MatmulShape(int batch, int m, int k, int n, boolean aBatched, boolean bBatched) {

    public static MatmulShape of(Tensor a, boolean transposeA, Tensor b, boolean transposeB, Tensor c) {
        if (a.rank() < 2 || a.rank() > 3 || b.rank() < 2 || b.rank() > 3) {
            throw new IllegalArgumentException("matmul: operands must have rank 2 or 3, got a "
                    + Arrays.toString(a.shape()) + ", b " + Arrays.toString(b.shape()));
        }
        boolean aBatched = a.rank() == 3, bBatched = b.rank() == 3;
        int m = transposeA ? a.dim(-1) : a.dim(-2);
        int ka = transposeA ? a.dim(-2) : a.dim(-1);
        int kb = transposeB ? b.dim(-1) : b.dim(-2);
        int n = transposeB ? b.dim(-2) : b.dim(-1);
        if (ka != kb) {
            throw new IllegalArgumentException("matmul: inner dimensions differ: a " + Arrays.toString(a.shape())
                    + (transposeA ? "ᵀ" : "") + " · b " + Arrays.toString(b.shape()) + (transposeB ? "ᵀ" : "")
                    + " (" + ka + " vs " + kb + ")");
        }
        if (aBatched && bBatched && a.dim(0) != b.dim(0)) {
            throw new IllegalArgumentException("matmul: batch sizes differ: a " + Arrays.toString(a.shape())
                    + ", b " + Arrays.toString(b.shape()));
        }
        int batch = aBatched ? a.dim(0) : bBatched ? b.dim(0) : 1;
        boolean cBatched = aBatched || bBatched;
        boolean ok = cBatched ? c.hasShape(batch, m, n) : c.hasShape(m, n);
        if (!ok) {
            throw new IllegalArgumentException("matmul: output " + Arrays.toString(c.shape()) + " expected "
                    + (cBatched ? "[" + batch + ", " : "[") + m + ", " + n + "] for a "
                    + Arrays.toString(a.shape()) + ", b " + Arrays.toString(b.shape()));
        }
        if (a.dtype() != b.dtype() || a.dtype() != c.dtype()) {
            throw new IllegalArgumentException("matmul: operands mix dtypes (" + a.dtype() + ", "
                    + b.dtype() + ", " + c.dtype() + ")");
        }
        return new MatmulShape(batch, m, ka, n, aBatched, bBatched);
    }
}
