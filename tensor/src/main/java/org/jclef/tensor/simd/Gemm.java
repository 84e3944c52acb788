package org.jclef.tensor.simd;

import static org.jclef.tensor.simd.VectorMath.F;
import static org.jclef.tensor.simd.VectorMath.LANES;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * The two matrix-product micro-kernels every product-shaped operation runs on (matmul, and the
 * three convolution passes), with register tiles of 4 × 4 vectors.
 *
 * <ul>
 *   <li><b>Panel kernel</b> ({@link #panelSweep}): {@code out[r][t] += Σ_col A[r][col] · B[col][t]}
 *       for a panel of 4 rows, vectorised along t. A is packed ({@code ap[4·col + r]}) so that each
 *       column is 4 broadcasts; B's rows are found through an offset table, {@code B[col][t] =
 *       b[bBase + bOff[col] + t]}, which lets a convolution present shifted, stride-phased input
 *       rows as the rows of B without copying them. Per column: 4 vector loads, 4 broadcasts and
 *       16 FMAs into 16 accumulators.</li>
 *   <li><b>Dot kernel</b> ({@link #dotSweep}): {@code Σ_t a_r[t] · b_q[t]} for 4 rows × 4 columns
 *       whose operands are both contiguous along the summed axis t (matmul with a transposed B,
 *       the convolution weight gradient). The 16 accumulators keep one partial sum per lane and are
 *       added to lane-accumulator memory after the sweep, so the caller can continue the same sums
 *       over more samples before adding the lanes up in a fixed order.</li>
 * </ul>
 *
 * In both, each output element is one chain of fused multiply-adds in column order (panel) or lane
 * order (dot), whatever the tile it falls in, so results never depend on how work is split. Tails
 * along t are vectors under a mask: masked lanes neither load nor store.
 *
 * <p>Both kernels end in one unconditional load-add-store per accumulator: C2 keeps vectors in
 * registers only while every use of them is an intrinsic, and a single extra path (say, adding a
 * bias with {@code add(float)} in a branch) makes it box the accumulators on every iteration, at a
 * quarter of the speed. Keep them that way, and check allocation when changing them.
 */
final class Gemm {
    /** Rows per panel. */
    static final int ROWS = 4;
    /** Vectors per register tile along t. */
    private static final int TILE = 4;

    private Gemm() {
    }

    // ------------------------------------------------------------------ panel kernel

    /**
     * Adds the products to {@code rows} output rows over {@code t ∈ [0, len)}, panel by panel:
     * {@code out[r][t] += Σ_col A[r][col] · B[col][t]}, the sum formed in registers first. (Callers
     * that overwrite fill the rows with zero or the bias beforehand: a single, branch-free store
     * path keeps every vector in a register.)
     *
     * @param ap    packed A: panel p starts at {@code apBase + p·4·cols}; its element (r, col) is at
     *              {@code 4·col + r}; rows past {@code rows} are zero padding
     * @param bOff  B's row offsets, one per column, relative to {@code bBase}
     * @param out   row r of the output starts at {@code outBase + r·outStride}
     */
    static void panelSweep(float[] ap, int apBase, int rows, int cols, float[] b, int bBase, int[] bOff, int len,
                           float[] out, int outBase, int outStride) {
        int panels = (rows + ROWS - 1) / ROWS;
        int t = 0;
        for (; t + TILE * LANES <= len; t += TILE * LANES) {
            for (int p = 0; p < panels; p++) {
                int r0 = p * ROWS;
                panel4x4(ap, apBase + p * ROWS * cols, cols, b, bBase + t, bOff, out, outBase + r0 * outStride + t,
                        outStride, Math.min(ROWS, rows - r0));
            }
        }
        for (; t < len; t += LANES) {
            for (int p = 0; p < panels; p++) {
                int r0 = p * ROWS;
                panel4x1(ap, apBase + p * ROWS * cols, cols, b, bBase + t, bOff, out, outBase + r0 * outStride + t,
                        outStride, Math.min(ROWS, rows - r0), len - t);
            }
        }
    }

    private static void panel4x4(float[] ap, int ai, int cols, float[] b, int bBase, int[] bOff, float[] out, int oi,
                                 int outStride, int rows) {
        FloatVector c00 = FloatVector.zero(F), c01 = c00, c02 = c00, c03 = c00;
        FloatVector c10 = c00, c11 = c00, c12 = c00, c13 = c00;
        FloatVector c20 = c00, c21 = c00, c22 = c00, c23 = c00;
        FloatVector c30 = c00, c31 = c00, c32 = c00, c33 = c00;
        for (int col = 0; col < cols; col++, ai += ROWS) {
            int x = bBase + bOff[col];
            FloatVector b0 = FloatVector.fromArray(F, b, x);
            FloatVector b1 = FloatVector.fromArray(F, b, x + LANES);
            FloatVector b2 = FloatVector.fromArray(F, b, x + 2 * LANES);
            FloatVector b3 = FloatVector.fromArray(F, b, x + 3 * LANES);
            FloatVector w = FloatVector.broadcast(F, ap[ai]);
            c00 = b0.fma(w, c00);
            c01 = b1.fma(w, c01);
            c02 = b2.fma(w, c02);
            c03 = b3.fma(w, c03);
            w = FloatVector.broadcast(F, ap[ai + 1]);
            c10 = b0.fma(w, c10);
            c11 = b1.fma(w, c11);
            c12 = b2.fma(w, c12);
            c13 = b3.fma(w, c13);
            w = FloatVector.broadcast(F, ap[ai + 2]);
            c20 = b0.fma(w, c20);
            c21 = b1.fma(w, c21);
            c22 = b2.fma(w, c22);
            c23 = b3.fma(w, c23);
            w = FloatVector.broadcast(F, ap[ai + 3]);
            c30 = b0.fma(w, c30);
            c31 = b1.fma(w, c31);
            c32 = b2.fma(w, c32);
            c33 = b3.fma(w, c33);
        }
        int o = oi;
        FloatVector.fromArray(F, out, o).add(c00).intoArray(out, o);
        FloatVector.fromArray(F, out, o + LANES).add(c01).intoArray(out, o + LANES);
        FloatVector.fromArray(F, out, o + 2 * LANES).add(c02).intoArray(out, o + 2 * LANES);
        FloatVector.fromArray(F, out, o + 3 * LANES).add(c03).intoArray(out, o + 3 * LANES);
        if (rows > 1) {
            o += outStride;
            FloatVector.fromArray(F, out, o).add(c10).intoArray(out, o);
            FloatVector.fromArray(F, out, o + LANES).add(c11).intoArray(out, o + LANES);
            FloatVector.fromArray(F, out, o + 2 * LANES).add(c12).intoArray(out, o + 2 * LANES);
            FloatVector.fromArray(F, out, o + 3 * LANES).add(c13).intoArray(out, o + 3 * LANES);
        }
        if (rows > 2) {
            o += outStride;
            FloatVector.fromArray(F, out, o).add(c20).intoArray(out, o);
            FloatVector.fromArray(F, out, o + LANES).add(c21).intoArray(out, o + LANES);
            FloatVector.fromArray(F, out, o + 2 * LANES).add(c22).intoArray(out, o + 2 * LANES);
            FloatVector.fromArray(F, out, o + 3 * LANES).add(c23).intoArray(out, o + 3 * LANES);
        }
        if (rows > 3) {
            o += outStride;
            FloatVector.fromArray(F, out, o).add(c30).intoArray(out, o);
            FloatVector.fromArray(F, out, o + LANES).add(c31).intoArray(out, o + LANES);
            FloatVector.fromArray(F, out, o + 2 * LANES).add(c32).intoArray(out, o + 2 * LANES);
            FloatVector.fromArray(F, out, o + 3 * LANES).add(c33).intoArray(out, o + 3 * LANES);
        }
    }

    /** One vector of columns, the lanes from {@code remaining} on masked off (neither loaded nor stored). */
    private static void panel4x1(float[] ap, int ai, int cols, float[] b, int bBase, int[] bOff, float[] out, int oi,
                                 int outStride, int rows, int remaining) {
        VectorMask<Float> mask = F.indexInRange(0, remaining);
        FloatVector c0 = FloatVector.zero(F), c1 = c0, c2 = c0, c3 = c0;
        for (int col = 0; col < cols; col++, ai += ROWS) {
            FloatVector x = FloatVector.fromArray(F, b, bBase + bOff[col], mask);
            c0 = x.fma(FloatVector.broadcast(F, ap[ai]), c0);
            c1 = x.fma(FloatVector.broadcast(F, ap[ai + 1]), c1);
            c2 = x.fma(FloatVector.broadcast(F, ap[ai + 2]), c2);
            c3 = x.fma(FloatVector.broadcast(F, ap[ai + 3]), c3);
        }
        FloatVector.fromArray(F, out, oi, mask).add(c0).intoArray(out, oi, mask);
        if (rows > 1) {
            FloatVector.fromArray(F, out, oi + outStride, mask).add(c1).intoArray(out, oi + outStride, mask);
        }
        if (rows > 2) {
            FloatVector.fromArray(F, out, oi + 2 * outStride, mask).add(c2).intoArray(out, oi + 2 * outStride, mask);
        }
        if (rows > 3) {
            FloatVector.fromArray(F, out, oi + 3 * outStride, mask).add(c3).intoArray(out, oi + 3 * outStride, mask);
        }
    }

    /**
     * Packs {@code rows} rows of a matrix into panels for {@link #panelSweep}: element (r, col) is
     * read from {@code src[srcBase + r·rowStride + col·colStride]}; missing rows of the last panel
     * are zero.
     */
    static void pack(float[] src, int srcBase, int rowStride, int colStride, int rows, int cols,
                     float[] ap, int apBase) {
        int paddedRows = (rows + ROWS - 1) / ROWS * ROWS;
        for (int r = 0; r < paddedRows; r++) {
            for (int col = 0; col < cols; col++) {
                ap[apBase + packedIndex(r, col, cols)] = r < rows ? src[srcBase + r * rowStride + col * colStride] : 0f;
            }
        }
    }

    /** Where element (row, col) of a matrix with {@code cols} columns lies in its packed panels. */
    static int packedIndex(int row, int col, int cols) {
        return row / ROWS * ROWS * cols + col * ROWS + row % ROWS;
    }

    /** Floats that {@link #pack} writes for {@code rows} × {@code cols}. */
    static int packedSize(int rows, int cols) {
        return (rows + ROWS - 1) / ROWS * ROWS * cols;
    }

    // ------------------------------------------------------------------ dot kernel

    /**
     * {@code lanes[accBase + (r·accRowStride + q)·LANES …] += } the lane-wise partial sums of
     * {@code Σ_t a[aOff[r] + t] · b[bOff[q] + t]} over {@code t ∈ [0, len)}, for rows
     * {@code r < rows} and columns {@code q < cols} ({@code rows, cols <= 4}; the offsets of missing
     * rows and columns may repeat valid ones: their sums are not stored). The whole vectors and the
     * masked tail are two methods, each adding its sums to the lane accumulators: one method with
     * both is too large for C1's profiling tier, which then leaves it uncompiled by C2 for good.
     */
    static void dotSweep(float[] a, int a0, int a1, int a2, int a3, int rows,
                         float[] b, int b0, int b1, int b2, int b3, int cols, int len,
                         float[] lanes, int accBase, int accRowStride) {
        int full = F.loopBound(len);
        if (full > 0) {
            dotVectors(a, a0, a1, a2, a3, rows, b, b0, b1, b2, b3, cols, full, lanes, accBase, accRowStride);
        }
        if (full < len) {
            dotTail(a, a0 + full, a1 + full, a2 + full, a3 + full, rows, b, b0 + full, b1 + full, b2 + full, b3 + full,
                    cols, F.indexInRange(0, len - full), lanes, accBase, accRowStride);
        }
    }

    /** {@link #dotSweep} over whole vectors: {@code t ∈ [0, len)}, len a multiple of LANES. */
    private static void dotVectors(float[] a, int a0, int a1, int a2, int a3, int rows,
                                   float[] b, int b0, int b1, int b2, int b3, int cols, int len,
                                   float[] lanes, int accBase, int accRowStride) {
        FloatVector c00 = FloatVector.zero(F), c01 = c00, c02 = c00, c03 = c00;
        FloatVector c10 = c00, c11 = c00, c12 = c00, c13 = c00;
        FloatVector c20 = c00, c21 = c00, c22 = c00, c23 = c00;
        FloatVector c30 = c00, c31 = c00, c32 = c00, c33 = c00;
        for (int t = 0; t < len; t += LANES) {
            FloatVector x0 = FloatVector.fromArray(F, b, b0 + t);
            FloatVector x1 = FloatVector.fromArray(F, b, b1 + t);
            FloatVector x2 = FloatVector.fromArray(F, b, b2 + t);
            FloatVector x3 = FloatVector.fromArray(F, b, b3 + t);
            FloatVector y = FloatVector.fromArray(F, a, a0 + t);
            c00 = y.fma(x0, c00);
            c01 = y.fma(x1, c01);
            c02 = y.fma(x2, c02);
            c03 = y.fma(x3, c03);
            y = FloatVector.fromArray(F, a, a1 + t);
            c10 = y.fma(x0, c10);
            c11 = y.fma(x1, c11);
            c12 = y.fma(x2, c12);
            c13 = y.fma(x3, c13);
            y = FloatVector.fromArray(F, a, a2 + t);
            c20 = y.fma(x0, c20);
            c21 = y.fma(x1, c21);
            c22 = y.fma(x2, c22);
            c23 = y.fma(x3, c23);
            y = FloatVector.fromArray(F, a, a3 + t);
            c30 = y.fma(x0, c30);
            c31 = y.fma(x1, c31);
            c32 = y.fma(x2, c32);
            c33 = y.fma(x3, c33);
        }
        int step = accRowStride * LANES;
        addRow(lanes, accBase, cols, c00, c01, c02, c03);
        if (rows > 1) {
            addRow(lanes, accBase + step, cols, c10, c11, c12, c13);
        }
        if (rows > 2) {
            addRow(lanes, accBase + 2 * step, cols, c20, c21, c22, c23);
        }
        if (rows > 3) {
            addRow(lanes, accBase + 3 * step, cols, c30, c31, c32, c33);
        }
    }

    /** {@link #dotSweep}'s last, partial vector: the lanes of {@code m} only. */
    private static void dotTail(float[] a, int a0, int a1, int a2, int a3, int rows,
                                float[] b, int b0, int b1, int b2, int b3, int cols, VectorMask<Float> m,
                                float[] lanes, int accBase, int accRowStride) {
        FloatVector x0 = FloatVector.fromArray(F, b, b0, m);
        FloatVector x1 = FloatVector.fromArray(F, b, b1, m);
        FloatVector x2 = FloatVector.fromArray(F, b, b2, m);
        FloatVector x3 = FloatVector.fromArray(F, b, b3, m);
        int step = accRowStride * LANES;
        FloatVector y = FloatVector.fromArray(F, a, a0, m);
        addRow(lanes, accBase, cols, y.mul(x0), y.mul(x1), y.mul(x2), y.mul(x3));
        if (rows > 1) {
            y = FloatVector.fromArray(F, a, a1, m);
            addRow(lanes, accBase + step, cols, y.mul(x0), y.mul(x1), y.mul(x2), y.mul(x3));
        }
        if (rows > 2) {
            y = FloatVector.fromArray(F, a, a2, m);
            addRow(lanes, accBase + 2 * step, cols, y.mul(x0), y.mul(x1), y.mul(x2), y.mul(x3));
        }
        if (rows > 3) {
            y = FloatVector.fromArray(F, a, a3, m);
            addRow(lanes, accBase + 3 * step, cols, y.mul(x0), y.mul(x1), y.mul(x2), y.mul(x3));
        }
    }

    /** Adds the first {@code cols} of four vectors to the lane accumulators at {@code at}, {@code at + LANES}, …. */
    private static void addRow(float[] lanes, int at, int cols, FloatVector v0, FloatVector v1, FloatVector v2,
                               FloatVector v3) {
        FloatVector.fromArray(F, lanes, at).add(v0).intoArray(lanes, at);
        if (cols > 1) {
            FloatVector.fromArray(F, lanes, at + LANES).add(v1).intoArray(lanes, at + LANES);
        }
        if (cols > 2) {
            FloatVector.fromArray(F, lanes, at + 2 * LANES).add(v2).intoArray(lanes, at + 2 * LANES);
        }
        if (cols > 3) {
            FloatVector.fromArray(F, lanes, at + 3 * LANES).add(v3).intoArray(lanes, at + 3 * LANES);
        }
    }
}
