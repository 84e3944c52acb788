package org.jclef.tensor.simd;

import java.util.Arrays;
import org.jclef.tensor.AdamStep;
import org.jclef.tensor.AxisWindow;
import org.jclef.tensor.Backend;
import org.jclef.tensor.BinaryOp;
import org.jclef.tensor.Conv1dGeometry;
import org.jclef.tensor.DType;
import org.jclef.tensor.MatmulShape;
import org.jclef.tensor.OpChecks;
import org.jclef.tensor.Pool1dGeometry;
import org.jclef.tensor.ReduceOp;
import org.jclef.tensor.ScalarBackend;
import org.jclef.tensor.Shapes;
import org.jclef.tensor.Tensor;
import org.jclef.tensor.UnaryOp;

/**
 * The Vector API backend: float32 kernels on {@code FloatVector.SPECIES_PREFERRED} (16 lanes with
 * AVX-512), run on a fixed pool of threads.
 *
 * <p><b>Determinism.</b> Every call cuts its work into tasks by the shapes alone, and each output
 * element is computed by one task in an order fixed by the shapes, so results are bitwise identical
 * for any thread count. The kernels use only correctly rounded operations (no platform-dependent
 * transcendental intrinsics; see {@link VectorMath}), so they also agree before and after JIT
 * compilation.
 *
 * <p><b>Precision.</b> F32 operands are computed in float (sums in float with fused multiply-adds,
 * several partial sums per output); results differ from the double-precision {@link ScalarBackend}
 * by float rounding only. F64 tensors, the verification dtype, are delegated to a
 * {@link ScalarBackend}.
 *
 * <p>Operation map: {@link Elementwise} (unary, binary with broadcasting, affine, power),
 * {@link Reductions} (reduce, addReduced), {@link Matmul} and {@link Conv1d} on the {@link Gemm}
 * micro-kernels, {@link Pooling} and the stride-2 layout changes of {@link Stride2}, {@link Adam};
 * fill, copy and pad/narrow are array copies.
 *
 * <p><b>Keeping the kernels compiled.</b> A Vector API kernel is fast only once C2 has compiled it
 * with its intrinsics; before that, and in C1 code, every vector operation runs the API's Java
 * fallback, a hundred times slower. Two things have been seen to keep a kernel there: a method too
 * large for C1's profiling tier ("out of virtual registers"; masked loads inflate it most), which
 * can leave it at tier 2 for a whole run, and vectors passed to a method C2 does not inline, which
 * makes it box them on every iteration. Hence the kernels' shape: register tiles without masked
 * loads, partial tiles through scratch copies or scalar tails, and no helper calls taking vectors.
 */
public final class SimdBackend implements Backend {
    private final ScalarBackend f64 = new ScalarBackend();
    private final WorkPool pool;

    /** A backend whose kernels run on {@code threads} threads (the caller's included). */
    public SimdBackend(int threads) {
        this.pool = new WorkPool(threads);
    }

    @Override
    public String name() {
        return "simd";
    }

    /** Threads the kernels run on. */
    public int threads() {
        return pool.threads();
    }

    /** Floats per vector register: {@code FloatVector.SPECIES_PREFERRED.length()}. */
    public static int vectorLength() {
        return VectorMath.LANES;
    }

    /** The vector width and thread count, e.g. "512-bit vectors, 16 float lanes, 2 threads". */
    public String configuration() {
        return VectorMath.F.vectorBitSize() + "-bit vectors, " + vectorLength() + " float lanes, " + threads()
                + " threads";
    }

    @Override
    public String toString() {
        return "simd (" + configuration() + ")";
    }

    // ------------------------------------------------------------------ elementwise

    @Override
    public void unary(UnaryOp op, Tensor x, Tensor out) {
        if (anyF64(x, out)) {
            f64.unary(op, x, out);
            return;
        }
        OpChecks.requireSameShape("unary " + op, x, out);
        float[] xa = x.floats(), ya = out.floats();
        int xo = x.offset(), yo = out.offset();
        forChunks(x.size(), (from, to) -> Elementwise.unary(op, xa, xo, ya, yo, from, to));
    }

    @Override
    public void unaryBackward(UnaryOp op, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        if (anyF64(x, y, dy, dx)) {
            f64.unaryBackward(op, x, y, dy, dx);
            return;
        }
        OpChecks.requireSameShape("unaryBackward " + op, x, y);
        OpChecks.requireSameShape("unaryBackward " + op, x, dy);
        OpChecks.requireSameShape("unaryBackward " + op, x, dx);
        float[] xa = x.floats(), ya = y.floats(), ga = dy.floats(), da = dx.floats();
        int xo = x.offset(), yo = y.offset(), go = dy.offset(), dxo = dx.offset();
        forChunks(x.size(), (from, to) -> Elementwise.unaryBackward(op, xa, xo, ya, yo, ga, go, da, dxo, from, to));
    }

    @Override
    public void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        if (anyF64(a, b, out)) {
            f64.binary(op, a, b, out);
            return;
        }
        int[] shape = OpChecks.binary(op, a, b, out);
        Coalesced space = Coalesced.of(shape, Shapes.broadcastStrides(a.shape(), shape),
                Shapes.broadcastStrides(b.shape(), shape), Shapes.strides(shape));
        int len = space.rowLength();
        int sa = space.strides()[0][space.rank() - 1], sb = space.strides()[1][space.rank() - 1];
        float[] aa = a.floats(), ba = b.floats(), oa = out.floats();
        int ao = a.offset(), bo = b.offset(), oo = out.offset();
        // A task is a run of whole rows, or one segment of a long row.
        int segments = Math.max(1, Matmul.ceilDiv(len, Elementwise.CHUNK));
        int segment = Matmul.ceilDiv(len, segments);
        int rowsPerTask = segments > 1 ? 1 : Math.max(1, Elementwise.CHUNK / Math.max(1, len));
        int rows = space.rows();
        int tasks = segments > 1 ? rows * segments : Matmul.ceilDiv(rows, rowsPerTask);
        pool.run(tasks, (task, scratch) -> {
            int firstRow = segments > 1 ? task / segments : task * rowsPerTask;
            int lastRow = segments > 1 ? firstRow + 1 : Math.min(rows, firstRow + rowsPerTask);
            int from = segments > 1 ? task % segments * segment : 0;
            int to = segments > 1 ? Math.min(len, from + segment) : len;
            for (int row = firstRow; row < lastRow; row++) {
                Elementwise.binaryRow(op, aa, ao + space.rowOffset(0, row) + from * sa, sa,
                        ba, bo + space.rowOffset(1, row) + from * sb, sb,
                        oa, oo + space.rowOffset(2, row) + from, to - from);
            }
        });
    }

    @Override
    public void affine(Tensor x, double scale, double shift, Tensor out) {
        if (anyF64(x, out)) {
            f64.affine(x, scale, shift, out);
            return;
        }
        OpChecks.requireSameShape("affine", x, out);
        float[] xa = x.floats(), ya = out.floats();
        int xo = x.offset(), yo = out.offset();
        float s = (float) scale, h = (float) shift;
        forChunks(x.size(), (from, to) -> Elementwise.affine(xa, xo, s, h, ya, yo, from, to));
    }

    @Override
    public void powScalar(Tensor x, double exponent, Tensor out) {
        if (anyF64(x, out)) {
            f64.powScalar(x, exponent, out);
            return;
        }
        OpChecks.requireSameShape("powScalar", x, out);
        float[] xa = x.floats(), ya = out.floats();
        int xo = x.offset(), yo = out.offset();
        forChunks(x.size(), (from, to) -> Elementwise.power(xa, xo, exponent, ya, yo, from, to));
    }

    @Override
    public void fill(Tensor out, double value) {
        out.fill(value);
    }

    @Override
    public void copy(Tensor src, Tensor dst) {
        if (anyF64(src, dst)) {
            f64.copy(src, dst);
            return;
        }
        OpChecks.requireSameShape("copy", src, dst);
        System.arraycopy(src.floats(), src.offset(), dst.floats(), dst.offset(), src.size());
    }

    // ------------------------------------------------------------------ reductions

    @Override
    public void reduce(ReduceOp op, Tensor x, int axis, Tensor out) {
        if (anyF64(x, out)) {
            f64.reduce(op, x, axis, out);
            return;
        }
        int[] d = OpChecks.reduce(op, x, axis, out);
        int outer = d[0], n = d[1], inner = d[2];
        float[] xa = x.floats(), ya = out.floats();
        int xo = x.offset(), yo = out.offset();
        if (inner == 1) {
            int linesPerTask = Math.max(1, Elementwise.CHUNK / Math.max(1, n));
            pool.run(Matmul.ceilDiv(outer, linesPerTask), (task, scratch) -> {
                float[] lanes = scratch.floats(Scratch.LANE_SUM, VectorMath.LANES);
                int end = Math.min(outer, (task + 1) * linesPerTask);
                for (int o = task * linesPerTask; o < end; o++) {
                    ya[yo + o] = Reductions.reduceLine(op, xa, xo + o * n, n, lanes);
                }
            });
        } else {
            int columns = Math.max(VectorMath.LANES, Elementwise.CHUNK / Math.max(1, n));
            int segments = Matmul.ceilDiv(inner, columns);
            pool.run(outer * segments, (task, scratch) -> {
                float[] lanes = scratch.floats(Scratch.LANE_SUM, VectorMath.LANES);
                int o = task / segments, from = task % segments * columns;
                Reductions.reduceRows(op, xa, xo + o * n * inner, n, inner, ya, yo + o * inner, from,
                        Math.min(inner, from + columns), lanes);
            });
        }
    }

    @Override
    public void addReduced(Tensor x, Tensor out) {
        if (anyF64(x, out)) {
            f64.addReduced(x, out);
            return;
        }
        OpChecks.addReduced(x, out);
        if (x.size() == out.size()) {
            // Nothing to reduce: a plain accumulation, cut into chunks like any elementwise operation.
            float[] xa = x.floats(), oa = out.floats();
            int xo = x.offset(), oo = out.offset();
            forChunks(x.size(), (from, to) -> Elementwise.addInto(xa, xo + from, oa, oo + from, to - from));
            return;
        }
        int[] shape = x.shape();
        Coalesced space = Coalesced.of(shape, Shapes.strides(shape), Shapes.broadcastStrides(out.shape(), shape));
        Reductions.AddReducedPlan plan = Reductions.AddReducedPlan.of(space);
        float[] xa = x.floats(), oa = out.floats();
        int xo = x.offset(), oo = out.offset();
        int unitsPerTask = (int) Math.max(1, Elementwise.CHUNK / Math.max(1, plan.unitSize()));
        pool.run(Matmul.ceilDiv(plan.units(), unitsPerTask), (task, scratch) -> Reductions.addReduced(plan, xa, xo,
                oa, oo, task * unitsPerTask, Math.min(plan.units(), (task + 1) * unitsPerTask), scratch));
    }

    // ------------------------------------------------------------------ linear algebra

    @Override
    public void matmul(Tensor a, boolean transposeA, Tensor b, boolean transposeB, Tensor c, boolean accumulate) {
        if (anyF64(a, b, c)) {
            f64.matmul(a, transposeA, b, transposeB, c, accumulate);
            return;
        }
        MatmulShape s = MatmulShape.of(a, transposeA, b, transposeB, c);
        Matmul.run(pool, s, a.floats(), a.offset(), transposeA, b.floats(), b.offset(), transposeB, c.floats(),
                c.offset(), accumulate);
    }

    // ------------------------------------------------------------------ convolution

    @Override
    public void conv1dForward(Tensor x, Tensor w, Tensor bias, Conv1dGeometry geometry, Tensor y) {
        if (anyF64(x, w, bias, y)) {
            f64.conv1dForward(x, w, bias, geometry, y);
            return;
        }
        Conv1d.Plan p = Conv1d.Plan.of(geometry.check(x, w, bias, y), geometry);
        Conv1d.forward(pool, p, x.floats(), x.offset(), w.floats(), w.offset(),
                bias == null ? null : bias.floats(), bias == null ? 0 : bias.offset(), y.floats(), y.offset());
    }

    @Override
    public void conv1dBackwardData(Tensor dy, Tensor w, Conv1dGeometry geometry, Tensor dx) {
        if (anyF64(dy, w, dx)) {
            f64.conv1dBackwardData(dy, w, geometry, dx);
            return;
        }
        Conv1d.Plan p = Conv1d.Plan.of(geometry.check(dx, w, null, dy), geometry);
        Conv1d.backwardData(pool, p, dy.floats(), dy.offset(), w.floats(), w.offset(), dx.floats(), dx.offset());
    }

    @Override
    public void conv1dBackwardWeight(Tensor dy, Tensor x, Conv1dGeometry geometry, Tensor dw, Tensor dbias) {
        if (anyF64(dy, x, dw, dbias)) {
            f64.conv1dBackwardWeight(dy, x, geometry, dw, dbias);
            return;
        }
        Conv1d.Plan p = Conv1d.Plan.of(geometry.check(x, dw, dbias, dy), geometry);
        Conv1d.backwardWeight(pool, p, dy.floats(), dy.offset(), x.floats(), x.offset(), dw.floats(), dw.offset(),
                dbias == null ? null : dbias.floats(), dbias == null ? 0 : dbias.offset());
    }

    // ------------------------------------------------------------------ pooling and layout

    @Override
    public void maxPool1dForward(Tensor x, Pool1dGeometry geometry, Tensor y) {
        if (anyF64(x, y)) {
            f64.maxPool1dForward(x, geometry, y);
            return;
        }
        int[] d = OpChecks.pool(x, geometry, y);
        int rows = d[0], lin = d[1], lout = d[2];
        float[] xa = x.floats(), ya = y.floats();
        int xo = x.offset(), yo = y.offset();
        forRows(rows, lin, (from, to) -> Pooling.forward(xa, xo, lin, geometry, ya, yo, lout, from, to));
    }

    @Override
    public void maxPool1dBackward(Tensor x, Tensor dy, Pool1dGeometry geometry, Tensor dx) {
        if (anyF64(x, dy, dx)) {
            f64.maxPool1dBackward(x, dy, geometry, dx);
            return;
        }
        int[] d = OpChecks.pool(x, geometry, dy);
        OpChecks.requireSameShape("maxPool1dBackward", x, dx);
        int rows = d[0], lin = d[1], lout = d[2];
        float[] xa = x.floats(), ga = dy.floats(), da = dx.floats();
        int xo = x.offset(), go = dy.offset(), dxo = dx.offset();
        forRows(rows, lin, (from, to) -> Pooling.backward(xa, xo, lin, geometry, ga, go, lout, da, dxo, from, to));
    }

    @Override
    public void padAxis(Tensor x, int axis, int start, Tensor out) {
        if (anyF64(x, out)) {
            f64.padAxis(x, axis, start, out);
            return;
        }
        AxisWindow w = AxisWindow.of("padAxis", x, axis, start, out);
        float[] xa = x.floats(), oa = out.floats();
        int xo = x.offset(), oo = out.offset();
        int before = w.start() * w.inner();
        forRows(w.outer(), w.bigRow(), (from, to) -> {
            for (int o = from; o < to; o++) {
                int row = oo + o * w.bigRow();
                Arrays.fill(oa, row, row + before, 0f);
                System.arraycopy(xa, xo + o * w.smallRow(), oa, row + before, w.smallRow());
                Arrays.fill(oa, row + before + w.smallRow(), row + w.bigRow(), 0f);
            }
        });
    }

    @Override
    public void narrowAxisBackward(Tensor dOut, int axis, int start, Tensor dx) {
        if (anyF64(dOut, dx)) {
            f64.narrowAxisBackward(dOut, axis, start, dx);
            return;
        }
        AxisWindow w = AxisWindow.of("narrowAxisBackward", dx, axis, start, dOut);
        float[] ga = dOut.floats(), da = dx.floats();
        int go = dOut.offset(), dxo = dx.offset();
        int before = w.start() * w.inner();
        forRows(w.outer(), w.smallRow(), (from, to) -> {
            for (int o = from; o < to; o++) {
                Elementwise.addInto(ga, go + o * w.bigRow() + before, da, dxo + o * w.smallRow(), w.smallRow());
            }
        });
    }

    // ------------------------------------------------------------------ optimisation

    @Override
    public void adamUpdate(Tensor param, Tensor grad, Tensor m, Tensor v, AdamStep step) {
        if (anyF64(param, grad, m, v)) {
            f64.adamUpdate(param, grad, m, v, step);
            return;
        }
        OpChecks.requireSameShape("adamUpdate", param, grad);
        OpChecks.requireSameShape("adamUpdate", param, m);
        OpChecks.requireSameShape("adamUpdate", param, v);
        Adam.Coefficients c = Adam.Coefficients.of(step);
        float[] pa = param.floats(), ga = grad.floats(), ma = m.floats(), va = v.floats();
        int po = param.offset(), go = grad.offset(), mo = m.offset(), vo = v.offset();
        forChunks(param.size(), (from, to) -> Adam.update(pa, po, ga, go, ma, mo, va, vo, c, from, to));
    }

    // ------------------------------------------------------------------ helpers

    /** A kernel over the index range {@code [from, to)}. */
    @FunctionalInterface
    private interface Range {
        void run(int from, int to);
    }

    /** Runs {@code kernel} over {@code [0, size)} in chunks of {@link Elementwise#CHUNK}. */
    private void forChunks(int size, Range kernel) {
        int chunk = Elementwise.CHUNK;
        pool.run(Matmul.ceilDiv(size, chunk), (task, scratch) ->
                kernel.run(task * chunk, Math.min(size, (task + 1) * chunk)));
    }

    /** Runs {@code kernel} over rows {@code [0, rows)} of {@code rowLength} elements, about a chunk per task. */
    private void forRows(int rows, int rowLength, Range kernel) {
        int perTask = Math.max(1, Elementwise.CHUNK / Math.max(1, rowLength));
        pool.run(Matmul.ceilDiv(rows, perTask), (task, scratch) ->
                kernel.run(task * perTask, Math.min(rows, (task + 1) * perTask)));
    }

    /** Whether any of the (non-null) tensors is F64: such calls go to the scalar reference. */
    private static boolean anyF64(Tensor... tensors) {
        for (Tensor t : tensors) {
            if (t != null && t.dtype() == DType.F64) {
                return true;
            }
        }
        return false;
    }
}
