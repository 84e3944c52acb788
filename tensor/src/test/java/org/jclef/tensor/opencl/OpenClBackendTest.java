package org.jclef.tensor.opencl;

import static org.jclef.tensor.opencl.Differential.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.jclef.tensor.AdamStep;
import org.jclef.tensor.BinaryOp;
import org.jclef.tensor.Conv1dGeometry;
import org.jclef.tensor.DType;
import org.jclef.tensor.Pool1dGeometry;
import org.jclef.tensor.ReduceOp;
import org.jclef.tensor.ScalarBackend;
import org.jclef.tensor.Shapes;
import org.jclef.tensor.Tensor;
import org.jclef.tensor.UnaryOp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Differential tests: every operation of the OpenCL backend against the scalar reference on
 * random shapes and geometries (small, so PoCL runs them in seconds). Each test also asserts that
 * the launches ran as OpenCL on the device.
 */
class OpenClBackendTest {
    private static OpenClBackend cl;
    private final ScalarBackend ref = new ScalarBackend();

    @BeforeAll
    static void start() {
        cl = OpenClTestSupport.backend();
    }

    @AfterAll
    static void report() {
        if (cl != null) {
            System.out.println("[jclef] OpenCL vs scalar, worst relative error per operation on "
                    + cl.deviceDescription() + ":\n" + Differential.report());
        }
    }

    private static Tensor randIn(Random r, double lo, double hi, int... shape) {
        return Tensor.uniform(DType.F32, r, lo, hi, shape);
    }

    private static Tensor rand(Random r, int... shape) {
        return randIn(r, -2, 2, shape);
    }

    private static int[] randomShape(Random r, int maxRank, int maxDim) {
        int[] s = new int[1 + r.nextInt(maxRank)];
        for (int i = 0; i < s.length; i++) {
            s[i] = 1 + r.nextInt(maxDim);
        }
        return s;
    }

    private static void assertOnDevice() {
        assertTrue(OpenClTestSupport.runtime().runningOnDevice(), "the last launch did not run as OpenCL");
    }

    // ------------------------------------------------------------------ elementwise

    @Test
    void unaryMatchesScalar() {
        Random r = new Random(1);
        for (UnaryOp op : UnaryOp.values()) {
            for (int[] shape : new int[][] {{37}, {3, 5, 7}, {2, 300}}) {
                Tensor x = randIn(r, -3, 3, shape);
                Tensor want = Tensor.zeros(shape);
                ref.unary(op, x, want);
                Tensor got = Tensor.zeros(shape);
                cl.unary(op, x, got);
                assertClose("unary " + op, Arrays.toString(shape), want, got);
                Tensor inPlace = x.copy();
                cl.unary(op, inPlace, inPlace);
                assertClose("unary " + op, "in place", want, inPlace);
            }
        }
        assertOnDevice();
    }

    @Test
    void unaryBackwardMatchesScalar() {
        Random r = new Random(2);
        for (UnaryOp op : UnaryOp.values()) {
            int[] shape = {4, 67};
            Tensor x = randIn(r, -3, 3, shape);
            Tensor y = Tensor.zeros(shape);
            ref.unary(op, x, y);
            Tensor dy = rand(r, shape);
            Tensor dx0 = rand(r, shape);
            Tensor want = dx0.copy();
            ref.unaryBackward(op, x, y, dy, want);
            Tensor got = dx0.copy();
            cl.unaryBackward(op, x, y, dy, got);
            assertClose("unaryBackward " + op, Arrays.toString(shape), want, got);
        }
        assertOnDevice();
    }

    @Test
    void binaryWithBroadcastingMatchesScalar() {
        Random r = new Random(3);
        for (BinaryOp op : BinaryOp.values()) {
            for (int trial = 0; trial < 8; trial++) {
                int[] full = randomShape(r, 4, 6);
                int[] a = broadcastable(r, full);
                int[] b = broadcastable(r, full);
                int[] out = Shapes.broadcast("test", a, b);
                Tensor ta = op == BinaryOp.POW ? randIn(r, 0.1, 3, a) : rand(r, a);
                Tensor tb = rand(r, b);
                if (op == BinaryOp.DIV) {
                    ref.affine(tb, 1, 3, tb);
                }
                Tensor want = Tensor.zeros(out);
                ref.binary(op, ta, tb, want);
                Tensor got = Tensor.zeros(out);
                cl.binary(op, ta, tb, got);
                assertClose("binary " + op, Arrays.toString(a) + " " + Arrays.toString(b), want, got);
            }
            Tensor a = randIn(r, 0.5, 2, 3, 4);
            Tensor b = randIn(r, 0.5, 2, 4);
            Tensor want = Tensor.zeros(3, 4);
            ref.binary(op, a, b, want);
            cl.binary(op, a, b, a);
            assertClose("binary " + op, "into its first operand", want, a);
        }
        assertOnDevice();
    }

    /** A shape that broadcasts to {@code out}: some axes set to 1, maybe fewer leading axes. */
    private static int[] broadcastable(Random r, int[] out) {
        int drop = r.nextInt(out.length);
        int[] s = Arrays.copyOfRange(out, drop, out.length);
        for (int i = 0; i < s.length; i++) {
            if (r.nextInt(3) == 0) {
                s[i] = 1;
            }
        }
        return s;
    }

    @Test
    void affinePowFillAndCopyMatchScalarOnViews() {
        Random r = new Random(4);
        Tensor x = rand(r, 6, 5);
        Tensor xView = x.slice(2, 4);
        Tensor want = Tensor.zeros(6, 5);
        ref.affine(xView, 2.5, -1.25, want.slice(1, 3));
        Tensor got = Tensor.zeros(6, 5);
        cl.affine(xView, 2.5, -1.25, got.slice(1, 3));
        assertClose("affine", "into a view", want, got);

        for (double e : new double[] {2, 3, 0.5, -1, 1.5, 0}) {
            Tensor base = randIn(r, -2.0, 2.0, 50);
            Tensor w = Tensor.zeros(50);
            ref.powScalar(base, e, w);
            Tensor g = Tensor.zeros(50);
            cl.powScalar(base, e, g);
            assertClose("powScalar", "exponent " + e, w, g);
        }

        Tensor filled = rand(r, 4, 9);
        cl.fill(filled.slice(1, 3), 0.75);
        Tensor wantFilled = filled.copy();
        assertEquals(0.75, filled.get(1, 3));
        assertEquals(0.75, filled.get(2, 8));
        assertClose("fill", "a view", wantFilled, filled);

        Tensor src = rand(r, 3, 7);
        Tensor dst = Tensor.zeros(2, 7);
        cl.copy(src.slice(1, 3), dst);
        assertArrayEquals(src.slice(1, 3).toFloatArray(), dst.toFloatArray());
        assertOnDevice();
    }

    // ------------------------------------------------------------------ reductions

    @Test
    void reduceMatchesScalarOnEveryAxis() {
        Random r = new Random(5);
        for (ReduceOp op : ReduceOp.values()) {
            for (int trial = 0; trial < 5; trial++) {
                int[] shape = randomShape(r, 4, 7);
                for (int axis = 0; axis < shape.length; axis++) {
                    checkReduce(op, rand(r, shape), axis);
                }
            }
            checkReduce(op, rand(r, 3, 1000), 1);
            checkReduce(op, rand(r, 1000, 3), 0);
            checkReduce(op, rand(r, 5, 300, 2), -2);
        }
        Tensor special = rand(r, 4, 6);
        for (int j = 0; j < 6; j++) {
            special.set(Double.NEGATIVE_INFINITY, 0, j);
        }
        special.set(Double.NaN, 1, 2);
        special.set(Double.POSITIVE_INFINITY, 2, 4);
        for (ReduceOp op : ReduceOp.values()) {
            checkReduce(op, special, 1);
        }
        assertOnDevice();
    }

    private void checkReduce(ReduceOp op, Tensor x, int axis) {
        int[] outShape = x.shape();
        outShape[Math.floorMod(axis, outShape.length)] = 1;
        Tensor want = Tensor.zeros(outShape);
        ref.reduce(op, x, axis, want);
        Tensor got = Tensor.zeros(outShape);
        cl.reduce(op, x, axis, got);
        assertClose("reduce " + op, "axis " + axis + " of " + Arrays.toString(x.shape()), want, got);
    }

    @Test
    void addReducedMatchesScalar() {
        Random r = new Random(6);
        for (int trial = 0; trial < 20; trial++) {
            int[] xs = randomShape(r, 4, 6);
            int[] os = broadcastable(r, xs);
            Tensor x = rand(r, xs);
            Tensor out0 = rand(r, os);
            Tensor want = out0.copy();
            ref.addReduced(x, want);
            Tensor got = out0.copy();
            cl.addReduced(x, got);
            assertClose("addReduced", Arrays.toString(xs) + " to " + Arrays.toString(os), want, got);
        }
        Tensor x = rand(r, 3, 8, 400);
        Tensor want = Tensor.zeros(8, 1);
        ref.addReduced(x, want);
        Tensor got = Tensor.zeros(8, 1);
        cl.addReduced(x, got);
        assertClose("addReduced", "bias-like", want, got);
        assertOnDevice();
    }

    // ------------------------------------------------------------------ matmul

    @Test
    void matmulMatchesScalarForEveryLayout() {
        Random r = new Random(7);
        for (int aRank = 2; aRank <= 3; aRank++) {
            for (int bRank = 2; bRank <= 3; bRank++) {
                for (int flags = 0; flags < 8; flags++) {
                    boolean ta = (flags & 1) != 0, tb = (flags & 2) != 0, acc = (flags & 4) != 0;
                    int batch = 1 + r.nextInt(3), m = 1 + r.nextInt(40), k = 1 + r.nextInt(40), n = 1 + r.nextInt(40);
                    Tensor a = rand(r, matrix(aRank, batch, ta ? k : m, ta ? m : k));
                    Tensor b = rand(r, matrix(bRank, batch, tb ? n : k, tb ? k : n));
                    int[] cs = aRank == 2 && bRank == 2 ? new int[] {m, n} : new int[] {batch, m, n};
                    Tensor c0 = rand(r, cs);
                    Tensor want = c0.copy();
                    ref.matmul(a, ta, b, tb, want, acc);
                    Tensor got = c0.copy();
                    cl.matmul(a, ta, b, tb, got, acc);
                    assertClose("matmul", Arrays.toString(a.shape()) + (ta ? "ᵀ" : "") + " · "
                            + Arrays.toString(b.shape()) + (tb ? "ᵀ" : "") + (acc ? " +=" : ""), want, got);
                }
            }
        }
        assertOnDevice();
    }

    private static int[] matrix(int rank, int batch, int rows, int cols) {
        return rank == 2 ? new int[] {rows, cols} : new int[] {batch, rows, cols};
    }

    // ------------------------------------------------------------------ convolution

    @Test
    void conv1dMatchesScalarOnRandomGeometries() {
        Random r = new Random(8);
        for (int trial = 0; trial < 16; trial++) {
            int groups = 1 + r.nextInt(3);
            int cin = groups * (1 + r.nextInt(4));
            int cout = groups * (1 + r.nextInt(4));
            int k = 1 + r.nextInt(7);
            Conv1dGeometry g = new Conv1dGeometry(1 + r.nextInt(3), r.nextInt(4), r.nextInt(4), groups);
            int lin = Math.max(1, k - g.padLeft() - g.padRight()) + r.nextInt(25);
            checkConv(r, 1 + r.nextInt(3), cin, lin, cout, k, g, r.nextBoolean());
        }
        checkConv(r, 2, 6, 33, 5, 1, Conv1dGeometry.valid(), true);
        checkConv(r, 3, 4, 17, 7, 1, Conv1dGeometry.valid(), false);
        checkConv(r, 2, 8, 40, 8, 5, new Conv1dGeometry(2, 2, 2, 8), true);
        assertOnDevice();
    }

    private void checkConv(Random r, int n, int cin, int lin, int cout, int k, Conv1dGeometry g, boolean withBias) {
        String what = "conv1d x[" + n + "," + cin + "," + lin + "] w[" + cout + "," + cin / g.groups() + "," + k + "] " + g;
        Tensor x = rand(r, n, cin, lin);
        Tensor w = rand(r, cout, cin / g.groups(), k);
        Tensor bias = withBias ? rand(r, cout) : null;
        int lout = g.outputLength(lin, k);

        Tensor want = Tensor.zeros(n, cout, lout);
        ref.conv1dForward(x, w, bias, g, want);
        Tensor got = Tensor.zeros(n, cout, lout);
        cl.conv1dForward(x, w, bias, g, got);
        assertClose("conv1dForward", what, want, got);

        Tensor dy = rand(r, n, cout, lout);
        Tensor dx0 = rand(r, n, cin, lin);
        Tensor wantDx = dx0.copy();
        ref.conv1dBackwardData(dy, w, g, wantDx);
        Tensor gotDx = dx0.copy();
        cl.conv1dBackwardData(dy, w, g, gotDx);
        assertClose("conv1dBackwardData", what, wantDx, gotDx);

        Tensor dw0 = rand(r, w.shape());
        Tensor db0 = withBias ? rand(r, cout) : null;
        Tensor wantDw = dw0.copy();
        Tensor wantDb = withBias ? db0.copy() : null;
        ref.conv1dBackwardWeight(dy, x, g, wantDw, wantDb);
        Tensor gotDw = dw0.copy();
        Tensor gotDb = withBias ? db0.copy() : null;
        cl.conv1dBackwardWeight(dy, x, g, gotDw, gotDb);
        assertClose("conv1dBackwardWeight", what, wantDw, gotDw);
        if (withBias) {
            assertClose("conv1dBackwardWeight bias", what, wantDb, gotDb);
        }
    }

    // ------------------------------------------------------------------ pooling and layout

    @Test
    void maxPoolMatchesScalarIncludingTiesAndPadding() {
        Random r = new Random(9);
        Pool1dGeometry[] geometries = {
            new Pool1dGeometry(2, 2, 0, 1, 0.0),
            new Pool1dGeometry(2, 2, 0, 0, 0.0),
            new Pool1dGeometry(3, 1, 1, 1, Double.NEGATIVE_INFINITY),
            new Pool1dGeometry(3, 2, 1, 1, 0.0),
            new Pool1dGeometry(4, 3, 2, 0, -1.0),
        };
        for (Pool1dGeometry g : geometries) {
            for (int lin : new int[] {7, 8, 31}) {
                Tensor x = rand(r, 2, 3, lin);
                for (int i = 0; i < x.size(); i += 2) {
                    x.setFlat(i, Math.rint(x.getFlat(i)));
                }
                int lout = g.outputLength(lin);
                Tensor want = Tensor.zeros(2, 3, lout);
                ref.maxPool1dForward(x, g, want);
                Tensor got = Tensor.zeros(2, 3, lout);
                cl.maxPool1dForward(x, g, got);
                assertClose("maxPool1dForward", g + " L=" + lin, want, got);

                Tensor dy = rand(r, 2, 3, lout);
                Tensor dx0 = rand(r, 2, 3, lin);
                Tensor wantDx = dx0.copy();
                ref.maxPool1dBackward(x, dy, g, wantDx);
                Tensor gotDx = dx0.copy();
                cl.maxPool1dBackward(x, dy, g, gotDx);
                assertClose("maxPool1dBackward", g + " L=" + lin, wantDx, gotDx);
            }
        }
        assertOnDevice();
    }

    @Test
    void padAxisAndNarrowBackwardMatchScalar() {
        Random r = new Random(10);
        for (int trial = 0; trial < 12; trial++) {
            int[] big = randomShape(r, 4, 6);
            int axis = r.nextInt(big.length);
            int[] small = big.clone();
            small[axis] = 1 + r.nextInt(big[axis]);
            int start = r.nextInt(big[axis] - small[axis] + 1);
            Tensor x = rand(r, small);
            Tensor want = rand(r, big);
            ref.padAxis(x, axis, start, want);
            Tensor got = rand(r, big);
            cl.padAxis(x, axis, start, got);
            assertClose("padAxis", Arrays.toString(small) + " into " + Arrays.toString(big), want, got);

            Tensor dOut = rand(r, big);
            Tensor dx0 = rand(r, small);
            Tensor wantDx = dx0.copy();
            ref.narrowAxisBackward(dOut, axis - big.length, start, wantDx);
            Tensor gotDx = dx0.copy();
            cl.narrowAxisBackward(dOut, axis - big.length, start, gotDx);
            assertClose("narrowAxisBackward", Arrays.toString(big) + " to " + Arrays.toString(small), wantDx, gotDx);
        }
        assertOnDevice();
    }

    // ------------------------------------------------------------------ optimisation

    @Test
    void adamMatchesScalar() {
        Random r = new Random(11);
        for (boolean decoupled : new boolean[] {true, false}) {
            for (long step : new long[] {1, 7}) {
                AdamStep s = new AdamStep(1e-2, 0.9, 0.999, 1e-8, 0.05, decoupled, step);
                Tensor p = rand(r, 3, 41);
                Tensor g = rand(r, 3, 41);
                Tensor m = randIn(r, -0.1, 0.1, 3, 41);
                Tensor v = randIn(r, 0, 0.1, 3, 41);
                Tensor wp = p.copy(), wm = m.copy(), wv = v.copy();
                ref.adamUpdate(wp, g, wm, wv, s);
                cl.adamUpdate(p, g, m, v, s);
                assertClose("adamUpdate", "param", wp, p);
                assertClose("adamUpdate", "m", wm, m);
                assertClose("adamUpdate", "v", wv, v);
            }
        }
        assertOnDevice();
    }

    // ------------------------------------------------------------------ contract

    @Test
    void float64IsComputedByTheScalarReferenceBitForBit() {
        Random r = new Random(12);
        Tensor a = Tensor.uniform(DType.F64, r, -1, 1, 2, 5, 4);
        Tensor b = Tensor.uniform(DType.F64, r, -1, 1, 4, 3);
        Tensor want = Tensor.zeros(DType.F64, 2, 5, 3);
        ref.matmul(a, false, b, false, want, false);
        Tensor got = Tensor.zeros(DType.F64, 2, 5, 3);
        cl.matmul(a, false, b, false, got, false);
        assertArrayEquals(want.toDoubleArray(), got.toDoubleArray());
        assertEquals(null, got.storage().mirror());
    }

    @Test
    void badShapesFailLikeTheReference() {
        Tensor a = Tensor.zeros(2, 3);
        Tensor b = Tensor.zeros(4, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> cl.binary(BinaryOp.ADD, a, b, Tensor.zeros(2, 3)));
        assertTrue(e.getMessage().contains("do not broadcast"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> cl.matmul(a, false, b, false, Tensor.zeros(2, 4), false));
        assertThrows(IllegalArgumentException.class,
                () -> cl.conv1dForward(Tensor.zeros(1, 2, 5), Tensor.zeros(3, 3, 2), null, Conv1dGeometry.valid(),
                        Tensor.zeros(1, 3, 4)));
        assertThrows(IllegalArgumentException.class,
                () -> cl.reduce(ReduceOp.MAX, Tensor.zeros(2, 0), 1, Tensor.zeros(2, 1)));
    }
}
