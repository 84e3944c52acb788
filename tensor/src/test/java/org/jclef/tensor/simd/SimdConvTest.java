package org.jclef.tensor.simd;

import static org.jclef.tensor.simd.Reference.SCALAR;
import static org.jclef.tensor.simd.Reference.abs;
import static org.jclef.tensor.simd.Reference.assertWithinBound;
import static org.jclef.tensor.simd.Reference.f64;
import static org.jclef.tensor.simd.Reference.normal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.jclef.tensor.Conv1dGeometry;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The SIMD convolution passes against the double-precision scalar reference. */
class SimdConvTest {
    private static final SimdBackend SIMD = new SimdBackend(2);

    /** One convolution: x [n, cin, lin], w [cout, cin/groups, k]. */
    record Case(int n, int cin, int cout, int groups, int k, int stride, int padLeft, int padRight, int lin,
                boolean bias) {
        Conv1dGeometry geometry() {
            return new Conv1dGeometry(stride, padLeft, padRight, groups);
        }

        int lout() {
            return geometry().outputLength(lin, k);
        }

        @Override
        public String toString() {
            return "x[" + n + "," + cin + "," + lin + "] w[" + cout + "," + cin / groups + "," + k + "] g" + groups
                    + " s" + stride + " pad " + padLeft + "/" + padRight + (bias ? " +bias" : "");
        }
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>(List.of(
                // Net1D's grouped conv2: 4, 16 and 48 channels per group, kernel 16, same padding 7/8
                new Case(2, 16, 16, 4, 16, 1, 7, 8, 37, true),
                new Case(2, 32, 32, 2, 16, 2, 7, 7, 50, true),
                new Case(2, 96, 96, 2, 16, 1, 7, 8, 29, true),
                new Case(1, 128, 128, 32, 16, 2, 7, 8, 41, true),
                new Case(2, 64, 64, 32, 16, 1, 7, 8, 70, true),
                // the stem: 1 → 32 channels, stride 2
                new Case(2, 1, 32, 1, 16, 2, 7, 7, 101, true),
                // pointwise convs (routed through the GEMM path), and k = 1 with stride 2
                new Case(3, 24, 40, 1, 1, 1, 0, 0, 53, true),
                new Case(2, 33, 7, 1, 1, 1, 0, 0, 16, false),
                new Case(2, 8, 12, 1, 1, 2, 0, 0, 33, true),
                // valid convolution (read in place), stride 3, odd channel counts per group
                new Case(2, 8, 8, 2, 16, 1, 0, 0, 40, false),
                new Case(2, 6, 10, 2, 3, 3, 0, 2, 23, true),
                new Case(2, 6, 6, 2, 4, 1, 2, 1, 21, true),
                new Case(2, 6, 10, 1, 5, 1, 3, 1, 19, false),
                // input shorter than the kernel; lengths that are exact multiples of the register tile
                new Case(1, 4, 4, 1, 16, 1, 7, 8, 5, true),
                new Case(1, 8, 8, 2, 16, 1, 7, 8, 128, true),
                new Case(1, 8, 8, 2, 16, 2, 7, 8, 256, true),
                // CLEF's length after the stem, with 4 channels per group
                new Case(1, 8, 8, 2, 16, 1, 7, 8, 1250, true),
                // kernels that fill the lanes partly or need two tap vectors, several channel tiles per group
                new Case(2, 12, 18, 2, 9, 1, 4, 4, 40, true),
                new Case(2, 10, 10, 1, 17, 2, 8, 8, 61, true),
                new Case(3, 16, 16, 2, 33, 3, 16, 16, 70, true),
                new Case(2, 6, 9, 3, 24, 1, 0, 0, 50, false),
                new Case(5, 1, 32, 1, 16, 2, 7, 8, 64, true),
                // one recording through wide layers: forward tasks split output rows (and, pointwise, time)
                new Case(1, 8, 130, 1, 1, 1, 0, 0, 1100, true),
                new Case(1, 4, 72, 1, 16, 2, 7, 8, 90, true),
                // pointwise weight gradients over several sample chunks and row blocks, grouped too
                new Case(3, 40, 20, 1, 1, 1, 0, 0, 2000, true),
                new Case(4, 12, 36, 2, 1, 1, 0, 0, 1500, true),
                // pointwise with a register tile of channels on both sides: x or dy transposed, chunks
                new Case(3, 64, 130, 1, 1, 1, 0, 0, 45, true),
                new Case(2, 136, 64, 1, 1, 1, 0, 0, 37, true),
                new Case(2, 256, 384, 2, 1, 1, 0, 0, 20, false),
                new Case(9, 64, 128, 1, 1, 1, 0, 0, 21, true),
                // pointwise rows shorter than four register tiles: blocks of samples side by side
                new Case(11, 20, 70, 1, 1, 1, 0, 0, 40, true),
                new Case(5, 18, 12, 3, 1, 1, 0, 0, 79, false),
                // ... with more than one block of 64 columns (input channels forward, output channels backward)
                new Case(6, 150, 70, 1, 1, 1, 0, 0, 33, true),
                new Case(5, 260, 140, 2, 1, 1, 0, 0, 21, false),
                new Case(3, 64, 192, 1, 1, 1, 0, 0, 40, true),
                // ... in enough blocks of samples (16 of three) that each task sweeps all 150 output rows
                new Case(48, 8, 150, 1, 1, 1, 0, 0, 130, true)));
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < 24; i++) {
            int groups = new int[] {1, 2, 4}[rng.nextInt(3)];
            int k = new int[] {1, 2, 3, 5, 8, 11, 16, 20}[rng.nextInt(8)];
            int stride = 1 + rng.nextInt(3);
            int padLeft = rng.nextInt(k), padRight = rng.nextInt(k);
            int lin = Math.max(1, k - padLeft - padRight) + rng.nextInt(90);
            cases.add(new Case(1 + rng.nextInt(3), groups * (1 + rng.nextInt(6)), groups * (1 + rng.nextInt(6)),
                    groups, k, stride, padLeft, padRight, lin, rng.nextBoolean()));
        }
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void forwardMatchesReference(Case c) {
        SplittableRandom rng = new SplittableRandom(c.hashCode());
        Tensor x = normal(rng, c.n, c.cin, c.lin);
        Tensor w = normal(rng, c.cout, c.cin / c.groups, c.k);
        Tensor b = c.bias ? normal(rng, c.cout) : null;
        Tensor y = Tensor.full(DType.F32, Float.NaN, c.n, c.cout, c.lout());
        SIMD.conv1dForward(x, w, b, c.geometry(), y);

        Tensor expected = Tensor.zeros(DType.F64, c.n, c.cout, c.lout());
        SCALAR.conv1dForward(f64(x), f64(w), f64(b), c.geometry(), expected);
        Tensor bound = Tensor.zeros(DType.F64, c.n, c.cout, c.lout());
        SCALAR.conv1dForward(abs(x), abs(w), abs(b), c.geometry(), bound);
        assertWithinBound("conv1dForward " + c, y, expected, bound, c.cin / c.groups * c.k + 2);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void backwardDataMatchesReference(Case c) {
        SplittableRandom rng = new SplittableRandom(c.hashCode() + 1);
        Tensor dy = normal(rng, c.n, c.cout, c.lout());
        Tensor w = normal(rng, c.cout, c.cin / c.groups, c.k);
        Tensor dx = normal(rng, c.n, c.cin, c.lin);
        Tensor expected = f64(dx), bound = abs(dx);
        SIMD.conv1dBackwardData(dy, w, c.geometry(), dx);

        SCALAR.conv1dBackwardData(f64(dy), f64(w), c.geometry(), expected);
        SCALAR.conv1dBackwardData(abs(dy), abs(w), c.geometry(), bound);
        assertWithinBound("conv1dBackwardData " + c, dx, expected, bound, c.cout / c.groups * c.k + 2);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void backwardWeightMatchesReference(Case c) {
        SplittableRandom rng = new SplittableRandom(c.hashCode() + 2);
        Tensor dy = normal(rng, c.n, c.cout, c.lout());
        Tensor x = normal(rng, c.n, c.cin, c.lin);
        Tensor dw = normal(rng, c.cout, c.cin / c.groups, c.k);
        Tensor db = c.bias ? normal(rng, c.cout) : null;
        Tensor expectedW = f64(dw), boundW = abs(dw), expectedB = f64(db), boundB = abs(db);
        SIMD.conv1dBackwardWeight(dy, x, c.geometry(), dw, db);

        SCALAR.conv1dBackwardWeight(f64(dy), f64(x), c.geometry(), expectedW, expectedB);
        SCALAR.conv1dBackwardWeight(abs(dy), abs(x), c.geometry(), boundW, boundB);
        int terms = c.n * c.lout() + 2;
        assertWithinBound("conv1dBackwardWeight dw " + c, dw, expectedW, boundW, terms);
        if (c.bias) {
            assertWithinBound("conv1dBackwardWeight dbias " + c, db, expectedB, boundB, terms);
        }
    }

    @Test
    void errorsStayFarBelowTheWorstCaseBound() {
        // The bound above is a worst case; on random data a float32 kernel lands orders of magnitude
        // inside it. Holding the observed error small catches a kernel that, say, rounds the
        // inputs to half precision.
        Case c = new Case(2, 96, 96, 2, 16, 1, 7, 8, 300, true);
        SplittableRandom rng = new SplittableRandom(3);
        Tensor x = normal(rng, c.n, c.cin, c.lin), w = normal(rng, c.cout, c.cin / c.groups, c.k);
        Tensor b = normal(rng, c.cout);
        Tensor y = Tensor.zeros(c.n, c.cout, c.lout());
        SIMD.conv1dForward(x, w, b, c.geometry(), y);
        Tensor expected = Tensor.zeros(DType.F64, c.n, c.cout, c.lout());
        Tensor bound = Tensor.zeros(DType.F64, c.n, c.cout, c.lout());
        SCALAR.conv1dForward(f64(x), f64(w), f64(b), c.geometry(), expected);
        SCALAR.conv1dForward(abs(x), abs(w), abs(b), c.geometry(), bound);
        double worst = assertWithinBound("conv1dForward", y, expected, bound, c.cin / c.groups * c.k + 2);
        assertTrue(worst < 8, "largest error is " + worst + "·u·Σ|terms|, expected a few u");
    }

    @Test
    void viewsWithAnOffsetAreRespected() {
        SplittableRandom rng = new SplittableRandom(11);
        Case c = new Case(2, 8, 8, 2, 16, 2, 7, 8, 45, true);
        Tensor big = normal(rng, 5, c.cin, c.lin);
        Tensor x = big.slice(2, 4);
        Tensor w = normal(rng, c.cout, c.cin / c.groups, c.k), b = normal(rng, c.cout);
        Tensor yBig = Tensor.zeros(4, c.cout, c.lout());
        Tensor y = yBig.slice(1, 3);
        SIMD.conv1dForward(x, w, b, c.geometry(), y);
        Tensor expected = Tensor.zeros(DType.F64, c.n, c.cout, c.lout());
        SCALAR.conv1dForward(f64(x), f64(w), f64(b), c.geometry(), expected);
        Tensor bound = Tensor.zeros(DType.F64, c.n, c.cout, c.lout());
        SCALAR.conv1dForward(abs(x), abs(w), abs(b), c.geometry(), bound);
        assertWithinBound("conv1dForward on views", y, expected, bound, c.cin / c.groups * c.k + 2);
        for (int i = 0; i < c.cout * c.lout(); i++) {
            assertEquals(0.0, yBig.getFlat(i), "the view's neighbours stay untouched");
        }
    }

    @Test
    void badShapesNameTheOperationAndShapes() {
        Conv1dGeometry g = new Conv1dGeometry(1, 7, 8, 4);
        Tensor x = Tensor.zeros(2, 16, 30), w = Tensor.zeros(16, 4, 16), y = Tensor.zeros(2, 16, 30);
        Tensor wrongGroups = Tensor.zeros(16, 8, 16);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SIMD.conv1dForward(x, wrongGroups, null, g, y));
        assertTrue(e.getMessage().contains("conv1d") && e.getMessage().contains("[16, 8, 16]"), e.getMessage());

        Conv1dGeometry indivisible = new Conv1dGeometry(1, 7, 8, 3);
        e = assertThrows(IllegalArgumentException.class, () -> SIMD.conv1dForward(x, w, null, indivisible, y));
        assertTrue(e.getMessage().contains("divisible by groups 3"), e.getMessage());

        Tensor shortY = Tensor.zeros(2, 16, 29);
        e = assertThrows(IllegalArgumentException.class, () -> SIMD.conv1dBackwardData(shortY, w, g, x));
        assertTrue(e.getMessage().contains("[2, 16, 29]") && e.getMessage().contains("[2, 16, 30]"), e.getMessage());

        Tensor badBias = Tensor.zeros(15);
        e = assertThrows(IllegalArgumentException.class, () -> SIMD.conv1dBackwardWeight(y, x, g, w, badBias));
        assertTrue(e.getMessage().contains("bias [15]"), e.getMessage());

        Tensor x64 = Tensor.zeros(DType.F64, 2, 16, 30);
        e = assertThrows(IllegalArgumentException.class, () -> SIMD.conv1dForward(x64, w, null, g, y));
        assertTrue(e.getMessage().contains("mix dtypes"), e.getMessage());
    }

    @Test
    void f64IsDelegatedToTheScalarReference() {
        SplittableRandom rng = new SplittableRandom(5);
        Conv1dGeometry g = new Conv1dGeometry(2, 7, 8, 2);
        Tensor x = f64(normal(rng, 2, 4, 33)), w = f64(normal(rng, 6, 2, 16)), b = f64(normal(rng, 6));
        Tensor y = Tensor.zeros(DType.F64, 2, 6, g.outputLength(33, 16));
        Tensor expected = Tensor.zeros(DType.F64, 2, 6, g.outputLength(33, 16));
        SIMD.conv1dForward(x, w, b, g, y);
        SCALAR.conv1dForward(x, w, b, g, expected);
        for (int i = 0; i < y.size(); i++) {
            assertEquals(expected.getFlat(i), y.getFlat(i));
        }
    }
}
