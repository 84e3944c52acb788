package org.jclef.tensor.simd;

import static org.jclef.tensor.simd.VectorMath.F;
import static org.jclef.tensor.simd.VectorMath.LANES;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * The two matrix-product micro-kernels every product-shaped operation runs on (matmul, and the
 * three convolution passes), with register tiles of 4 × 4 vectors.
 *
 * <ul>
 *   <li><b>Panel kernel</b> ({@link #panelSweep}): {@code out[r][t] += Σ_col A[r][col] · B[col][t]}
 *       for a panel of 4 rows, vectorised along t. A is read where it lies, through a row and a
 *       column stride (a weight tensor, a matrix or its transpose: no packed copy per call); each
 *       column is 4 broadcasts. B's rows are found through an offset table, {@code B[col][t] =
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
 * order (dot), whatever the tile it falls in, so results never depend on how work is split. No
 * kernel loads under a mask: masked loads make a kernel too large for C1's profiling tier, which
 * can then leave it to the Vector API's Java fallbacks, uncompiled by C2, for a whole run.
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
    /** Columns (elements along t) of one register tile of the panel kernel. */
    static final int TILE_COLUMNS = TILE * LANES;

    private Gemm() {
    }

    // ------------------------------------------------------------------ panel kernel

    /**
     * Adds the products to {@code rows} output rows over {@code t ∈ [0, len)}, panel by panel:
     * {@code out[r][t] += Σ_col A[r][col] · B[col][t]}, the sum formed in registers first. (Callers
     * that overwrite fill the rows with zero or the bias beforehand: a single, branch-free store
     * path keeps every vector in a register.)
     *
     * <p>Whole register tiles ({@code 4·LANES} columns of t) read B and write the output in place. The
     * last, partial tile runs the same kernel into a zeroed output tile whose valid part is then added
     * to the output, reading B in place where the array extends a whole tile past every column's
     * tail (callers leave that much room after scratch rows) and otherwise from zero-padded copies of
     * the tails. Each output element is thus the same chain of fused multiply-adds, added once to the
     * output, wherever it falls.
     *
     * @param a     A's element (r, col) is {@code a[aBase + r·aRowStride + col·aColStride]}
     * @param bOff  B's row offsets, one per column, relative to {@code bBase}
     * @param out   row r of the output starts at {@code outBase + r·outStride}
     */
    static void panelSweep(float[] a, int aBase, int aRowStride, int aColStride, int rows, int cols, float[] b,
                           int bBase, int[] bOff, int len, float[] out, int outBase, int outStride, Scratch scratch) {
        int panels = (rows + ROWS - 1) / ROWS;
        int tile = TILE * LANES;
        int t = 0;
        for (; t + tile <= len; t += tile) {
            for (int p = 0; p < panels; p++) {
                int r0 = p * ROWS;
                panel(TILE, a, aBase, aRowStride, aColStride, r0, rows, cols, b, bBase + t, bOff, out,
                        outBase + r0 * outStride + t, outStride);
            }
        }
        int rest = len - t;
        if (rest == 0) {
            return;
        }
        // The last tile is as many vectors as the rest needs; its lanes from rest on hold garbage and
        // are dropped. B is read in place when every column has the tile's width of array left (the
        // lanes never mix); otherwise its tails are copied.
        int vectors = Math.ceilDiv(rest, LANES), width = vectors * LANES;
        int maxOff = 0;
        for (int col = 0; col < cols; col++) {
            maxOff = Math.max(maxOff, bOff[col]);
        }
        float[] tiles = b;
        int tilesBase = bBase + t;
        int[] tileOff = bOff;
        int outTile = 0;
        if (bBase + maxOff + t + width > b.length) {
            tiles = scratch.floats(Scratch.TAIL, (cols + ROWS) * width);
            tilesBase = 0;
            tileOff = scratch.ints(Scratch.TAIL, cols);
            VectorMask<Float> partial = F.indexInRange(0, rest % LANES);
            for (int col = 0; col < cols; col++) {
                copyTail(b, bBase + bOff[col] + t, rest, partial, tiles, col * width, width);
                tileOff[col] = col * width;
            }
            outTile = cols * width;
        }
        float[] outTiles = tiles == b ? scratch.floats(Scratch.TAIL, ROWS * width) : tiles;
        for (int p = 0; p < panels; p++) {
            int r0 = p * ROWS, pr = Math.min(ROWS, rows - r0);
            Arrays.fill(outTiles, outTile, outTile + ROWS * width, 0f);
            panel(vectors, a, aBase, aRowStride, aColStride, r0, rows, cols, tiles, tilesBase, tileOff, outTiles,
                    outTile, width);
            for (int r = 0; r < pr; r++) {
                Elementwise.addInto(outTiles, outTile + r * width, out, outBase + (r0 + r) * outStride + t, rest);
            }
        }
    }

    /**
     * {@code dst[at …] = src[from …]} for {@code rest <= width} elements, then zeros up to {@code width}
     * (whole vectors); {@code partial} marks the lanes of the last vector that lie before {@code rest}.
     */
    private static void copyTail(float[] src, int from, int rest, VectorMask<Float> partial, float[] dst, int at,
                                 int width) {
        int whole = rest / LANES * LANES;
        for (int i = 0; i < whole; i += LANES) {
            FloatVector.fromArray(F, src, from + i).intoArray(dst, at + i);
        }
        int next = whole;
        if (whole < rest) {
            FloatVector.fromArray(F, src, from + whole, partial).intoArray(dst, at + whole);
            next += LANES;
        }
        for (int i = next; i < width; i += LANES) {
            FloatVector.zero(F).intoArray(dst, at + i);
        }
    }

    /**
     * The register tile of {@code vectors} (1 to 4) vectors of t for the panel of rows
     * {@code [r0, r0 + 4)} of A, the rows past {@code rows} repeating the last.
     */
    private static void panel(int vectors, float[] a, int aBase, int aRowStride, int aColStride, int r0, int rows,
                              int cols, float[] b, int bBase, int[] bOff, float[] out, int oi, int outStride) {
        int a0 = aBase + r0 * aRowStride;
        int last = rows - 1 - r0;
        int d1 = Math.min(1, last) * aRowStride, d2 = Math.min(2, last) * aRowStride, d3 = Math.min(3, last) * aRowStride;
        int pr = Math.min(ROWS, rows - r0);
        switch (vectors) {
            case 1 -> panel4x1(a, a0, d1, d2, d3, aColStride, cols, b, bBase, bOff, out, oi, outStride, pr);
            case 2 -> panel4x2(a, a0, d1, d2, d3, aColStride, cols, b, bBase, bOff, out, oi, outStride, pr);
            case 3 -> panel4x3(a, a0, d1, d2, d3, aColStride, cols, b, bBase, bOff, out, oi, outStride, pr);
            default -> panel4x4(a, a0, d1, d2, d3, aColStride, cols, b, bBase, bOff, out, oi, outStride, pr);
        }
    }

    /**
     * One register tile: 4 rows (A's rows at {@code a0}, {@code a0 + d1}, {@code a0 + d2},
     * {@code a0 + d3}, columns {@code aColStride} apart) by 4 vectors of t; only the first
     * {@code rows} output rows are stored.
     */
    private static void panel4x4(float[] a, int a0, int d1, int d2, int d3, int aColStride, int cols, float[] b,
                                 int bBase, int[] bOff, float[] out, int oi, int outStride, int rows) {
        FloatVector c00 = FloatVector.zero(F), c01 = c00, c02 = c00, c03 = c00;
        FloatVector c10 = c00, c11 = c00, c12 = c00, c13 = c00;
        FloatVector c20 = c00, c21 = c00, c22 = c00, c23 = c00;
        FloatVector c30 = c00, c31 = c00, c32 = c00, c33 = c00;
        for (int col = 0, ai = a0; col < cols; col++, ai += aColStride) {
            int x = bBase + bOff[col];
            FloatVector b0 = FloatVector.fromArray(F, b, x);
            FloatVector b1 = FloatVector.fromArray(F, b, x + LANES);
            FloatVector b2 = FloatVector.fromArray(F, b, x + 2 * LANES);
            FloatVector b3 = FloatVector.fromArray(F, b, x + 3 * LANES);
            FloatVector w = FloatVector.broadcast(F, a[ai]);
            c00 = b0.fma(w, c00);
            c01 = b1.fma(w, c01);
            c02 = b2.fma(w, c02);
            c03 = b3.fma(w, c03);
            w = FloatVector.broadcast(F, a[ai + d1]);
            c10 = b0.fma(w, c10);
            c11 = b1.fma(w, c11);
            c12 = b2.fma(w, c12);
            c13 = b3.fma(w, c13);
            w = FloatVector.broadcast(F, a[ai + d2]);
            c20 = b0.fma(w, c20);
            c21 = b1.fma(w, c21);
            c22 = b2.fma(w, c22);
            c23 = b3.fma(w, c23);
            w = FloatVector.broadcast(F, a[ai + d3]);
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

    /** {@link #panel4x4} with 1 vector of t: the last, partial register tile. */
    private static void panel4x1(float[] a, int a0, int d1, int d2, int d3, int aColStride, int cols, float[] b,
                                 int bBase, int[] bOff, float[] out, int oi, int outStride, int rows) {
        FloatVector c00 = FloatVector.zero(F);
        FloatVector c10 = c00;
        FloatVector c20 = c00;
        FloatVector c30 = c00;
        for (int col = 0, ai = a0; col < cols; col++, ai += aColStride) {
            int x = bBase + bOff[col];
            FloatVector b0 = FloatVector.fromArray(F, b, x);
            FloatVector w = FloatVector.broadcast(F, a[ai]);
            c00 = b0.fma(w, c00);
            w = FloatVector.broadcast(F, a[ai + d1]);
            c10 = b0.fma(w, c10);
            w = FloatVector.broadcast(F, a[ai + d2]);
            c20 = b0.fma(w, c20);
            w = FloatVector.broadcast(F, a[ai + d3]);
            c30 = b0.fma(w, c30);
        }
        int o = oi;
        FloatVector.fromArray(F, out, o).add(c00).intoArray(out, o);
        if (rows > 1) {
            o += outStride;
            FloatVector.fromArray(F, out, o).add(c10).intoArray(out, o);
        }
        if (rows > 2) {
            o += outStride;
            FloatVector.fromArray(F, out, o).add(c20).intoArray(out, o);
        }
        if (rows > 3) {
            o += outStride;
            FloatVector.fromArray(F, out, o).add(c30).intoArray(out, o);
        }
    }

    /** {@link #panel4x4} with 2 vectors of t: the last, partial register tile. */
    private static void panel4x2(float[] a, int a0, int d1, int d2, int d3, int aColStride, int cols, float[] b,
                                 int bBase, int[] bOff, float[] out, int oi, int outStride, int rows) {
        FloatVector c00 = FloatVector.zero(F), c01 = c00;
        FloatVector c10 = c00, c11 = c00;
        FloatVector c20 = c00, c21 = c00;
        FloatVector c30 = c00, c31 = c00;
        for (int col = 0, ai = a0; col < cols; col++, ai += aColStride) {
            int x = bBase + bOff[col];
            FloatVector b0 = FloatVector.fromArray(F, b, x);
            FloatVector b1 = FloatVector.fromArray(F, b, x + LANES);
            FloatVector w = FloatVector.broadcast(F, a[ai]);
            c00 = b0.fma(w, c00);
            c01 = b1.fma(w, c01);
            w = FloatVector.broadcast(F, a[ai + d1]);
            c10 = b0.fma(w, c10);
            c11 = b1.fma(w, c11);
            w = FloatVector.broadcast(F, a[ai + d2]);
            c20 = b0.fma(w, c20);
            c21 = b1.fma(w, c21);
            w = FloatVector.broadcast(F, a[ai + d3]);
            c30 = b0.fma(w, c30);
            c31 = b1.fma(w, c31);
        }
        int o = oi;
        FloatVector.fromArray(F, out, o).add(c00).intoArray(out, o);
        FloatVector.fromArray(F, out, o + LANES).add(c01).intoArray(out, o + LANES);
        if (rows > 1) {
            o += outStride;
            FloatVector.fromArray(F, out, o).add(c10).intoArray(out, o);
            FloatVector.fromArray(F, out, o + LANES).add(c11).intoArray(out, o + LANES);
        }
        if (rows > 2) {
            o += outStride;
            FloatVector.fromArray(F, out, o).add(c20).intoArray(out, o);
            FloatVector.fromArray(F, out, o + LANES).add(c21).intoArray(out, o + LANES);
        }
        if (rows > 3) {
            o += outStride;
            FloatVector.fromArray(F, out, o).add(c30).intoArray(out, o);
            FloatVector.fromArray(F, out, o + LANES).add(c31).intoArray(out, o + LANES);
        }
    }

    /** {@link #panel4x4} with 3 vectors of t: the last, partial register tile. */
    private static void panel4x3(float[] a, int a0, int d1, int d2, int d3, int aColStride, int cols, float[] b,
                                 int bBase, int[] bOff, float[] out, int oi, int outStride, int rows) {
        FloatVector c00 = FloatVector.zero(F), c01 = c00, c02 = c00;
        FloatVector c10 = c00, c11 = c00, c12 = c00;
        FloatVector c20 = c00, c21 = c00, c22 = c00;
        FloatVector c30 = c00, c31 = c00, c32 = c00;
        for (int col = 0, ai = a0; col < cols; col++, ai += aColStride) {
            int x = bBase + bOff[col];
            FloatVector b0 = FloatVector.fromArray(F, b, x);
            FloatVector b1 = FloatVector.fromArray(F, b, x + LANES);
            FloatVector b2 = FloatVector.fromArray(F, b, x + 2 * LANES);
            FloatVector w = FloatVector.broadcast(F, a[ai]);
            c00 = b0.fma(w, c00);
            c01 = b1.fma(w, c01);
            c02 = b2.fma(w, c02);
            w = FloatVector.broadcast(F, a[ai + d1]);
            c10 = b0.fma(w, c10);
            c11 = b1.fma(w, c11);
            c12 = b2.fma(w, c12);
            w = FloatVector.broadcast(F, a[ai + d2]);
            c20 = b0.fma(w, c20);
            c21 = b1.fma(w, c21);
            c22 = b2.fma(w, c22);
            w = FloatVector.broadcast(F, a[ai + d3]);
            c30 = b0.fma(w, c30);
            c31 = b1.fma(w, c31);
            c32 = b2.fma(w, c32);
        }
        int o = oi;
        FloatVector.fromArray(F, out, o).add(c00).intoArray(out, o);
        FloatVector.fromArray(F, out, o + LANES).add(c01).intoArray(out, o + LANES);
        FloatVector.fromArray(F, out, o + 2 * LANES).add(c02).intoArray(out, o + 2 * LANES);
        if (rows > 1) {
            o += outStride;
            FloatVector.fromArray(F, out, o).add(c10).intoArray(out, o);
            FloatVector.fromArray(F, out, o + LANES).add(c11).intoArray(out, o + LANES);
            FloatVector.fromArray(F, out, o + 2 * LANES).add(c12).intoArray(out, o + 2 * LANES);
        }
        if (rows > 2) {
            o += outStride;
            FloatVector.fromArray(F, out, o).add(c20).intoArray(out, o);
            FloatVector.fromArray(F, out, o + LANES).add(c21).intoArray(out, o + LANES);
            FloatVector.fromArray(F, out, o + 2 * LANES).add(c22).intoArray(out, o + 2 * LANES);
        }
        if (rows > 3) {
            o += outStride;
            FloatVector.fromArray(F, out, o).add(c30).intoArray(out, o);
            FloatVector.fromArray(F, out, o + LANES).add(c31).intoArray(out, o + LANES);
            FloatVector.fromArray(F, out, o + 2 * LANES).add(c32).intoArray(out, o + 2 * LANES);
        }
    }

    // ------------------------------------------------------------------ dot kernel

    /**
     * {@code lanes[accBase + (r·accRowStride + q)·LANES …] += } the lane-wise partial sums of
     * {@code Σ_n Σ_t a[a_r + n·aSample + t] · b[b_q + n·bSample + t]} over {@code t ∈ [0, len)} and
     * the samples {@code n < samples}, for the 4 rows {@code a_r = a0 … a3} and 4 columns
     * {@code b_q = b0 … b3}: element t goes to lane {@code t mod LANES}. All 16 sums are stored: a
     * caller with fewer rows or columns repeats valid offsets and gives the surplus sums room it
     * ignores. The whole vectors run in registers ({@link #dotVectors}); the last {@code len mod LANES}
     * elements of each row are added to their lanes one by one, which suits tails that are rare or
     * short. (A masked vector tail would be quicker, but masked loads make the kernel too large for
     * C1's profiling tier, which can then leave it uncompiled by C2 for good.)
     */
    static void dotSweep(float[] a, int a0, int a1, int a2, int a3, int aSample,
                         float[] b, int b0, int b1, int b2, int b3, int bSample, int samples, int len,
                         float[] lanes, int accBase, int accRowStride) {
        int full = F.loopBound(len);
        if (full > 0) {
            dotVectors(a, a0, a1, a2, a3, aSample, b, b0, b1, b2, b3, bSample, samples, full, lanes, accBase,
                    accRowStride);
        }
        if (full < len) {
            int[] as = {a0, a1, a2, a3};
            int[] bs = {b0, b1, b2, b3};
            for (int r = 0; r < ROWS; r++) {
                for (int q = 0; q < ROWS; q++) {
                    int at = accBase + (r * accRowStride + q) * LANES - full;
                    for (int n = 0; n < samples; n++) {
                        int ar = as[r] + n * aSample, bq = bs[q] + n * bSample;
                        for (int t = full; t < len; t++) {
                            lanes[at + t] = Math.fma(a[ar + t], b[bq + t], lanes[at + t]);
                        }
                    }
                }
            }
        }
    }

    /**
     * {@link #dotSweep} over whole vectors: {@code t ∈ [0, len)}, len a multiple of LANES. Also for
     * callers that gather the rows' tails into zero-padded vectors of their own.
     */
    static void dotVectors(float[] a, int a0, int a1, int a2, int a3, int aSample,
                                   float[] b, int b0, int b1, int b2, int b3, int bSample, int samples, int len,
                                   float[] lanes, int accBase, int accRowStride) {
        FloatVector c00 = FloatVector.zero(F), c01 = c00, c02 = c00, c03 = c00;
        FloatVector c10 = c00, c11 = c00, c12 = c00, c13 = c00;
        FloatVector c20 = c00, c21 = c00, c22 = c00, c23 = c00;
        FloatVector c30 = c00, c31 = c00, c32 = c00, c33 = c00;
        for (int n = 0, sa = 0, sb = 0; n < samples; n++, sa += aSample, sb += bSample) {
            for (int t = 0; t < len; t += LANES) {
                FloatVector x0 = FloatVector.fromArray(F, b, b0 + sb + t);
                FloatVector x1 = FloatVector.fromArray(F, b, b1 + sb + t);
                FloatVector x2 = FloatVector.fromArray(F, b, b2 + sb + t);
                FloatVector x3 = FloatVector.fromArray(F, b, b3 + sb + t);
                FloatVector y = FloatVector.fromArray(F, a, a0 + sa + t);
                c00 = y.fma(x0, c00);
                c01 = y.fma(x1, c01);
                c02 = y.fma(x2, c02);
                c03 = y.fma(x3, c03);
                y = FloatVector.fromArray(F, a, a1 + sa + t);
                c10 = y.fma(x0, c10);
                c11 = y.fma(x1, c11);
                c12 = y.fma(x2, c12);
                c13 = y.fma(x3, c13);
                y = FloatVector.fromArray(F, a, a2 + sa + t);
                c20 = y.fma(x0, c20);
                c21 = y.fma(x1, c21);
                c22 = y.fma(x2, c22);
                c23 = y.fma(x3, c23);
                y = FloatVector.fromArray(F, a, a3 + sa + t);
                c30 = y.fma(x0, c30);
                c31 = y.fma(x1, c31);
                c32 = y.fma(x2, c32);
                c33 = y.fma(x3, c33);
            }
        }
        int o = accBase, row = accRowStride * LANES;
        FloatVector.fromArray(F, lanes, o).add(c00).intoArray(lanes, o);
        FloatVector.fromArray(F, lanes, o + LANES).add(c01).intoArray(lanes, o + LANES);
        FloatVector.fromArray(F, lanes, o + 2 * LANES).add(c02).intoArray(lanes, o + 2 * LANES);
        FloatVector.fromArray(F, lanes, o + 3 * LANES).add(c03).intoArray(lanes, o + 3 * LANES);
        o += row;
        FloatVector.fromArray(F, lanes, o).add(c10).intoArray(lanes, o);
        FloatVector.fromArray(F, lanes, o + LANES).add(c11).intoArray(lanes, o + LANES);
        FloatVector.fromArray(F, lanes, o + 2 * LANES).add(c12).intoArray(lanes, o + 2 * LANES);
        FloatVector.fromArray(F, lanes, o + 3 * LANES).add(c13).intoArray(lanes, o + 3 * LANES);
        o += row;
        FloatVector.fromArray(F, lanes, o).add(c20).intoArray(lanes, o);
        FloatVector.fromArray(F, lanes, o + LANES).add(c21).intoArray(lanes, o + LANES);
        FloatVector.fromArray(F, lanes, o + 2 * LANES).add(c22).intoArray(lanes, o + 2 * LANES);
        FloatVector.fromArray(F, lanes, o + 3 * LANES).add(c23).intoArray(lanes, o + 3 * LANES);
        o += row;
        FloatVector.fromArray(F, lanes, o).add(c30).intoArray(lanes, o);
        FloatVector.fromArray(F, lanes, o + LANES).add(c31).intoArray(lanes, o + LANES);
        FloatVector.fromArray(F, lanes, o + 2 * LANES).add(c32).intoArray(lanes, o + 2 * LANES);
        FloatVector.fromArray(F, lanes, o + 3 * LANES).add(c33).intoArray(lanes, o + 3 * LANES);
    }

    // ------------------------------------------------------------------ tap kernel

    /**
     * {@code acc[accBase + r·accRowStride + q·accColStride + i] += Σ_t a[a_r + t] · b[b_q + step·t + i]}
     * over {@code t ∈ [0, len)}, for the 4 rows {@code a_r = a0 … a3}, the 4 columns
     * {@code b_q = b0 … b3} and every lane i (callers with fewer rows or columns repeat valid offsets
     * and give the surplus sums room, as for {@link #dotSweep}).
     * Each term is a broadcast of one a element times a vector of b: for a convolution's weight
     * gradient a is dy, b a zero-padded input row and the lanes are kernel taps, so the sums stay in
     * registers along the whole time axis and need no horizontal reduction.
     */
    static void tapSweep(float[] a, int a0, int a1, int a2, int a3, float[] b, int b0, int b1, int b2, int b3,
                         int step, int len, float[] acc, int accBase, int accRowStride, int accColStride) {
        FloatVector c00 = FloatVector.zero(F), c01 = c00, c02 = c00, c03 = c00;
        FloatVector c10 = c00, c11 = c00, c12 = c00, c13 = c00;
        FloatVector c20 = c00, c21 = c00, c22 = c00, c23 = c00;
        FloatVector c30 = c00, c31 = c00, c32 = c00, c33 = c00;
        for (int t = 0, x = 0; t < len; t++, x += step) {
            FloatVector x0 = FloatVector.fromArray(F, b, b0 + x);
            FloatVector x1 = FloatVector.fromArray(F, b, b1 + x);
            FloatVector x2 = FloatVector.fromArray(F, b, b2 + x);
            FloatVector x3 = FloatVector.fromArray(F, b, b3 + x);
            FloatVector y = FloatVector.broadcast(F, a[a0 + t]);
            c00 = x0.fma(y, c00);
            c01 = x1.fma(y, c01);
            c02 = x2.fma(y, c02);
            c03 = x3.fma(y, c03);
            y = FloatVector.broadcast(F, a[a1 + t]);
            c10 = x0.fma(y, c10);
            c11 = x1.fma(y, c11);
            c12 = x2.fma(y, c12);
            c13 = x3.fma(y, c13);
            y = FloatVector.broadcast(F, a[a2 + t]);
            c20 = x0.fma(y, c20);
            c21 = x1.fma(y, c21);
            c22 = x2.fma(y, c22);
            c23 = x3.fma(y, c23);
            y = FloatVector.broadcast(F, a[a3 + t]);
            c30 = x0.fma(y, c30);
            c31 = x1.fma(y, c31);
            c32 = x2.fma(y, c32);
            c33 = x3.fma(y, c33);
        }
        int o = accBase;
        FloatVector.fromArray(F, acc, o).add(c00).intoArray(acc, o);
        FloatVector.fromArray(F, acc, o + accColStride).add(c01).intoArray(acc, o + accColStride);
        FloatVector.fromArray(F, acc, o + 2 * accColStride).add(c02).intoArray(acc, o + 2 * accColStride);
        FloatVector.fromArray(F, acc, o + 3 * accColStride).add(c03).intoArray(acc, o + 3 * accColStride);
        o += accRowStride;
        FloatVector.fromArray(F, acc, o).add(c10).intoArray(acc, o);
        FloatVector.fromArray(F, acc, o + accColStride).add(c11).intoArray(acc, o + accColStride);
        FloatVector.fromArray(F, acc, o + 2 * accColStride).add(c12).intoArray(acc, o + 2 * accColStride);
        FloatVector.fromArray(F, acc, o + 3 * accColStride).add(c13).intoArray(acc, o + 3 * accColStride);
        o += accRowStride;
        FloatVector.fromArray(F, acc, o).add(c20).intoArray(acc, o);
        FloatVector.fromArray(F, acc, o + accColStride).add(c21).intoArray(acc, o + accColStride);
        FloatVector.fromArray(F, acc, o + 2 * accColStride).add(c22).intoArray(acc, o + 2 * accColStride);
        FloatVector.fromArray(F, acc, o + 3 * accColStride).add(c23).intoArray(acc, o + 3 * accColStride);
        o += accRowStride;
        FloatVector.fromArray(F, acc, o).add(c30).intoArray(acc, o);
        FloatVector.fromArray(F, acc, o + accColStride).add(c31).intoArray(acc, o + accColStride);
        FloatVector.fromArray(F, acc, o + 2 * accColStride).add(c32).intoArray(acc, o + 2 * accColStride);
        FloatVector.fromArray(F, acc, o + 3 * accColStride).add(c33).intoArray(acc, o + 3 * accColStride);
    }
}
