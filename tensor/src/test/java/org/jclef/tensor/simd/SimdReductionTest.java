package org.jclef.tensor.simd;

import static org.jclef.tensor.simd.Reference.SCALAR;
import static org.jclef.tensor.simd.Reference.abs;
import static org.jclef.tensor.simd.Reference.assertWithinBound;
import static org.jclef.tensor.simd.Reference.f64;
import static org.jclef.tensor.simd.Reference.normal;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.jclef.tensor.DType;
import org.jclef.tensor.ReduceOp;
import org.jclef.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** reduce and addReduced against the double-precision scalar reference. */
class SimdReductionTest {
    private static final SimdBackend SIMD = new SimdBackend(2);
    private static final int[][] SHAPES = {{3, 5, 37}, {2, 4, 1250}, {4, 16}, {7}, {1}, {2, 33, 17}, {3, 1, 70}};

    @ParameterizedTest
    @EnumSource(ReduceOp.class)
    void reduceMatchesReferenceOnEveryAxis(ReduceOp op) {
        SplittableRandom rng = new SplittableRandom(op.ordinal());
        for (int[] shape : SHAPES) {
            for (int axis = -1; axis < shape.length; axis++) {
                Tensor x = normal(rng, shape);
                int[] outShape = shape.clone();
                outShape[Math.floorMod(axis, shape.length)] = 1;
                Tensor out = Tensor.zeros(outShape);
                SIMD.reduce(op, x, axis, out);
                Tensor expected = Tensor.zeros(DType.F64, outShape);
                SCALAR.reduce(op, f64(x), axis, expected);
                int n = shape[Math.floorMod(axis, shape.length)];
                String what = "reduce " + op + " axis " + axis + " of " + Arrays.toString(shape);
                switch (op) {
                    case SUM, MEAN -> {
                        Tensor bound = Tensor.zeros(DType.F64, outShape);
                        SCALAR.reduce(op, abs(x), axis, bound);
                        assertWithinBound(what, out, expected, bound, n + 2);
                    }
                    case MAX, MIN -> Reference.assertBitwiseEqual(what, out, expected.to(DType.F32));
                    case LOG_SUM_EXP -> {
                        // log of a sum of n positive terms, each within a few ulp: absolute error ~ (n + 8)u
                        Tensor bound = abs(expected);
                        for (int i = 0; i < bound.size(); i++) {
                            bound.setFlat(i, bound.getFlat(i) + 1);
                        }
                        assertWithinBound(what, out, expected, bound, n + 8);
                    }
                }
            }
        }
    }

    @Test
    void logSumExpKeepsInfiniteMaxima() {
        Tensor x = Tensor.of(new float[] {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, 1, Float.POSITIVE_INFINITY,
            3, 4}, 3, 2);
        Tensor rows = Tensor.zeros(3, 1);
        SIMD.reduce(ReduceOp.LOG_SUM_EXP, x, 1, rows);
        assertTrue(rows.get(0, 0) == Double.NEGATIVE_INFINITY && rows.get(1, 0) == Double.POSITIVE_INFINITY,
                rows.toString());
        assertTrue(Math.abs(rows.get(2, 0) - (4 + Math.log(1 + Math.exp(-1)))) < 1e-6, rows.toString());
    }

    /** (x shape, out shape): the backward of every broadcast the model uses. */
    private static final int[][][] REDUCED = {
        {{3, 5, 37}, {5, 1}},
        {{3, 5, 37}, {1, 5, 1}},
        {{3, 5, 37}, {3, 5, 1}},
        {{3, 5, 37}, {1}},
        {{3, 5, 37}, {}},
        {{3, 5, 37}, {3, 5, 37}},
        {{3, 5, 37}, {37}},
        {{3, 5, 37}, {3, 1, 37}},
        {{4, 16}, {16}},
        {{2, 8, 1250}, {8, 1}},
        {{2, 3, Elementwise.CHUNK + 9}, {1, 3, 1}},
    };

    @Test
    void addReducedMatchesReferenceForEveryBroadcastPattern() {
        SplittableRandom rng = new SplittableRandom(21);
        for (int[][] shapes : REDUCED) {
            Tensor x = normal(rng, shapes[0]);
            Tensor out = normal(rng, shapes[1]);
            Tensor expected = f64(out), bound = abs(out);
            SIMD.addReduced(x, out);
            SCALAR.addReduced(f64(x), expected);
            SCALAR.addReduced(abs(x), bound);
            int terms = x.size() / Math.max(1, out.size()) + 2;
            assertWithinBound("addReduced " + Arrays.deepToString(shapes), out, expected, bound, terms);
        }
    }

    @Test
    void badReductionShapesNameTheOperation() {
        Tensor x = Tensor.zeros(3, 5, 7);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SIMD.reduce(ReduceOp.SUM, x, 1, Tensor.zeros(3, 5, 1)));
        assertTrue(e.getMessage().contains("reduce SUM") && e.getMessage().contains("[3, 1, 7]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SIMD.addReduced(x, Tensor.zeros(4, 1)));
        assertTrue(e.getMessage().contains("addReduced") && e.getMessage().contains("[4, 1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SIMD.reduce(ReduceOp.SUM, x, 3, Tensor.zeros(3, 5, 7)));
        assertTrue(e.getMessage().contains("axis 3"), e.getMessage());
    }
}
