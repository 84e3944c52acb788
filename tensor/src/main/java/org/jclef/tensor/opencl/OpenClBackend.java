package org.jclef.tensor.opencl;

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
import org.jclef.tensor.Tensor;
import org.jclef.tensor.UnaryOp;

/**
 * The OpenCL backend: every {@link Backend} operation as a launch of {@link ClefKernel} on one
 * device, through Aparapi, with tensors kept on the device between operations
 * ({@link DeviceRuntime}). Float32 only: float64 operands, the verification type, are computed
 * by the {@link ScalarBackend}.
 *
 * <p>Each method validates shapes on the host exactly like the scalar reference (same exceptions),
 * resolves its operands to arena offsets (uploading stale inputs), launches, and marks its outputs
 * device-newer. Nothing is read back: the host sees results when it reads the tensors.
 *
 * <p>Pointwise convolutions (kernel 1, stride 1, no padding, one group) and {@link #matmul} share
 * the tiled GEMM; other convolutions run the direct kernels. Creating an instance starts the
 * device on first use and throws {@link IllegalStateException} with the reason if OpenCL cannot
 * run the kernels here: there is no silent fallback to Java.
 */
public final class OpenClBackend implements Backend {
    private final ScalarBackend f64 = new ScalarBackend();
    private final DeviceRuntime rt;

    public OpenClBackend() {
        rt = DeviceRuntime.instance();
    }

    /** Whether any OpenCL device is visible (a platform and an ICD), without starting one. */
    public static boolean openClPresent() {
        return !DeviceRuntime.listDevices().isEmpty();
    }

    @Override
    public String name() {
        return "opencl";
    }

    /** The device in use, with its limits, as logged at start-up. */
    public String deviceDescription() {
        return rt.description();
    }

    // ------------------------------------------------------------------ elementwise

    @Override
    public void unary(UnaryOp op, Tensor x, Tensor out) {
        if (anyF64(x, out)) {
            f64.unary(op, x, out);
            return;
        }
        OpChecks.requireSameShape("unary " + op, x, out);
        synchronized (rt) {
            int xo = rt.in(x);
            int oo = rt.out(out, true);
            ClefKernel k = rt.kernel();
            k.offA = xo;
            k.offC = oo;
            k.fn = unaryCode(op);
            rt.elementwise("unary " + op, ClefKernel.UNARY, x.size());
            rt.wrote(out);
        }
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
        synchronized (rt) {
            int xo = rt.in(x);
            int yo = rt.in(y);
            int dyo = rt.in(dy);
            int dxo = rt.out(dx, false);
            ClefKernel k = rt.kernel();
            k.offA = xo;
            k.offB = yo;
            k.offC = dyo;
            k.offD = dxo;
            k.fn = unaryCode(op);
            rt.elementwise("unaryBackward " + op, ClefKernel.UNARY_BACKWARD, x.size());
            rt.wrote(dx);
        }
    }

    @Override
    public void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        if (anyF64(a, b, out)) {
            f64.binary(op, a, b, out);
            return;
        }
        int[] shape = OpChecks.binary(op, a, b, out);
        boolean direct = a.size() == out.size() && b.size() == out.size();
        synchronized (rt) {
            int ao = rt.in(a);
            int bo = rt.in(b);
            int oo = rt.out(out, true);
            if (!direct) {
                rt.meta("binary " + op, IndexLayout.binary(a.shape(), b.shape(), shape));
            }
            ClefKernel k = rt.kernel();
            k.offA = ao;
            k.offB = bo;
            k.offC = oo;
            k.fn = binaryCode(op);
            k.broadcast = direct ? 0 : 1;
            rt.elementwise("binary " + op, ClefKernel.BINARY, out.size());
            rt.wrote(out);
        }
    }

    @Override
    public void affine(Tensor x, double scale, double shift, Tensor out) {
        if (anyF64(x, out)) {
            f64.affine(x, scale, shift, out);
            return;
        }
        OpChecks.requireSameShape("affine", x, out);
        synchronized (rt) {
            int xo = rt.in(x);
            int oo = rt.out(out, true);
            ClefKernel k = rt.kernel();
            k.offA = xo;
            k.offC = oo;
            k.scale = (float) scale;
            k.shift = (float) shift;
            rt.elementwise("affine", ClefKernel.AFFINE, x.size());
            rt.wrote(out);
        }
    }

    @Override
    public void powScalar(Tensor x, double exponent, Tensor out) {
        if (anyF64(x, out)) {
            f64.powScalar(x, exponent, out);
            return;
        }
        OpChecks.requireSameShape("powScalar", x, out);
        synchronized (rt) {
            int xo = rt.in(x);
            int oo = rt.out(out, true);
            ClefKernel k = rt.kernel();
            k.offA = xo;
            k.offC = oo;
            k.exponent = (float) exponent;
            rt.elementwise("powScalar", ClefKernel.POW_SCALAR, x.size());
            rt.wrote(out);
        }
    }

    @Override
    public void fill(Tensor out, double value) {
        if (anyF64(out)) {
            f64.fill(out, value);
            return;
        }
        synchronized (rt) {
            int oo = rt.out(out, true);
            ClefKernel k = rt.kernel();
            k.offC = oo;
            k.shift = (float) value;
            rt.elementwise("fill", ClefKernel.FILL, out.size());
            rt.wrote(out);
        }
    }

    @Override
    public void copy(Tensor src, Tensor dst) {
        if (anyF64(src, dst)) {
            f64.copy(src, dst);
            return;
        }
        OpChecks.requireSameShape("copy", src, dst);
        synchronized (rt) {
            int so = rt.in(src);
            int doff = rt.out(dst, true);
            ClefKernel k = rt.kernel();
            k.offA = so;
            k.offC = doff;
            rt.elementwise("copy", ClefKernel.COPY, src.size());
            rt.wrote(dst);
        }
    }

    // ------------------------------------------------------------------ reductions

    @Override
    public void reduce(ReduceOp op, Tensor x, int axis, Tensor out) {
        if (anyF64(x, out)) {
            f64.reduce(op, x, axis, out);
            return;
        }
        OpChecks.reduce(op, x, axis, out);
        reduceTo("reduce " + op, reduceCode(op), x, out.shape(), out, false);
    }

    @Override
    public void addReduced(Tensor x, Tensor out) {
        if (anyF64(x, out)) {
            f64.addReduced(x, out);
            return;
        }
        OpChecks.addReduced(x, out);
        reduceTo("addReduced", ClefKernel.SUM, x, out.shape(), out, true);
    }

    /**
     * One work-group per element of {@code out}: reduces x to {@code outShape} (out's shape, or
     * out's shape with size-1 axes that place it against x's axes).
     */
    private void reduceTo(String what, int fn, Tensor x, int[] outShape, Tensor out, boolean accumulate) {
        int[] layout = IndexLayout.reduction(x.shape(), outShape);
        int lanes = lanesFor(IndexLayout.reducedCount(layout));
        synchronized (rt) {
            int xo = rt.in(x);
            int oo = rt.out(out, !accumulate);
            rt.meta(what, layout);
            ClefKernel k = rt.kernel();
            k.offA = xo;
            k.offC = oo;
            k.fn = fn;
            k.accumulate = accumulate ? 1 : 0;
            k.count = out.size();
            rt.launch(what, ClefKernel.REDUCE, (long) out.size() * lanes, lanes);
            rt.wrote(out);
        }
    }

    /**
     * Lanes of a reduction work-group over {@code reduced} elements: 16, 64 or the full group
     * size (all powers of two). Few distinct sizes on purpose: PoCL compiles the kernel once per
     * work-group size it meets.
     */
    private int lanesFor(int reduced) {
        int lanes = reduced <= 16 ? 16 : reduced <= 64 ? 64 : ClefKernel.LOCAL_CAPACITY;
        return Math.min(rt.groupSize(), lanes);
    }

    // ------------------------------------------------------------------ linear algebra

    @Override
    public void matmul(Tensor a, boolean transposeA, Tensor b, boolean transposeB, Tensor c, boolean accumulate) {
        if (anyF64(a, b, c)) {
            f64.matmul(a, transposeA, b, transposeB, c, accumulate);
            return;
        }
        MatmulShape s = MatmulShape.of(a, transposeA, b, transposeB, c);
        synchronized (rt) {
            int ao = rt.in(a);
            int bo = rt.in(b);
            int co = rt.out(c, !accumulate);
            gemm("matmul", ao, transposeA, s.aBatched() ? s.m() * s.k() : 0, bo, transposeB,
                    s.bBatched() ? s.k() * s.n() : 0, co, accumulate, -1, s.batch(), s.m(), s.k(), s.n());
            rt.wrote(c);
        }
    }

    /**
     * c[batch] (=, or +=) op(a) · op(b) (+ bias per row when biasOffset ≥ 0), all offsets in the
     * arena; a batch stride of 0 shares that operand across the batch. Caller holds the lock.
     */
    private void gemm(String what, int a, boolean transA, int aStride, int b, boolean transB, int bStride,
                      int c, boolean accumulate, int biasOffset, int batch, int m, int k, int n) {
        int ts = rt.tile();
        int tilesM = (m + ts - 1) / ts;
        int tilesN = (n + ts - 1) / ts;
        ClefKernel kn = rt.kernel();
        kn.offA = a;
        kn.offB = b;
        kn.offC = c;
        kn.offD = Math.max(biasOffset, 0);
        kn.hasBias = biasOffset >= 0 ? 1 : 0;
        kn.transA = transA ? 1 : 0;
        kn.transB = transB ? 1 : 0;
        kn.aBatchStride = aStride;
        kn.bBatchStride = bStride;
        kn.accumulate = accumulate ? 1 : 0;
        kn.rowsM = m;
        kn.innerK = k;
        kn.colsN = n;
        kn.tile = ts;
        kn.tilesM = tilesM;
        kn.tilesN = tilesN;
        rt.launch(what, ClefKernel.MATMUL, (long) batch * tilesM * tilesN * ts * ts, ts * ts);
    }

    // ------------------------------------------------------------------ convolution

    private static boolean pointwise(Conv1dGeometry g, int kernel) {
        return kernel == 1 && g.stride() == 1 && g.padLeft() == 0 && g.padRight() == 0 && g.groups() == 1;
    }

    @Override
    public void conv1dForward(Tensor x, Tensor w, Tensor bias, Conv1dGeometry g, Tensor y) {
        if (anyF64(x, w, bias, y)) {
            f64.conv1dForward(x, w, bias, g, y);
            return;
        }
        int[] d = g.check(x, w, bias, y);
        int n = d[0], cin = d[1], lin = d[2], cout = d[3], k = d[4], lout = d[5];
        synchronized (rt) {
            int xo = rt.in(x);
            int wo = rt.in(w);
            int bo = bias == null ? -1 : rt.in(bias);
            int yo = rt.out(y, true);
            if (pointwise(g, k)) {
                gemm("conv1dForward (pointwise)", wo, false, 0, xo, false, cin * lin, yo, false, bo,
                        n, cout, cin, lout);
            } else {
                ClefKernel kn = conv(g, n, cin, lin, cout, k, lout);
                kn.offA = xo;
                kn.offB = wo;
                kn.offC = Math.max(bo, 0);
                kn.hasBias = bo >= 0 ? 1 : 0;
                kn.offD = yo;
                rt.elementwise("conv1dForward", ClefKernel.CONV_FORWARD, n * cout * lout);
            }
            rt.wrote(y);
        }
    }

    @Override
    public void conv1dBackwardData(Tensor dy, Tensor w, Conv1dGeometry g, Tensor dx) {
        if (anyF64(dy, w, dx)) {
            f64.conv1dBackwardData(dy, w, g, dx);
            return;
        }
        int[] d = g.check(dx, w, null, dy);
        int n = d[0], cin = d[1], lin = d[2], cout = d[3], k = d[4], lout = d[5];
        synchronized (rt) {
            int dyo = rt.in(dy);
            int wo = rt.in(w);
            int dxo = rt.out(dx, false);
            if (pointwise(g, k)) {
                gemm("conv1dBackwardData (pointwise)", wo, true, 0, dyo, false, cout * lout, dxo, true, -1,
                        n, cin, cout, lout);
            } else {
                ClefKernel kn = conv(g, n, cin, lin, cout, k, lout);
                kn.offA = dyo;
                kn.offB = wo;
                kn.offC = dxo;
                rt.elementwise("conv1dBackwardData", ClefKernel.CONV_BACKWARD_DATA, n * cin * lin);
            }
            rt.wrote(dx);
        }
    }

    @Override
    public void conv1dBackwardWeight(Tensor dy, Tensor x, Conv1dGeometry g, Tensor dw, Tensor dbias) {
        if (anyF64(dy, x, dw, dbias)) {
            f64.conv1dBackwardWeight(dy, x, g, dw, dbias);
            return;
        }
        int[] d = g.check(x, dw, dbias, dy);
        int n = d[0], cin = d[1], lin = d[2], cout = d[3], k = d[4], lout = d[5];
        int lanes = lanesFor(n * lout);
        synchronized (rt) {
            int dyo = rt.in(dy);
            int xo = rt.in(x);
            int dwo = rt.out(dw, false);
            ClefKernel kn = conv(g, n, cin, lin, cout, k, lout);
            kn.offA = dyo;
            kn.offB = xo;
            kn.offC = dwo;
            rt.launch("conv1dBackwardWeight", ClefKernel.CONV_BACKWARD_WEIGHT, (long) dw.size() * lanes, lanes);
            rt.wrote(dw);
        }
        if (dbias != null) {
            reduceTo("conv1dBackwardWeight (bias)", ClefKernel.SUM, dy, new int[] {1, cout, 1}, dbias, true);
        }
    }

    /** Sets the convolution geometry fields and returns the kernel. Caller holds the lock. */
    private ClefKernel conv(Conv1dGeometry g, int n, int cin, int lin, int cout, int k, int lout) {
        ClefKernel kn = rt.kernel();
        kn.batch = n;
        kn.inChannels = cin;
        kn.inLength = lin;
        kn.outChannels = cout;
        kn.kernelSize = k;
        kn.outLength = lout;
        kn.stride = g.stride();
        kn.padLeft = g.padLeft();
        kn.groups = g.groups();
        return kn;
    }

    // ------------------------------------------------------------------ pooling and layout

    @Override
    public void maxPool1dForward(Tensor x, Pool1dGeometry g, Tensor y) {
        if (anyF64(x, y)) {
            f64.maxPool1dForward(x, g, y);
            return;
        }
        int[] d = OpChecks.pool(x, g, y);
        synchronized (rt) {
            int xo = rt.in(x);
            int yo = rt.out(y, true);
            ClefKernel k = pool(g, d);
            k.offA = xo;
            k.offC = yo;
            rt.elementwise("maxPool1dForward", ClefKernel.POOL_FORWARD, d[0] * d[2]);
            rt.wrote(y);
        }
    }

    @Override
    public void maxPool1dBackward(Tensor x, Tensor dy, Pool1dGeometry g, Tensor dx) {
        if (anyF64(x, dy, dx)) {
            f64.maxPool1dBackward(x, dy, g, dx);
            return;
        }
        int[] d = OpChecks.pool(x, g, dy);
        OpChecks.requireSameShape("maxPool1dBackward", x, dx);
        synchronized (rt) {
            int xo = rt.in(x);
            int dyo = rt.in(dy);
            int dxo = rt.out(dx, false);
            ClefKernel k = pool(g, d);
            k.offA = xo;
            k.offB = dyo;
            k.offC = dxo;
            rt.elementwise("maxPool1dBackward", ClefKernel.POOL_BACKWARD, d[0] * d[1]);
            rt.wrote(dx);
        }
    }

    private ClefKernel pool(Pool1dGeometry g, int[] d) {
        ClefKernel k = rt.kernel();
        k.inLength = d[1];
        k.outLength = d[2];
        k.kernelSize = g.kernel();
        k.stride = g.stride();
        k.padLeft = g.padLeft();
        k.padValue = (float) g.padValue();
        return k;
    }

    @Override
    public void padAxis(Tensor x, int axis, int start, Tensor out) {
        if (anyF64(x, out)) {
            f64.padAxis(x, axis, start, out);
            return;
        }
        AxisWindow w = AxisWindow.of("padAxis", x, axis, start, out);
        synchronized (rt) {
            int xo = rt.in(x);
            int oo = rt.out(out, true);
            ClefKernel k = window(w);
            k.offA = xo;
            k.offC = oo;
            rt.elementwise("padAxis", ClefKernel.PAD_AXIS, w.outer() * w.bigRow());
            rt.wrote(out);
        }
    }

    @Override
    public void narrowAxisBackward(Tensor dOut, int axis, int start, Tensor dx) {
        if (anyF64(dOut, dx)) {
            f64.narrowAxisBackward(dOut, axis, start, dx);
            return;
        }
        AxisWindow w = AxisWindow.of("narrowAxisBackward", dx, axis, start, dOut);
        synchronized (rt) {
            int go = rt.in(dOut);
            int dxo = rt.out(dx, false);
            ClefKernel k = window(w);
            k.offA = go;
            k.offC = dxo;
            rt.elementwise("narrowAxisBackward", ClefKernel.NARROW_BACKWARD, w.outer() * w.smallRow());
            rt.wrote(dx);
        }
    }

    private ClefKernel window(AxisWindow w) {
        ClefKernel k = rt.kernel();
        k.inner = w.inner();
        k.start = w.start();
        k.smallRow = w.smallRow();
        k.bigRow = w.bigRow();
        return k;
    }

    // ------------------------------------------------------------------ optimisation

    @Override
    public void adamUpdate(Tensor param, Tensor grad, Tensor m, Tensor v, AdamStep s) {
        if (anyF64(param, grad, m, v)) {
            f64.adamUpdate(param, grad, m, v, s);
            return;
        }
        OpChecks.requireSameShape("adamUpdate", param, grad);
        OpChecks.requireSameShape("adamUpdate", param, m);
        OpChecks.requireSameShape("adamUpdate", param, v);
        synchronized (rt) {
            int go = rt.in(grad);
            int po = rt.out(param, false);
            int mo = rt.out(m, false);
            int vo = rt.out(v, false);
            ClefKernel k = rt.kernel();
            k.offA = po;
            k.offB = go;
            k.offC = mo;
            k.offD = vo;
            k.lr = (float) s.lr();
            k.beta1 = (float) s.beta1();
            k.beta2 = (float) s.beta2();
            k.eps = (float) s.eps();
            k.weightDecay = (float) s.weightDecay();
            k.decoupled = s.decoupled() ? 1 : 0;
            k.correction1 = (float) (1 - Math.pow(s.beta1(), s.step()));
            k.correction2 = (float) (1 - Math.pow(s.beta2(), s.step()));
            rt.elementwise("adamUpdate", ClefKernel.ADAM, param.size());
            rt.wrote(param);
            rt.wrote(m);
            rt.wrote(v);
        }
    }

    // ------------------------------------------------------------------ helpers

    /** Whether any (non-null) operand is float64: those go to the scalar reference. */
    private static boolean anyF64(Tensor... ts) {
        for (Tensor t : ts) {
            if (t != null && t.dtype() == DType.F64) {
                return true;
            }
        }
        return false;
    }

    private static int unaryCode(UnaryOp op) {
        return switch (op) {
            case EXP -> ClefKernel.EXP;
            case LOG -> ClefKernel.LOG;
            case SIGMOID -> ClefKernel.SIGMOID;
            case SWISH -> ClefKernel.SWISH;
            case SQRT -> ClefKernel.SQRT;
            case RELU -> ClefKernel.RELU;
            case ABS -> ClefKernel.ABS;
        };
    }

    private static int binaryCode(BinaryOp op) {
        return switch (op) {
            case ADD -> ClefKernel.ADD;
            case SUB -> ClefKernel.SUB;
            case MUL -> ClefKernel.MUL;
            case DIV -> ClefKernel.DIV;
            case POW -> ClefKernel.POW;
            case MAX -> ClefKernel.MAX;
            case MIN -> ClefKernel.MIN;
        };
    }

    private static int reduceCode(ReduceOp op) {
        return switch (op) {
            case SUM -> ClefKernel.SUM;
            case MEAN -> ClefKernel.MEAN;
            case MAX -> ClefKernel.REDUCE_MAX;
            case MIN -> ClefKernel.REDUCE_MIN;
            case LOG_SUM_EXP -> ClefKernel.LOG_SUM_EXP;
        };
    }
}
