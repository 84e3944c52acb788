package org.jclef.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Hand-computed values for the reference backend: everything else is tested against it. */
class ScalarBackendTest {
    private final Backend b = new ScalarBackend();

    private static Tensor f64(double[] v, int... shape) {
        return Tensor.of(v, shape);
    }

    @Test
    void groupedStridedPaddedConvMatchesHandComputation() {
        // x: [1, 2, 4], w: [2, 1, 2] with groups 2, stride 2, pad 1/0: L_out = (4 + 1 - 2)/2 + 1 = 2.
        Tensor x = f64(new double[] {1, 2, 3, 4, 10, 20, 30, 40}, 1, 2, 4);
        Tensor w = f64(new double[] {1, -1, 0.5, 2}, 2, 1, 2);
        Tensor bias = f64(new double[] {100, 0}, 2);
        Conv1dGeometry g = new Conv1dGeometry(2, 1, 0, 2);
        Tensor y = Tensor.zeros(DType.F64, 1, 2, 2);
        b.conv1dForward(x, w, bias, g, y);
        // channel 0 windows: [pad, 1], [2, 3] -> 1*0 - 1*1 + 100 = 99, 1*2 - 1*3 + 100 = 99
        // channel 1 windows: [pad, 10], [20, 30] -> 2*10 = 20, 0.5*20 + 2*30 = 70
        assertArrayEquals(new double[] {99, 99, 20, 70}, y.toDoubleArray());

        Tensor dy = f64(new double[] {1, 2, 3, 4}, 1, 2, 2);
        Tensor dx = Tensor.zeros(DType.F64, 1, 2, 4);
        b.conv1dBackwardData(dy, w, g, dx);
        assertArrayEquals(new double[] {-1, 2, -2, 0, 6, 2, 8, 0}, dx.toDoubleArray());

        Tensor dw = Tensor.zeros(DType.F64, 2, 1, 2);
        Tensor db = Tensor.zeros(DType.F64, 2);
        b.conv1dBackwardWeight(dy, x, g, dw, db);
        // dw[0] = dy00 * [0, 1] + dy01 * [2, 3] = [4, 7]; dw[1] = 3 * [0, 10] + 4 * [20, 30] = [80, 150]
        assertArrayEquals(new double[] {4, 7, 80, 150}, dw.toDoubleArray());
        assertArrayEquals(new double[] {3, 7}, db.toDoubleArray());
    }

    @Test
    void backwardAccumulates() {
        Tensor x = f64(new double[] {1, 2}, 2);
        Tensor dy = f64(new double[] {1, 1}, 2);
        Tensor dx = f64(new double[] {10, 10}, 2);
        b.unaryBackward(UnaryOp.EXP, x, x.copy(), dy, dx);
        assertArrayEquals(new double[] {11, 12}, dx.toDoubleArray());
    }

    @Test
    void unaryValuesAndDerivatives() {
        Tensor x = f64(new double[] {0, 2}, 2);
        Tensor y = Tensor.zerosLike(x);
        b.unary(UnaryOp.SWISH, x, y);
        assertEquals(0, y.getFlat(0));
        assertEquals(2 / (1 + Math.exp(-2)), y.getFlat(1), 1e-15);
        Tensor dx = Tensor.zerosLike(x);
        b.unaryBackward(UnaryOp.SWISH, x, y, f64(new double[] {1, 1}, 2), dx);
        assertEquals(0.5, dx.getFlat(0), 1e-15);
    }

    @Test
    void binaryBroadcastsBothWays() {
        Tensor a = f64(new double[] {1, 2, 3, 4, 5, 6}, 2, 3, 1);
        Tensor c = f64(new double[] {10, 20, 30}, 3, 1);
        Tensor out = Tensor.zeros(DType.F64, 2, 3, 1);
        b.binary(BinaryOp.MUL, a, c, out);
        assertArrayEquals(new double[] {10, 40, 90, 40, 100, 180}, out.toDoubleArray());
        Tensor row = f64(new double[] {1, 2}, 1, 2);
        Tensor col = f64(new double[] {10, 20, 30}, 3, 1);
        Tensor sum = Tensor.zeros(DType.F64, 3, 2);
        b.binary(BinaryOp.ADD, row, col, sum);
        assertArrayEquals(new double[] {11, 12, 21, 22, 31, 32}, sum.toDoubleArray());
    }

    @Test
    void reductionsAlongAnAxis() {
        Tensor x = f64(new double[] {1, 5, 3, 4, 2, 6}, 2, 3);
        Tensor out = Tensor.zeros(DType.F64, 2, 1);
        b.reduce(ReduceOp.MAX, x, 1, out);
        assertArrayEquals(new double[] {5, 6}, out.toDoubleArray());
        Tensor cols = Tensor.zeros(DType.F64, 1, 3);
        b.reduce(ReduceOp.MEAN, x, 0, cols);
        assertArrayEquals(new double[] {2.5, 3.5, 4.5}, cols.toDoubleArray());
        b.reduce(ReduceOp.LOG_SUM_EXP, x, -1, out);
        assertEquals(Math.log(Math.exp(1) + Math.exp(5) + Math.exp(3)), out.getFlat(0), 1e-12);
        Tensor big = f64(new double[] {1000, 1000}, 1, 2);
        Tensor lse = Tensor.zeros(DType.F64, 1, 1);
        b.reduce(ReduceOp.LOG_SUM_EXP, big, 1, lse);
        assertEquals(1000 + Math.log(2), lse.getFlat(0), 1e-9, "stable for large inputs");
    }

    @Test
    void addReducedSumsBroadcastAxes() {
        Tensor x = f64(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor out = f64(new double[] {100, 0, 0}, 3);
        b.addReduced(x, out);
        assertArrayEquals(new double[] {105, 7, 9}, out.toDoubleArray());
    }

    @Test
    void matmulWithTransposesAndSharedOperand() {
        Tensor a = f64(new double[] {1, 2, 3, 4}, 2, 2);
        Tensor bb = f64(new double[] {1, 0, 0, 1, 2, 0, 0, 2}, 2, 2, 2);
        Tensor c = Tensor.zeros(DType.F64, 2, 2, 2);
        b.matmul(a, false, bb, false, c, false);
        assertArrayEquals(new double[] {1, 2, 3, 4, 2, 4, 6, 8}, c.toDoubleArray());
        Tensor at = Tensor.zeros(DType.F64, 2, 2);
        b.matmul(a, true, a, false, at, false);
        assertArrayEquals(new double[] {10, 14, 14, 20}, at.toDoubleArray());
    }

    @Test
    void maxPoolPadsWithZeroAndRoutesGradientToFirstMax() {
        Pool1dGeometry same = new Pool1dGeometry(2, 2, 0, 1, 0.0);
        Tensor x = f64(new double[] {1, 3, 3, -2, -5}, 1, 1, 5);
        Tensor y = Tensor.zeros(DType.F64, 1, 1, 3);
        b.maxPool1dForward(x, same, y);
        assertArrayEquals(new double[] {3, 3, 0}, y.toDoubleArray(), "last window is max(-5, pad 0)");
        Tensor dx = Tensor.zeros(DType.F64, 1, 1, 5);
        b.maxPool1dBackward(x, f64(new double[] {1, 2, 4}, 1, 1, 3), same, dx);
        assertArrayEquals(new double[] {0, 1, 2, 0, 0}, dx.toDoubleArray());
    }

    @Test
    void padAndNarrowAreInverse() {
        Tensor x = f64(new double[] {1, 2, 3, 4}, 1, 2, 2);
        Tensor out = Tensor.zeros(DType.F64, 1, 5, 2);
        b.padAxis(x, 1, 1, out);
        assertArrayEquals(new double[] {0, 0, 1, 2, 3, 4, 0, 0, 0, 0}, out.toDoubleArray());
        Tensor dx = Tensor.zeros(DType.F64, 1, 2, 2);
        b.narrowAxisBackward(out, 1, 1, dx);
        assertArrayEquals(x.toDoubleArray(), dx.toDoubleArray());
    }

    @Test
    void adamWMatchesOneHandStep() {
        Tensor p = f64(new double[] {1}, 1);
        Tensor g = f64(new double[] {0.5}, 1);
        Tensor m = Tensor.zeros(DType.F64, 1), v = Tensor.zeros(DType.F64, 1);
        b.adamUpdate(p, g, m, v, new AdamStep(0.1, 0.9, 0.999, 1e-8, 0.01, true, 1));
        // decay: 1 - 0.1*0.01 = 0.999; m̂ = 0.5, v̂ = 0.25 -> step 0.1 * 0.5 / (0.5 + 1e-8)
        assertEquals(0.999 - 0.1 * 0.5 / (0.5 + 1e-8), p.getFlat(0), 1e-15);
        assertEquals(0.05, m.getFlat(0), 1e-15);
        assertEquals(0.00025, v.getFlat(0), 1e-15);
    }

    @Test
    void float32ResultsAreRoundedFromDouble() {
        Tensor a = Tensor.of(new float[] {1f / 3}, 1);
        Tensor out = Tensor.zeros(1);
        b.affine(a, 3, 0, out);
        assertEquals((float) (3.0 * (1f / 3)), out.floats()[0]);
    }

    @Test
    void badShapesNameTheOpAndWhatWasExpected() {
        Tensor x = Tensor.zeros(1, 6, 10);
        Tensor w = Tensor.zeros(4, 3, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.conv1dForward(x, w, null, new Conv1dGeometry(1, 0, 0, 4), Tensor.zeros(1, 4, 8)));
        assertTrue(e.getMessage().contains("divisible by groups 4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> b.conv1dForward(x, w, null, new Conv1dGeometry(1, 0, 0, 2), Tensor.zeros(1, 4, 9)));
        assertTrue(e.getMessage().contains("expected [1, 4, 8]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> b.matmul(Tensor.zeros(2, 3), false, Tensor.zeros(2, 3), false, Tensor.zeros(2, 3), false));
        assertTrue(e.getMessage().contains("inner dimensions differ"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Conv1dGeometry(0, 0, 0, 1));
        assertTrue(e.getMessage().contains("stride=0"), e.getMessage());
    }
}
