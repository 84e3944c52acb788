package org.jclef.tensor.simd;

import static org.jclef.tensor.simd.VectorMath.F;
import static org.jclef.tensor.simd.VectorMath.LANES;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import org.jclef.tensor.Conv1dGeometry;

/**
 * Grouped, strided, padded 1-D convolution (forward, backward-data, backward-weight) as matrix
 * products on the {@link Gemm} micro-kernels, without an im2col matrix.
 *
 * <p><b>Phase rows.</b> With stride s, padded position {@code s·t + j} of an input row is element
 * {@code t + j/s} of its phase {@code j mod s}: splitting each zero-padded row into s phase rows
 * turns every tap j of the kernel into a contiguous, shifted row. For one sample and group the
 * convolution is then {@code y[o][t] = Σ_(c,j) w[o][c][j] · phase(c, j)[t + j/s]}: a matrix
 * product whose "B rows" are those shifted rows, found by an offset table.
 *
 * <p>Shapes as in {@link Conv1dGeometry}: {@code x: [N, C_in, L_in]}, {@code w: [C_out, C_in/g, K]},
 * {@code y: [N, C_out, L_out]}.
 *
 * <ul>
 *   <li>Forward: tasks are (sample, group, block of output rows, and for a pointwise convolution of
 *       few samples a block of time); each builds the group's phase rows (stride 2 with vector
 *       shuffles, {@link Stride2}), or, for stride 1 without padding, reads x in place (a pointwise
 *       convolution is then exactly the GEMM {@code y[n] = W · x[n]}), and runs the panel kernel
 *       with the weights read where they lie. Pointwise rows shorter than four register tiles are
 *       copied side by side, several samples to a product, swept in L1-sized blocks of input
 *       channels.</li>
 *   <li>Backward-data: the transpose, gathered rather than scattered:
 *       {@code dxPhase_r[c][u] = Σ_(o, j ≡ r mod s) w[o][c][j] · dy[o][u − j/s]}, on zero-padded dy
 *       rows; for stride 1 the sums go straight into dx, otherwise all phases are computed and then
 *       interleaved into dx.</li>
 *   <li>Backward-weight, by kernel length: with at least LANES/2 taps, the taps are the vector lanes
 *       ({@link Gemm#tapSweep} on zero-padded input rows); pointwise, a GEMM over every
 *       (sample, step), on the tap kernel with one operand transposed when both sides are wide, else
 *       on the dot kernel in L2-sized sample chunks; other short kernels, dot products along t over
 *       phase rows. Every sum runs in an order fixed by the shape.</li>
 * </ul>
 */
final class Conv1d {
    /**
     * Kernels with at least this many taps take the tap kernel for the weight gradient (at least half
     * of its lanes busy); shorter ones the dot kernel.
     */
    private static final int TAP_KERNEL_MIN_TAPS = Math.max(2, LANES / 2);
    /** Output rows per forward task at most (a multiple of the panel height). */
    private static final int FORWARD_ROW_BLOCK = 16 * Gemm.ROWS;
    /** Time steps per forward task when a pointwise convolution splits its time axis. */
    private static final int FORWARD_TIME_BLOCK = 8 * Gemm.TILE_COLUMNS;
    /** Fewer (sample, group, row block) tasks than this make a pointwise forward split time too. */
    private static final int FEW_TASKS = 16;
    /** Pointwise rows shorter than this are swept several samples at a time (four register tiles). */
    private static final int SHORT_ROW = 4 * Gemm.TILE_COLUMNS;
    /**
     * Columns (input channels) per block of a short-row sweep: a register tile's columns of B and
     * the task's rows of A then take at most 32 KB, within L1.
     */
    private static final int DEPTH_BLOCK = 64;
    /** Output rows per task of the pointwise weight gradient. */
    private static final int WEIGHT_ROW_BLOCK = 4 * Gemm.ROWS;
    /** Floats of x and dy rows per sample chunk of the pointwise weight gradient (512 KB: within L2). */
    private static final int CHUNK_FLOATS = 1 << 17;
    /** Sample chunks the transposed pointwise weight gradient cuts a batch into at least (when it has the samples). */
    private static final int MIN_CHUNKS = 8;

    /** The derived sizes of one convolution call. */
    record Plan(int n, int cin, int lin, int cout, int k, int lout, int stride, int padLeft, int padRight,
                int groups, int cinG, int coutG, int phaseLength) {

        static Plan of(int[] dims, Conv1dGeometry g) {
            int n = dims[0], cin = dims[1], lin = dims[2], cout = dims[3], k = dims[4], lout = dims[5];
            int s = g.stride();
            int padded = lin + g.padLeft() + g.padRight();
            return new Plan(n, cin, lin, cout, k, lout, s, g.padLeft(), g.padRight(), g.groups(),
                    cin / g.groups(), cout / g.groups(), (padded + s - 1) / s);
        }

        /** Stride 1 and no padding: x rows serve as phase rows in place. */
        boolean readsInPlace() {
            return stride == 1 && padLeft == 0 && padRight == 0;
        }

        /** k = 1, stride 1, no padding: backward-data reads dy in place too. */
        boolean pointwise() {
            return k == 1 && readsInPlace();
        }

        /** Columns of the forward product: (input channel of the group, tap). */
        int columns() {
            return cinG * k;
        }

        /**
         * Offsets of the forward product's B rows, column {@code c·K + j}: within the group's
         * phase rows (or within x's rows when read in place).
         */
        int[] inputOffsets() {
            int[] off = new int[columns()];
            for (int c = 0; c < cinG; c++) {
                for (int j = 0; j < k; j++) {
                    off[c * k + j] = readsInPlace() ? c * lin + j : (c * stride + j % stride) * phaseLength + j / stride;
                }
            }
            return off;
        }
    }

    private Conv1d() {
    }

    // ------------------------------------------------------------------ forward

    /** {@code y = conv(x, w) + bias}; bias may be null. */
    static void forward(WorkPool pool, Plan p, float[] x, int xo, float[] w, int wo, float[] bias, int bo,
                        float[] y, int yo) {
        if (p.pointwise() && p.lout() < SHORT_ROW && p.n() > 1) {
            pointwiseForwardOfShortRows(pool, p, x, xo, w, wo, bias, bo, y, yo);
            return;
        }
        int cols = p.columns();
        int[] bOff = p.inputOffsets();
        // Tasks: (sample, group, block of output rows, block of time). Wide layers split their rows,
        // and a pointwise convolution with few such tasks (one sample) also splits its time axis,
        // so that a single recording keeps every thread busy.
        int rowBlock = Math.min(p.coutG(), FORWARD_ROW_BLOCK);
        int rowBlocks = Math.ceilDiv(p.coutG(), rowBlock);
        int coarse = p.n() * p.groups() * rowBlocks;
        int timeBlock = p.readsInPlace() && coarse < FEW_TASKS ? FORWARD_TIME_BLOCK : p.lout();
        int timeBlocks = Math.ceilDiv(p.lout(), timeBlock);
        pool.run(coarse * timeBlocks, (task, scratch) -> {
            int ng = task / (rowBlocks * timeBlocks), n = ng / p.groups(), g = ng % p.groups();
            int o0 = g * p.coutG() + task / timeBlocks % rowBlocks * rowBlock;
            int rows = Math.min(rowBlock, (g + 1) * p.coutG() - o0);
            int t0 = task % timeBlocks * timeBlock, len = Math.min(timeBlock, p.lout() - t0);
            int xGroup = xo + (n * p.cin() + g * p.cinG()) * p.lin();
            float[] src = x;
            int srcBase = xGroup + t0;
            if (!p.readsInPlace()) {
                src = phaseRows(p, x, xGroup, scratch);
                srcBase = 0;
            }
            int yRows = yo + (n * p.cout() + o0) * p.lout() + t0;
            for (int o = 0; o < rows; o++) {
                int row = yRows + o * p.lout();
                Arrays.fill(y, row, row + len, bias == null ? 0f : bias[bo + o0 + o]);
            }
            // A = the weight rows [o0, o0 + rows): w[o][c·K + j] as a [rows, C_in/g · K] matrix.
            Gemm.panelSweep(w, wo + o0 * cols, cols, 1, rows, cols, src, srcBase, bOff, len, y, yRows, p.lout(),
                    scratch);
        });
    }

    /**
     * A pointwise forward of rows shorter than {@link #SHORT_ROW}: a block of samples side by side is
     * one product {@code W · [x[n0] x[n0+1] …]}, whose whole register tiles waste no lanes and whose
     * rows start at multiples of LANES. Tasks are (block of samples, group, and with few such tasks
     * a block of output rows); each copies its samples' input rows into scratch once, sweeps them
     * into a scratch output holding the bias, and copies each sample's part to y. The product runs
     * in blocks of input channels ({@link #sweepInDepthBlocks}); every output element is the same
     * chains of fused multiply-adds whatever block of samples and rows it falls in.
     */
    private static void pointwiseForwardOfShortRows(WorkPool pool, Plan p, float[] x, int xo, float[] w, int wo,
                                                    float[] bias, int bo, float[] y, int yo) {
        int lout = p.lout(), cinG = p.cinG();
        int samples = samplesSideBySide(p);
        int blocks = Math.ceilDiv(p.n(), samples);
        // A task sweeps all its group's rows over one copy of its samples' input, unless that leaves
        // too few tasks to share out.
        int rowBlock = Math.min(p.coutG(), FORWARD_ROW_BLOCK);
        int taskRows = blocks * p.groups() >= FEW_TASKS ? p.coutG() : rowBlock;
        int rowBlocks = Math.ceilDiv(p.coutG(), taskRows);
        int stride = Math.ceilDiv(samples * lout, LANES) * LANES;
        pool.run(blocks * p.groups() * rowBlocks, (task, scratch) -> {
            int block = task / (p.groups() * rowBlocks), g = task / rowBlocks % p.groups();
            int o0 = g * p.coutG() + task % rowBlocks * taskRows;
            int rows = Math.min(taskRows, (g + 1) * p.coutG() - o0);
            int n0 = block * samples, nb = Math.min(samples, p.n() - n0), len = nb * lout;
            // B: row c = the block's samples of input channel c, side by side; then room for a tile.
            float[] b = scratch.floats(Scratch.CONV_ROWS, cinG * stride + Gemm.TILE_COLUMNS);
            int[] bOff = scratch.ints(Scratch.CONV_ROWS, cinG);
            for (int c = 0; c < cinG; c++) {
                bOff[c] = c * stride;
                for (int s = 0; s < nb; s++) {
                    System.arraycopy(x, xo + ((n0 + s) * p.cin() + g * cinG + c) * lout, b, c * stride + s * lout, lout);
                }
            }
            float[] out = scratch.floats(Scratch.CONV_OUT, rows * stride);
            for (int o = 0; o < rows; o++) {
                Arrays.fill(out, o * stride, o * stride + len, bias == null ? 0f : bias[bo + o0 + o]);
            }
            for (int r0 = 0; r0 < rows; r0 += rowBlock) {
                sweepInDepthBlocks(w, wo + (o0 + r0) * cinG, cinG, Math.min(rowBlock, rows - r0), cinG, b, bOff, stride,
                        len, out, r0 * stride, scratch);
            }
            for (int s = 0; s < nb; s++) {
                for (int o = 0; o < rows; o++) {
                    System.arraycopy(out, o * stride + s * lout, y, yo + ((n0 + s) * p.cout() + o0 + o) * lout, lout);
                }
            }
        });
    }

    /**
     * Samples per block of a short-row sweep: enough for at least {@link #SHORT_ROW} steps, and of up
     * to twice that many the count whose steps fill the most of their register tiles (the last,
     * partial tile runs a narrower kernel and goes through scratch). Fewer when the batch is smaller.
     */
    private static int samplesSideBySide(Plan p) {
        int least = Math.ceilDiv(SHORT_ROW, p.lout());
        int best = least;
        double bestFill = 0;
        for (int s = least; s < 2 * least && s <= p.n(); s++) {
            int len = s * p.lout();
            double fill = (double) len / (Math.ceilDiv(len, Gemm.TILE_COLUMNS) * Gemm.TILE_COLUMNS);
            if (fill > bestFill) {
                best = s;
                bestFill = fill;
            }
        }
        return Math.min(p.n(), best);
    }

    /**
     * {@code out += A · B} for the short-row sweeps, whose B rows lie {@code stride} apart
     * ({@code bOff[c] = c·stride}) and whose output rows do too: {@link Gemm#panelSweep} over blocks
     * of at most {@link #DEPTH_BLOCK} columns, each added to the output in turn, so that a register
     * tile's columns of B and the rows of A it meets stay in L1 while every panel passes over them.
     * An output element is thus one chain of fused multiply-adds per block, the blocks added in
     * order: the same for every split of the work.
     */
    private static void sweepInDepthBlocks(float[] a, int aBase, int aRowStride, int rows, int cols, float[] b,
                                           int[] bOff, int stride, int len, float[] out, int outBase,
                                           Scratch scratch) {
        for (int c0 = 0; c0 < cols; c0 += DEPTH_BLOCK) {
            Gemm.panelSweep(a, aBase + c0, aRowStride, 1, rows, Math.min(DEPTH_BLOCK, cols - c0), b, c0 * stride, bOff,
                    len, out, outBase, stride, scratch);
        }
    }

    /**
     * The group's input rows, zero-padded and split into stride phases, in scratch:
     * phase r of channel c at {@code (c·s + r)·phaseLength}, element u = padded position s·u + r.
     */
    private static float[] phaseRows(Plan p, float[] x, int xGroup, Scratch scratch) {
        int s = p.stride(), len = p.phaseLength();
        float[] rows = scratch.floats(Scratch.CONV_ROWS, p.cinG() * s * len + Gemm.TILE_COLUMNS);
        for (int c = 0; c < p.cinG(); c++) {
            int src = xGroup + c * p.lin();
            int dst = c * s * len;
            if (s == 1) {
                Arrays.fill(rows, dst, dst + p.padLeft(), 0f);
                System.arraycopy(x, src, rows, dst + p.padLeft(), p.lin());
                Arrays.fill(rows, dst + p.padLeft() + p.lin(), dst + len, 0f);
            } else if (s == 2) {
                // Phase elements u in [uStart, uEnd) read x at 2u + r − padLeft, inside x for both phases.
                int uStart = Math.min(len, Math.ceilDiv(p.padLeft(), 2));
                int uEnd = Math.max(uStart, Math.min(len, (p.lin() + p.padLeft()) / 2));
                Stride2.split(x, src + 2 * uStart - p.padLeft(), uEnd - uStart, rows, dst + uStart, rows,
                        dst + len + uStart);
                phaseElements(p, x, src, rows, dst, 0, uStart);
                phaseElements(p, x, src, rows, dst, uEnd, len);
            } else {
                phaseElements(p, x, src, rows, dst, 0, len);
            }
        }
        return rows;
    }

    /** Phase elements {@code [from, to)} of every phase of one channel, read one by one (zero outside x). */
    private static void phaseElements(Plan p, float[] x, int src, float[] rows, int dst, int from, int to) {
        int s = p.stride(), len = p.phaseLength();
        for (int r = 0; r < s; r++) {
            for (int u = from; u < to; u++) {
                int i = s * u + r - p.padLeft();
                rows[dst + r * len + u] = i >= 0 && i < p.lin() ? x[src + i] : 0f;
            }
        }
    }

    // ------------------------------------------------------------------ backward-data

    /** {@code dx += ∂y/∂xᵀ · dy}. */
    static void backwardData(WorkPool pool, Plan p, float[] dy, int dyo, float[] w, int wo, float[] dx, int dxo) {
        int s = p.stride(), k = p.k();
        int maxShift = (k - 1) / s;
        int dyRow = p.pointwise() ? p.lout() : maxShift + p.phaseLength();
        // Per phase r: columns (o, tap j = r + i·s) reading shifted dy rows; rows = input channels.
        int[] phaseCols = new int[s];
        int[][] bOff = new int[s][];
        float[][] transposed = new float[s][];
        for (int r = 0; r < s; r++) {
            int taps = r < k ? (k - r + s - 1) / s : 0;
            phaseCols[r] = p.coutG() * taps;
            bOff[r] = new int[phaseCols[r]];
            for (int o = 0; o < p.coutG(); o++) {
                for (int i = 0; i < taps; i++) {
                    bOff[r][o * taps + i] = o * dyRow + (p.pointwise() ? 0 : maxShift - i);
                }
            }
            transposed[r] = transposedWeights(p, w, wo, r, taps);
        }
        if (p.pointwise() && p.lout() < SHORT_ROW && p.n() > 1) {
            pointwiseBackwardDataOfShortRows(pool, p, dy, dyo, transposed[0], dx, dxo);
            return;
        }
        pool.run(p.n() * p.groups(), (task, scratch) -> {
            int n = task / p.groups(), g = task % p.groups();
            int dyGroup = dyo + (n * p.cout() + g * p.coutG()) * p.lout();
            int dxGroup = dxo + (n * p.cin() + g * p.cinG()) * p.lin();
            float[] src = dy;
            int srcBase = dyGroup;
            if (!p.pointwise()) {
                src = paddedRows(dy, dyGroup, p.coutG(), p.lout(), maxShift, dyRow, scratch);
                srcBase = 0;
            }
            if (s == 1) {
                // Padded position u + padLeft is x's element u.
                Gemm.panelSweep(transposed[0], g * p.cinG() * phaseCols[0], phaseCols[0], 1, p.cinG(), phaseCols[0],
                        src, srcBase + p.padLeft(), bOff[0], p.lin(), dx, dxGroup, p.lin(), scratch);
                return;
            }
            // Each phase r into its own rows (c at phaseAt[r] + c·count[r]), then interleaved into dx.
            int[] uLo = new int[s], count = new int[s], phaseAt = new int[s + 1];
            for (int r = 0; r < s; r++) {
                // Phase positions u whose padded position s·u + r falls inside x: [uLo, uLo + count).
                uLo[r] = Math.max(0, Math.ceilDiv(p.padLeft() - r, s));
                count[r] = phaseCols[r] == 0 ? 0 : Math.max(0, Math.ceilDiv(p.padLeft() + p.lin() - r, s) - uLo[r]);
                phaseAt[r + 1] = phaseAt[r] + p.cinG() * count[r];
            }
            float[] phase = scratch.floats(Scratch.CONV_OUT, phaseAt[s]);
            Arrays.fill(phase, 0, phaseAt[s], 0f);
            for (int r = 0; r < s; r++) {
                if (count[r] > 0) {
                    Gemm.panelSweep(transposed[r], g * p.cinG() * phaseCols[r], phaseCols[r], 1, p.cinG(),
                            phaseCols[r], src, srcBase + uLo[r], bOff[r], count[r], phase, phaseAt[r], count[r], scratch);
                }
            }
            for (int c = 0; c < p.cinG(); c++) {
                int row = dxGroup + c * p.lin() - p.padLeft();
                int both = 0, bothEnd = 0;
                if (s == 2 && count[0] > 0 && count[1] > 0) {
                    // Padded positions 2U, 2U + 1 for U in [both, bothEnd) lie inside x for both phases.
                    both = Math.max(uLo[0], uLo[1]);
                    bothEnd = Math.max(both, Math.min(uLo[0] + count[0], uLo[1] + count[1]));
                    Stride2.zipAdd(phase, phaseAt[0] + c * count[0] + both - uLo[0], phase,
                            phaseAt[1] + c * count[1] + both - uLo[1], bothEnd - both, dx, row + 2 * both);
                }
                for (int r = 0; r < s; r++) {
                    int from = phaseAt[r] + c * count[r] - uLo[r];
                    for (int u = uLo[r]; u < uLo[r] + count[r]; u++) {
                        if (u < both || u >= bothEnd) {
                            dx[row + s * u + r] += phase[from + u];
                        }
                    }
                }
            }
        });
    }

    /**
     * The pointwise backward-data of rows shorter than {@link #SHORT_ROW}, several samples side by
     * side as in {@link #pointwiseForwardOfShortRows}: {@code dx += Wᵀ · [dy[n0] dy[n0+1] …]} through a
     * zeroed scratch output. {@code wt}: per group the row-major [C_in/g, C_out/g] transposed weights.
     */
    private static void pointwiseBackwardDataOfShortRows(WorkPool pool, Plan p, float[] dy, int dyo, float[] wt,
                                                         float[] dx, int dxo) {
        int lout = p.lout(), coutG = p.coutG(), cinG = p.cinG();
        int samples = samplesSideBySide(p);
        int blocks = Math.ceilDiv(p.n(), samples);
        int stride = Math.ceilDiv(samples * lout, LANES) * LANES;
        pool.run(blocks * p.groups(), (task, scratch) -> {
            int block = task / p.groups(), g = task % p.groups();
            int n0 = block * samples, nb = Math.min(samples, p.n() - n0), len = nb * lout;
            float[] b = scratch.floats(Scratch.CONV_ROWS, coutG * stride + Gemm.TILE_COLUMNS);
            int[] bOff = scratch.ints(Scratch.CONV_ROWS, coutG);
            for (int o = 0; o < coutG; o++) {
                bOff[o] = o * stride;
                for (int s = 0; s < nb; s++) {
                    System.arraycopy(dy, dyo + ((n0 + s) * p.cout() + g * coutG + o) * lout, b, o * stride + s * lout,
                            lout);
                }
            }
            float[] out = scratch.floats(Scratch.CONV_OUT, cinG * stride);
            Arrays.fill(out, 0, cinG * stride, 0f);
            sweepInDepthBlocks(wt, g * cinG * coutG, coutG, cinG, coutG, b, bOff, stride, len, out, 0, scratch);
            for (int s = 0; s < nb; s++) {
                for (int c = 0; c < cinG; c++) {
                    Elementwise.addInto(out, c * stride + s * lout, dx, dxo + ((n0 + s) * p.cin() + g * cinG + c) * lout,
                            lout);
                }
            }
        });
    }

    /**
     * Per group, the backward-data matrix of phase r, row-major: row c (input channel), column
     * (o, i) = {@code w[o][c][r + i·s]}; group g's matrix starts at {@code g·C_in/g·columns}.
     */
    private static float[] transposedWeights(Plan p, float[] w, int wo, int r, int taps) {
        int cols = p.coutG() * taps, k = p.k();
        float[] out = new float[p.groups() * p.cinG() * cols];
        for (int g = 0; g < p.groups(); g++) {
            for (int c = 0; c < p.cinG(); c++) {
                int row = (g * p.cinG() + c) * cols;
                for (int o = 0; o < p.coutG(); o++) {
                    int wRow = wo + ((g * p.coutG() + o) * p.cinG() + c) * k + r;
                    for (int i = 0; i < taps; i++) {
                        out[row + o * taps + i] = w[wRow + i * p.stride()];
                    }
                }
            }
        }
        return out;
    }

    /** {@code rows} rows of {@code len} elements, each placed at {@code shift} in a zero row of {@code stride}. */
    private static float[] paddedRows(float[] src, int srcBase, int rows, int len, int shift, int stride,
                                      Scratch scratch) {
        float[] out = scratch.floats(Scratch.CONV_ROWS, rows * stride + Gemm.TILE_COLUMNS);
        for (int r = 0; r < rows; r++) {
            int dst = r * stride;
            Arrays.fill(out, dst, dst + shift, 0f);
            System.arraycopy(src, srcBase + r * len, out, dst + shift, len);
            Arrays.fill(out, dst + shift + len, dst + stride, 0f);
        }
        return out;
    }

    // ------------------------------------------------------------------ backward-weight

    /** {@code dw += Σ_n,t dy ⊗ x_window}, {@code dbias += Σ_n,t dy} (dbias may be null). */
    static void backwardWeight(WorkPool pool, Plan p, float[] dy, int dyo, float[] x, int xo, float[] dw, int dwo,
                               float[] dbias, int dbo) {
        if (p.k() >= TAP_KERNEL_MIN_TAPS) {
            tapBackwardWeight(pool, p, dy, dyo, x, xo, dw, dwo, dbias, dbo);
        } else if (p.pointwise() && Math.min(p.cinG(), p.coutG()) >= Gemm.TILE_COLUMNS
                && Math.max(p.cinG(), p.coutG()) >= 2 * Gemm.TILE_COLUMNS) {
            transposedPointwiseBackwardWeight(pool, p, dy, dyo, x, xo, dw, dwo, dbias, dbo);
        } else if (p.pointwise()) {
            pointwiseBackwardWeight(pool, p, dy, dyo, x, xo, dw, dwo, dbias, dbo);
        } else {
            dotBackwardWeight(pool, p, dy, dyo, x, xo, dw, dwo, dbias, dbo);
        }
    }

    /**
     * The weight gradient with the taps in vector lanes ({@link Gemm#tapSweep}):
     * {@code dw[o][c][j…j+LANES) += Σ_t dy[o][t] · xPadded[c][s·t + j …]}. A kernel of K taps takes
     * ⌈K/LANES⌉ tap vectors per input channel; the columns of the tap kernel are the pairs (channel, tap
     * vector). Tasks are (group, tile of 4 output channels); each walks the samples in order, reads
     * the group's input rows zero-padded (in place when there is no padding and every tap vector is
     * whole) and keeps one sum per weight in scratch until it adds them to dw.
     */
    private static void tapBackwardWeight(WorkPool pool, Plan p, float[] dy, int dyo, float[] x, int xo, float[] dw,
                                          int dwo, float[] dbias, int dbo) {
        int k = p.k(), blocks = Math.ceilDiv(k, LANES);
        int paddedLength = p.lin() + p.padLeft() + p.padRight();
        // The last tap vector reads kPad − K elements past a window: room for them after each row.
        int rowLength = paddedLength + blocks * LANES - k;
        boolean inPlace = rowLength == p.lin();
        int columns = p.cinG() * blocks;
        int accRow = Math.ceilDiv(columns, Gemm.ROWS) * Gemm.ROWS * LANES;
        int tiles = Math.ceilDiv(p.coutG(), Gemm.ROWS);
        pool.run(p.groups() * tiles, (task, scratch) -> {
            int g = task / tiles;
            int o0 = g * p.coutG() + task % tiles * Gemm.ROWS;
            int rows = Math.min(Gemm.ROWS, (g + 1) * p.coutG() - o0);
            int biasAt = Gemm.ROWS * accRow;
            float[] acc = scratch.floats(Scratch.LANES, biasAt + Gemm.ROWS * LANES);
            Arrays.fill(acc, 0, biasAt + Gemm.ROWS * LANES, 0f);
            for (int n = 0; n < p.n(); n++) {
                int xGroup = xo + (n * p.cin() + g * p.cinG()) * p.lin();
                float[] src = inPlace ? x : paddedRows(x, xGroup, p.cinG(), p.lin(), p.padLeft(), rowLength, scratch);
                int srcBase = inPlace ? xGroup : 0;
                int a0 = dyo + (n * p.cout() + o0) * p.lout();
                int a1 = a0 + Math.min(1, rows - 1) * p.lout(), a2 = a0 + Math.min(2, rows - 1) * p.lout();
                int a3 = a0 + (rows - 1) * p.lout();
                for (int q = 0; q < columns; q += Gemm.ROWS) {
                    int last = Math.min(columns, q + Gemm.ROWS) - 1;
                    Gemm.tapSweep(dy, a0, a1, a2, a3, src, srcBase + tapColumn(q, blocks, rowLength),
                            srcBase + tapColumn(Math.min(q + 1, last), blocks, rowLength),
                            srcBase + tapColumn(Math.min(q + 2, last), blocks, rowLength),
                            srcBase + tapColumn(last, blocks, rowLength), p.stride(), p.lout(), acc, q * LANES, accRow,
                            LANES);
                }
                if (dbias != null) {
                    for (int r = 0; r < rows; r++) {
                        addRowLanes(dy, a0 + r * p.lout(), p.lout(), acc, biasAt + r * LANES);
                    }
                }
            }
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < p.cinG(); c++) {
                    int wRow = dwo + ((o0 + r) * p.cinG() + c) * k, from = r * accRow + c * blocks * LANES;
                    for (int j = 0; j < k; j++) {
                        dw[wRow + j] += acc[from + j];
                    }
                }
                if (dbias != null) {
                    dbias[dbo + o0 + r] += VectorMath.sumLanes(acc, biasAt + r * LANES);
                }
            }
        });
    }

    /** Where tap-kernel column (channel c, tap vector b) = {@code column} starts in the input rows. */
    private static int tapColumn(int column, int blocks, int rowLength) {
        return column / blocks * rowLength + column % blocks * LANES;
    }

    /**
     * The weight gradient of a pointwise convolution whose groups have at least a register tile of
     * channels on one side and two on the other (enough products per element to pay for a
     * transposition), on the tap kernel: the operand with fewer channels is transposed, per
     * sample, to {@code [t][channel]}, and {@code dw[o][c…c+LANES) += Σ_t dy[o][t] · xᵀ[t][c…c+LANES)}
     * (or the same for dwᵀ with dy transposed) runs with the sums in registers along each sample's
     * time axis, no horizontal reduction and no tail. Tasks are (group, chunk of samples whose
     * transposed rows fit in L2); each adds its samples in order into its own partial result, and the
     * partials are added to dw chunk by chunk, so the order of every sum is fixed by the shape.
     */
    private static void transposedPointwiseBackwardWeight(WorkPool pool, Plan p, float[] dy, int dyo, float[] x,
                                                          int xo, float[] dw, int dwo, float[] dbias, int dbo) {
        boolean transposeX = p.cinG() <= p.coutG();
        // A: the operand read in place, one broadcast row per channel; B: the transposed one, channels in lanes.
        int rowsA = transposeX ? p.coutG() : p.cinG(), channelsB = transposeX ? p.cinG() : p.coutG();
        int rowsPadded = Math.ceilDiv(rowsA, Gemm.ROWS) * Gemm.ROWS;
        int width = Math.ceilDiv(channelsB, Gemm.TILE_COLUMNS) * Gemm.TILE_COLUMNS;
        int lout = p.lout();
        int chunk = Math.max(1, Math.min(Math.ceilDiv(p.n(), MIN_CHUNKS), CHUNK_FLOATS / (width * lout)));
        int chunks = Math.ceilDiv(p.n(), chunk);
        int weights = p.cout() * p.cinG();
        float[] partial = new float[chunks * (weights + p.cout())];
        pool.run(p.groups() * chunks, (task, scratch) -> {
            int g = task / chunks, ck = task % chunks;
            int n0 = ck * chunk, samples = Math.min(chunk, p.n() - n0);
            // Sums: (row of A, lane of B) at row·width + lane, then one vector per output channel for the bias.
            int accLength = rowsPadded * width + p.coutG() * LANES;
            float[] acc = scratch.floats(Scratch.LANES, accLength);
            Arrays.fill(acc, 0, accLength, 0f);
            float[] rowsT = scratch.floats(Scratch.CONV_ROWS, lout * width);
            for (int n = n0; n < n0 + samples; n++) {
                int xRows = xo + (n * p.cin() + g * p.cinG()) * lout, dyRows = dyo + (n * p.cout() + g * p.coutG()) * lout;
                float[] a = transposeX ? dy : x, b = transposeX ? x : dy;
                int aRows = transposeX ? dyRows : xRows, bRows = transposeX ? xRows : dyRows;
                // rowsT[t][ch] = b[ch][t], a vector's worth of channels at a time (one cache line written per t,
                // LANES rows read in step); the lanes past channelsB hold stale values and feed ignored sums.
                for (int ch0 = 0; ch0 < channelsB; ch0 += LANES) {
                    int chEnd = Math.min(channelsB, ch0 + LANES);
                    for (int t = 0; t < lout; t++) {
                        int to = t * width, from = bRows + t;
                        for (int ch = ch0; ch < chEnd; ch++) {
                            rowsT[to + ch] = b[from + ch * lout];
                        }
                    }
                }
                for (int r = 0; r < rowsA; r += Gemm.ROWS) {
                    int last = Math.min(Gemm.ROWS, rowsA - r) - 1;
                    int a0 = aRows + r * lout;
                    for (int v = 0; v < width; v += Gemm.TILE_COLUMNS) {
                        Gemm.tapSweep(a, a0, a0 + Math.min(1, last) * lout, a0 + Math.min(2, last) * lout,
                                a0 + last * lout, rowsT, v, v + LANES, v + 2 * LANES, v + 3 * LANES, width, lout, acc,
                                r * width + v, width, LANES);
                    }
                }
                if (dbias != null) {
                    for (int o = 0; o < p.coutG(); o++) {
                        addRowLanes(dy, dyRows + o * lout, lout, acc, rowsPadded * width + o * LANES);
                    }
                }
            }
            int at = ck * (weights + p.cout());
            for (int o = 0; o < p.coutG(); o++) {
                for (int c = 0; c < p.cinG(); c++) {
                    partial[at + (g * p.coutG() + o) * p.cinG() + c] = transposeX ? acc[o * width + c] : acc[c * width + o];
                }
                if (dbias != null) {
                    partial[at + weights + g * p.coutG() + o] = VectorMath.sumLanes(acc, rowsPadded * width + o * LANES);
                }
            }
        });
        addPartials(pool, p, partial, chunks, dw, dwo, dbias, dbo);
    }

    /** {@code dw += Σ_chunk partial[chunk]} (and the bias), chunk by chunk: partial[chunk] = [C_out·C_in/g weights, C_out biases]. */
    private static void addPartials(WorkPool pool, Plan p, float[] partial, int chunks, float[] dw, int dwo,
                                    float[] dbias, int dbo) {
        int cinG = p.cinG(), weights = p.cout() * cinG;
        pool.run(p.cout(), (o, scratch) -> {
            for (int ck = 0; ck < chunks; ck++) {
                int at = ck * (weights + p.cout());
                for (int c = 0; c < cinG; c++) {
                    dw[dwo + o * cinG + c] += partial[at + o * cinG + c];
                }
                if (dbias != null) {
                    dbias[dbo + o] += partial[at + weights + o];
                }
            }
        });
    }

    /**
     * The weight gradient of a pointwise convolution, {@code dw[o][c] = Σ_n Σ_t dy[n][o][t] · x[n][c][t]}: a
     * matrix product whose inner dimension is every (sample, step). Tasks are (group, block of 16
     * output channels, chunk of samples), a chunk small enough that its rows of x and dy stay in L2
     * while every 4 × 4 tile of the block sweeps them ({@link Gemm#dotSweep}, the samples inside the
     * kernel, each row's last {@code lout mod LANES} elements gathered into zero-padded vectors once
     * per call). Each task leaves its lane sums, added up in order, in its own slice of a partial
     * result; the partials are then added to dw chunk by chunk. The order of every sum is fixed by
     * the shape.
     */
    private static void pointwiseBackwardWeight(WorkPool pool, Plan p, float[] dy, int dyo, float[] x, int xo,
                                                float[] dw, int dwo, float[] dbias, int dbo) {
        int lout = p.lout(), cinG = p.cinG();
        int full = F.loopBound(lout);
        float[] dyTails = full < lout ? tails(pool, dy, dyo, p.n(), p.cout(), lout, full) : null;
        float[] xTails = full < lout ? tails(pool, x, xo, p.n(), p.cin(), lout, full) : null;
        int rowBlock = Math.min(WEIGHT_ROW_BLOCK, Math.ceilDiv(p.coutG(), Gemm.ROWS) * Gemm.ROWS);
        int rowBlocks = Math.ceilDiv(p.coutG(), rowBlock);
        int chunk = Math.max(1, CHUNK_FLOATS / ((cinG + rowBlock) * lout));
        int chunks = Math.ceilDiv(p.n(), chunk);
        int colsPadded = Math.ceilDiv(cinG, Gemm.ROWS) * Gemm.ROWS;
        // partial[chunk][o][c], then partial bias [chunk][o]
        int weights = p.cout() * cinG;
        float[] partial = new float[chunks * (weights + p.cout())];
        pool.run(p.groups() * rowBlocks * chunks, (task, scratch) -> {
            int ck = task % chunks, block = task / chunks, g = block / rowBlocks;
            int o0 = g * p.coutG() + block % rowBlocks * rowBlock;
            int rows = Math.min(rowBlock, (g + 1) * p.coutG() - o0);
            int n0 = ck * chunk, samples = Math.min(chunk, p.n() - n0);
            // Lane accumulators: (row r, column c) at (r·colsPadded + c)·LANES, then one per row for the bias.
            int biasLanes = rowBlock * colsPadded * LANES;
            float[] lanes = scratch.floats(Scratch.LANES, biasLanes + rowBlock * LANES);
            Arrays.fill(lanes, 0, biasLanes + rowBlock * LANES, 0f);
            int dySample = p.cout() * lout, xSample = p.cin() * lout;
            for (int q = 0; q < cinG; q += Gemm.ROWS) {
                int c0 = g * cinG + q;
                int q1 = Math.min(q + 1, cinG - 1) - q, q2 = Math.min(q + 2, cinG - 1) - q;
                int q3 = Math.min(q + 3, cinG - 1) - q;
                int b0 = xo + (n0 * p.cin() + c0) * lout;
                for (int r = 0; r < rows; r += Gemm.ROWS) {
                    int last = Math.min(Gemm.ROWS, rows - r) - 1;
                    int a0 = dyo + (n0 * p.cout() + o0 + r) * lout;
                    int acc = (r * colsPadded + q) * LANES;
                    Gemm.dotSweep(dy, a0, a0 + Math.min(1, last) * lout, a0 + Math.min(2, last) * lout,
                            a0 + last * lout, dySample, x, b0, b0 + q1 * lout, b0 + q2 * lout, b0 + q3 * lout, xSample,
                            samples, full, lanes, acc, colsPadded);
                    if (dyTails != null) {
                        int ta = (n0 * p.cout() + o0 + r) * LANES, tb = (n0 * p.cin() + c0) * LANES;
                        Gemm.dotVectors(dyTails, ta, ta + Math.min(1, last) * LANES, ta + Math.min(2, last) * LANES,
                                ta + last * LANES, p.cout() * LANES, xTails, tb, tb + q1 * LANES, tb + q2 * LANES,
                                tb + q3 * LANES, p.cin() * LANES, samples, LANES, lanes, acc, colsPadded);
                    }
                }
            }
            int at = ck * (weights + p.cout());
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cinG; c++) {
                    partial[at + (o0 + r) * cinG + c] = VectorMath.sumLanes(lanes, (r * colsPadded + c) * LANES);
                }
            }
            if (dbias != null) {
                for (int n = n0; n < n0 + samples; n++) {
                    for (int r = 0; r < rows; r++) {
                        addRowLanes(dy, dyo + (n * p.cout() + o0 + r) * lout, lout, lanes, biasLanes + r * LANES);
                    }
                }
                for (int r = 0; r < rows; r++) {
                    partial[at + weights + o0 + r] = VectorMath.sumLanes(lanes, biasLanes + r * LANES);
                }
            }
        });
        addPartials(pool, p, partial, chunks, dw, dwo, dbias, dbo);
    }

    /**
     * The weight gradient as dot products along time ({@link Gemm#dotSweep}), for short kernels that
     * are not pointwise: {@code dw[o][c][j] = Σ_n Σ_t dy[n][o][t] · phase(c, j)[t + j/s]}. Tasks are
     * (group, panel of 4 output channels); each walks the samples in order, builds their phase rows
     * and keeps lane-wise partial sums across them, so the summation order is fixed by the shape.
     */
    private static void dotBackwardWeight(WorkPool pool, Plan p, float[] dy, int dyo, float[] x, int xo, float[] dw,
                                          int dwo, float[] dbias, int dbo) {
        int cols = p.columns();
        int colsPadded = Math.ceilDiv(cols, Gemm.ROWS) * Gemm.ROWS;
        int[] bOff = p.inputOffsets();
        int panels = Math.ceilDiv(p.coutG(), Gemm.ROWS);
        pool.run(p.groups() * panels, (task, scratch) -> {
            int g = task / panels;
            int o0 = g * p.coutG() + task % panels * Gemm.ROWS;
            int rows = Math.min(Gemm.ROWS, (g + 1) * p.coutG() - o0);
            // Lane accumulators: (row r, column) at (r·colsPadded + column)·LANES, then one per row for the bias.
            int biasLanes = Gemm.ROWS * colsPadded * LANES;
            float[] lanes = scratch.floats(Scratch.LANES, biasLanes + Gemm.ROWS * LANES);
            Arrays.fill(lanes, 0, biasLanes + Gemm.ROWS * LANES, 0f);
            int r1 = Math.min(1, rows - 1), r2 = Math.min(2, rows - 1), r3 = rows - 1;
            for (int n = 0; n < p.n(); n++) {
                float[] src = phaseRows(p, x, xo + (n * p.cin() + g * p.cinG()) * p.lin(), scratch);
                int a0 = dyo + (n * p.cout() + o0) * p.lout();
                for (int q = 0; q < cols; q += Gemm.ROWS) {
                    int q1 = Math.min(q + 1, cols - 1), q2 = Math.min(q + 2, cols - 1), q3 = Math.min(q + 3, cols - 1);
                    Gemm.dotSweep(dy, a0, a0 + r1 * p.lout(), a0 + r2 * p.lout(), a0 + r3 * p.lout(), 0, src, bOff[q],
                            bOff[q1], bOff[q2], bOff[q3], 0, 1, p.lout(), lanes, q * LANES, colsPadded);
                }
                if (dbias != null) {
                    for (int r = 0; r < rows; r++) {
                        addRowLanes(dy, a0 + r * p.lout(), p.lout(), lanes, biasLanes + r * LANES);
                    }
                }
            }
            for (int r = 0; r < rows; r++) {
                int wRow = dwo + (o0 + r) * cols;
                for (int col = 0; col < cols; col++) {
                    dw[wRow + col] += VectorMath.sumLanes(lanes, (r * colsPadded + col) * LANES);
                }
                if (dbias != null) {
                    dbias[dbo + o0 + r] += VectorMath.sumLanes(lanes, biasLanes + r * LANES);
                }
            }
        });
    }

    /**
     * The elements {@code [full, len)} of each of the {@code n·channels} rows of {@code a}, row i at
     * {@code i·LANES} of the result, zero-padded to a vector (so that element t of a row lands in lane
     * t mod LANES, as in the row's own vectors).
     */
    private static float[] tails(WorkPool pool, float[] a, int ao, int n, int channels, int len, int full) {
        float[] out = new float[n * channels * LANES];
        pool.run(n, (sample, scratch) -> {
            for (int c = 0; c < channels; c++) {
                int row = sample * channels + c;
                System.arraycopy(a, ao + row * len + full, out, row * LANES, len - full);
            }
        });
        return out;
    }

    /** {@code lanes[at …] +=} the lane-wise partial sums of {@code a[from … from + len)}. */
    private static void addRowLanes(float[] a, int from, int len, float[] lanes, int at) {
        FloatVector acc = FloatVector.fromArray(F, lanes, at);
        int t = 0;
        for (; t + LANES <= len; t += LANES) {
            acc = acc.add(FloatVector.fromArray(F, a, from + t));
        }
        if (t < len) {
            VectorMask<Float> m = F.indexInRange(t, len);
            acc = acc.add(FloatVector.fromArray(F, a, from + t, m));
        }
        acc.intoArray(lanes, at);
    }
}
