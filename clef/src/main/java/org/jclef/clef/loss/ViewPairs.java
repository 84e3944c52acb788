package org.jclef.clef.loss;

import java.util.Arrays;
import org.jclef.autograd.Variable;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;

/**
 * The pair structure of a batch of N = 2B views stacked as [all view 1; all view 2] (spec §4.1), as
 * constant N × N tensors in the embeddings' dtype.
 */
final class ViewPairs {
    private ViewPairs() {
    }

    /**
     * N, the number of views of {@code z: [N, D]}, after checking that it is a non-empty even batch.
     *
     * @param op the loss, for the message
     */
    static int views(String op, Variable z) {
        if (z.rank() != 2 || z.dim(0) < 2 || z.dim(0) % 2 != 0 || z.dim(1) < 1) {
            throw new IllegalArgumentException(op + ": expected embeddings z [2B, D] with B >= 1 and D >= 1 "
                    + "(rows a and a + B a positive pair), got " + Arrays.toString(z.shape()));
        }
        return z.dim(0);
    }

    /** p(a) = (a + B) mod N, the positive partner of view a. */
    static int partner(int a, int n) {
        return (a + n / 2) % n;
    }

    /** 0 everywhere and −∞ on the diagonal: added to logits, it removes each view's self-pair. */
    static Tensor selfExcluded(DType dtype, int n) {
        Tensor t = Tensor.zeros(dtype, n, n);
        for (int a = 0; a < n; a++) {
            t.set(Double.NEGATIVE_INFINITY, a, a);
        }
        return t;
    }

    /** 1 at (a, p(a)), else 0. */
    static Tensor positives(DType dtype, int n) {
        Tensor t = Tensor.zeros(dtype, n, n);
        for (int a = 0; a < n; a++) {
            t.set(1, a, partner(a, n));
        }
        return t;
    }

    /** 1 off the diagonal, 0 on it. */
    static Tensor offDiagonal(DType dtype, int n) {
        Tensor t = Tensor.full(dtype, 1, n, n);
        for (int a = 0; a < n; a++) {
            t.set(0, a, a);
        }
        return t;
    }

    /** A constant {@code [rows, cols]} tensor of {@code values} (row-major) in {@code dtype}. */
    static Tensor matrix(DType dtype, double[] values, int rows, int cols) {
        Tensor t = Tensor.of(values, rows, cols);
        return dtype == DType.F64 ? t : t.to(dtype);
    }
}
