package org.jclef.tensor.simd;

import static org.jclef.tensor.simd.Reference.SCALAR;
import static org.jclef.tensor.simd.Reference.abs;
import static org.jclef.tensor.simd.Reference.assertWithinBound;
import static org.jclef.tensor.simd.Reference.f64;
import static org.jclef.tensor.simd.Reference.normal;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Batched matmul with every transpose, batch layout and accumulate flag against the reference. */
class SimdMatmulTest {
    private static final SimdBackend SIMD = new SimdBackend(2);
    /** (m, k, n) */
    private static final int[][] SIZES = {{1, 1, 1}, {5, 7, 33}, {16, 64, 40}, {33, 17, 70}, {4, 300, 20},
        {3, 2, 130}, {70, 9, 5}, {8, 0, 6}};

    @Test
    void matmulMatchesReference() {
        SplittableRandom rng = new SplittableRandom(31);
        for (int[] size : SIZES) {
            int m = size[0], k = size[1], n = size[2];
            for (int layout = 0; layout < 4; layout++) {
                // 0: both rank 2; 1: batched a; 2: batched b; 3: both batched
                int batch = layout == 0 ? 0 : 3;
                for (boolean ta : new boolean[] {false, true}) {
                    for (boolean tb : new boolean[] {false, true}) {
                        for (boolean accumulate : new boolean[] {false, true}) {
                            int[] aShape = ta ? new int[] {k, m} : new int[] {m, k};
                            int[] bShape = tb ? new int[] {n, k} : new int[] {k, n};
                            Tensor a = normal(rng, (layout & 1) != 0 ? prepend(batch, aShape) : aShape);
                            Tensor b = normal(rng, (layout & 2) != 0 ? prepend(batch, bShape) : bShape);
                            int[] cShape = layout == 0 ? new int[] {m, n} : new int[] {batch, m, n};
                            Tensor c = normal(rng, cShape);
                            Tensor expected = accumulate ? f64(c) : Tensor.zeros(DType.F64, cShape);
                            Tensor bound = accumulate ? abs(c) : Tensor.zeros(DType.F64, cShape);
                            SIMD.matmul(a, ta, b, tb, c, accumulate);
                            SCALAR.matmul(f64(a), ta, f64(b), tb, expected, accumulate);
                            SCALAR.matmul(abs(a), ta, abs(b), tb, bound, accumulate);
                            String what = "matmul m=" + m + " k=" + k + " n=" + n + " layout " + layout
                                    + (ta ? " aᵀ" : "") + (tb ? " bᵀ" : "") + (accumulate ? " +=" : "");
                            assertWithinBound(what, c, expected, bound, k + 2);
                        }
                    }
                }
            }
        }
    }

    private static int[] prepend(int batch, int[] shape) {
        return new int[] {batch, shape[0], shape[1]};
    }

    @Test
    void innerDimensionMismatchNamesTheShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SIMD.matmul(Tensor.zeros(3, 4), false, Tensor.zeros(5, 6), false, Tensor.zeros(3, 6), false));
        assertTrue(e.getMessage().contains("matmul") && e.getMessage().contains("[3, 4]")
                && e.getMessage().contains("[5, 6]"), e.getMessage());
    }
}
