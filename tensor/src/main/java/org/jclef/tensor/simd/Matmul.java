package org.jclef.tensor.simd;

import static org.jclef.tensor.simd.VectorMath.LANES;

import java.util.Arrays;
import org.jclef.tensor.MatmulShape;

/**
 * Batched matrix products on the {@link Gemm} micro-kernels.
 *
 * <p>Without a transposed B the panel kernel runs along B's rows (the n axis), reading A, transposed
 * or not, through its strides. With a transposed B both operands are contiguous along k, so the dot kernel
 * runs along k (a transposed A is first copied to rows). Tasks are blocks of C cut by the shape;
 * each C element is summed by one task in k order.
 */
final class Matmul {
    /** Rows of C per task (four panels). */
    private static final int ROW_BLOCK = 4 * Gemm.ROWS;
    /** Columns of C per task for the panel kernel. */
    private static final int COL_BLOCK = 16 * LANES;
    /** Columns of C per task for the dot kernel. */
    private static final int DOT_COL_BLOCK = 16;

    private Matmul() {
    }

    /**
     * {@code c = op(a) · op(b)} or {@code c += …}; the arrays come with the offsets of the
     * tensors' element 0.
     */
    static void run(WorkPool pool, MatmulShape s, float[] a, int ao, boolean transposeA, float[] b, int bo,
                    boolean transposeB, float[] c, int co, boolean accumulate) {
        if (transposeB) {
            dotProducts(pool, s, a, ao, transposeA, b, bo, c, co, accumulate);
        } else {
            panels(pool, s, a, ao, transposeA, b, bo, c, co, accumulate);
        }
    }

    private static void panels(WorkPool pool, MatmulShape s, float[] a, int ao, boolean transposeA, float[] b,
                               int bo, float[] c, int co, boolean accumulate) {
        int m = s.m(), k = s.k(), n = s.n();
        int[] bOff = new int[k];
        for (int p = 0; p < k; p++) {
            bOff[p] = p * n;
        }
        int rowBlocks = ceilDiv(m, ROW_BLOCK), colBlocks = ceilDiv(n, COL_BLOCK);
        int perBatch = rowBlocks * colBlocks;
        pool.run(s.batch() * perBatch, (task, scratch) -> {
            int batch = task / perBatch;
            int r0 = task % perBatch / colBlocks * ROW_BLOCK;
            int t0 = task % colBlocks * COL_BLOCK;
            int rows = Math.min(ROW_BLOCK, m - r0), len = Math.min(COL_BLOCK, n - t0);
            int aBase = ao + (s.aBatched() ? batch * m * k : 0);
            int bBase = bo + (s.bBatched() ? batch * k * n : 0);
            int cBase = co + batch * m * n + r0 * n + t0;
            if (!accumulate) {
                for (int r = 0; r < rows; r++) {
                    Arrays.fill(c, cBase + r * n, cBase + r * n + len, 0f);
                }
            }
            // A's rows r0…: a[r][p] at r·k + p, or for a transposed a at p·m + r.
            Gemm.panelSweep(a, aBase + (transposeA ? r0 : r0 * k), transposeA ? 1 : k, transposeA ? m : 1, rows, k, b,
                    bBase + t0, bOff, len, c, cBase, n, scratch);
        });
    }

    private static void dotProducts(WorkPool pool, MatmulShape s, float[] a, int ao, boolean transposeA, float[] b,
                                    int bo, float[] c, int co, boolean accumulate) {
        int m = s.m(), k = s.k(), n = s.n();
        int rowBlocks = ceilDiv(m, ROW_BLOCK), colBlocks = ceilDiv(n, DOT_COL_BLOCK);
        int perBatch = rowBlocks * colBlocks;
        pool.run(s.batch() * perBatch, (task, scratch) -> {
            int batch = task / perBatch;
            int r0 = task % perBatch / colBlocks * ROW_BLOCK;
            int j0 = task % colBlocks * DOT_COL_BLOCK;
            int rows = Math.min(ROW_BLOCK, m - r0), cols = Math.min(DOT_COL_BLOCK, n - j0);
            int aBase = ao + (s.aBatched() ? batch * m * k : 0);
            int bBase = bo + (s.bBatched() ? batch * k * n : 0);
            int cBase = co + batch * m * n;
            float[] rowsOfA = a;
            int aRow0 = aBase + r0 * k;
            if (transposeA) {
                rowsOfA = scratch.floats(Scratch.PANEL, rows * k);
                for (int r = 0; r < rows; r++) {
                    for (int p = 0; p < k; p++) {
                        rowsOfA[r * k + p] = a[aBase + p * m + r0 + r];
                    }
                }
                aRow0 = 0;
            }
            float[] lanes = scratch.floats(Scratch.LANES, Gemm.ROWS * Gemm.ROWS * LANES);
            for (int r = 0; r < rows; r += Gemm.ROWS) {
                int nr = Math.min(Gemm.ROWS, rows - r);
                int a0 = aRow0 + r * k;
                int a1 = a0 + Math.min(1, nr - 1) * k, a2 = a0 + Math.min(2, nr - 1) * k, a3 = a0 + (nr - 1) * k;
                for (int q = 0; q < cols; q += Gemm.ROWS) {
                    int nq = Math.min(Gemm.ROWS, cols - q);
                    int b0 = bBase + (j0 + q) * k;
                    int b1 = b0 + Math.min(1, nq - 1) * k, b2 = b0 + Math.min(2, nq - 1) * k, b3 = b0 + (nq - 1) * k;
                    Arrays.fill(lanes, 0, Gemm.ROWS * Gemm.ROWS * LANES, 0f);
                    Gemm.dotSweep(rowsOfA, a0, a1, a2, a3, 0, b, b0, b1, b2, b3, 0, 1, k, lanes, 0, Gemm.ROWS);
                    for (int i = 0; i < nr; i++) {
                        for (int j = 0; j < nq; j++) {
                            float sum = VectorMath.sumLanes(lanes, (i * Gemm.ROWS + j) * LANES);
                            int at = cBase + (r0 + r + i) * n + j0 + q + j;
                            c[at] = accumulate ? c[at] + sum : sum;
                        }
                    }
                }
            }
        });
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
