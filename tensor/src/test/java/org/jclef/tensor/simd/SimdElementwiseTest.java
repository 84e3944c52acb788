package org.jclef.tensor.simd;

import static org.jclef.tensor.simd.Reference.SCALAR;
import static org.jclef.tensor.simd.Reference.U;
import static org.jclef.tensor.simd.Reference.abs;
import static org.jclef.tensor.simd.Reference.assertWithinBound;
import static org.jclef.tensor.simd.Reference.f64;
import static org.jclef.tensor.simd.Reference.normal;
import static org.jclef.tensor.simd.Reference.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.jclef.tensor.BinaryOp;
import org.jclef.tensor.DType;
import org.jclef.tensor.Shapes;
import org.jclef.tensor.Tensor;
import org.jclef.tensor.UnaryOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Elementwise SIMD kernels against the double-precision scalar reference. */
class SimdElementwiseTest {
    private static final SimdBackend SIMD = new SimdBackend(2);
    /** Lengths around the vector width and the task chunk, odd and even. */
    private static final int[] LENGTHS = {1, 7, 15, 16, 17, 33, 64, 1000, 1250, Elementwise.CHUNK + 37};

    /** Inputs inside each function's domain: positive for log and sqrt, wide for the rest. */
    private static Tensor input(UnaryOp op, SplittableRandom rng, int n) {
        return switch (op) {
            case LOG, SQRT -> uniform(rng, 1e-3, 20, n);
            default -> uniform(rng, -30, 30, n);
        };
    }

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void unaryMatchesReference(UnaryOp op) {
        SplittableRandom rng = new SplittableRandom(op.ordinal());
        for (int n : LENGTHS) {
            Tensor x = input(op, rng, n);
            Tensor y = Tensor.zeros(n);
            SIMD.unary(op, x, y);
            Tensor expected = Tensor.zeros(DType.F64, n);
            SCALAR.unary(op, f64(x), expected);
            // a few ulp of the result: our exp is within 2 ulp, sigmoid and swish add two roundings
            assertWithinBound("unary " + op + " n=" + n, y, expected, abs(expected), 12);
        }
    }

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void unaryBackwardMatchesReference(UnaryOp op) {
        SplittableRandom rng = new SplittableRandom(100 + op.ordinal());
        for (int n : LENGTHS) {
            Tensor x = input(op, rng, n);
            Tensor y = Tensor.zeros(n);
            SIMD.unary(op, x, y);
            Tensor dy = normal(rng, n), dx = normal(rng, n);
            Tensor expected = f64(dx);
            SCALAR.unaryBackward(op, f64(x), f64(y), f64(dy), expected);
            // |dx| + |dy|·(1 + |x| + |op'|): the derivative's rounding scales with its parts
            Tensor derivative = Tensor.zeros(DType.F64, n);
            SCALAR.unaryBackward(op, f64(x), f64(y), Tensor.full(DType.F64, 1, n), derivative);
            Tensor bound = Tensor.zeros(DType.F64, n);
            for (int i = 0; i < n; i++) {
                bound.setFlat(i, Math.abs(dx.getFlat(i)) + Math.abs(dy.getFlat(i))
                        * (1 + Math.abs(x.getFlat(i)) + Math.abs(derivative.getFlat(i))));
            }
            SIMD.unaryBackward(op, x, y, dy, dx);
            assertWithinBound("unaryBackward " + op + " n=" + n, dx, expected, bound, 16);
        }
    }

    @Test
    void unaryMayWriteInPlaceAndKeepsSpecialValues() {
        Tensor x = Tensor.of(new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f, 0f,
                100f, -100f, 88.7f, -87.5f, -103f, 1e-30f, -1e-30f, 3f, -3f, 0.5f, -0.5f, 2f}, 17);
        Tensor expected = Tensor.zeros(DType.F64, 17);
        for (UnaryOp op : new UnaryOp[] {UnaryOp.EXP, UnaryOp.SIGMOID, UnaryOp.SWISH, UnaryOp.RELU, UnaryOp.ABS}) {
            Tensor y = x.copy();
            SIMD.unary(op, y, y);
            SCALAR.unary(op, f64(x), expected);
            for (int i = 0; i < 17; i++) {
                double e = (float) expected.getFlat(i), a = y.getFlat(i);
                boolean close = a == e || Double.isNaN(e) && Double.isNaN(a)
                        || Math.abs(a - e) <= 12 * U * Math.abs(e) + 1e-40; // subnormal results keep few bits
                assertTrue(close,
                        op + "(" + x.getFlat(i) + ") = " + a + ", expected " + e);
            }
        }
    }

    @Test
    void vectorExpAgreesWithItsScalarTwinBitwise() {
        SplittableRandom rng = new SplittableRandom(9);
        int n = VectorMath.LANES * 4096;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rng.nextDouble(-110, 95));
        }
        float[] special = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, 88.72f, 88.7228f,
                88.73f, 89f, -87.3f, -103.9f, -104f, -150f, Float.MIN_VALUE, -Float.MAX_VALUE};
        System.arraycopy(special, 0, x, 0, special.length);
        float[] vector = new float[n];
        Elementwise.unary(UnaryOp.EXP, x, 0, vector, 0, 0, n);
        for (int i = 0; i < n; i++) {
            float scalar = VectorMath.exp(x[i]);
            assertEquals(Float.floatToRawIntBits(scalar) == Float.floatToRawIntBits(vector[i]) || (Float.isNaN(scalar)
                    && Float.isNaN(vector[i])), true, "exp(" + x[i] + "): vector " + vector[i] + ", scalar " + scalar);
            double exact = Math.exp(x[i]);
            if (exact > Float.MIN_NORMAL && exact < Float.MAX_VALUE) {
                double ulps = Math.abs(scalar - exact) / Math.ulp((float) exact);
                assertTrue(ulps <= 2, "exp(" + x[i] + ") is " + ulps + " ulp off");
            }
        }
    }

    /** Shapes of (a, b) with the broadcast patterns the model uses, plus scalars on either side. */
    private static final int[][][] BROADCASTS = {
        {{3, 5, 37}, {5, 1}},
        {{3, 5, 37}, {3, 5, 1}},
        {{3, 5, 37}, {1, 5, 1}},
        {{3, 5, 37}, {1}},
        {{1}, {3, 5, 37}},
        {{3, 5, 37}, {3, 5, 37}},
        {{2, 4, 1250}, {4, 1}},
        {{3, 5, 1}, {1, 1, 17}},
        {{5, 1}, {3, 5, 33}},
        {{4, 16}, {16}},
        {{2, 3, Elementwise.CHUNK + 5}, {2, 3, 1}},
        {{}, {}},
        {{}, {2, 7}},
    };

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    void binaryMatchesReferenceForEveryBroadcastPattern(BinaryOp op) {
        SplittableRandom rng = new SplittableRandom(200 + op.ordinal());
        for (int[][] shapes : BROADCASTS) {
            Tensor a = op == BinaryOp.POW ? uniform(rng, 0.1, 3, shapes[0]) : normal(rng, shapes[0]);
            Tensor b = op == BinaryOp.DIV ? uniform(rng, 0.5, 2, shapes[1]) : normal(rng, shapes[1]);
            if (op == BinaryOp.MAX || op == BinaryOp.MIN) {
                // ties and signed zeros: the first operand wins ties
                a.setFlat(0, 0.0);
                b.setFlat(0, -0.0);
            }
            int[] shape = Shapes.broadcast("test", shapes[0], shapes[1]);
            Tensor out = Tensor.zeros(shape);
            SIMD.binary(op, a, b, out);
            Tensor expected = Tensor.zeros(DType.F64, shape);
            SCALAR.binary(op, f64(a), f64(b), expected);
            String what = "binary " + op + " " + java.util.Arrays.deepToString(shapes);
            if (op == BinaryOp.MAX || op == BinaryOp.MIN) {
                Reference.assertBitwiseEqual(what, out, expected.to(DType.F32));
            } else {
                assertWithinBound(what, out, expected, abs(expected), 1.01);
            }
        }
    }

    @Test
    void binaryMayOverwriteAnOperandOfTheOutputShape() {
        SplittableRandom rng = new SplittableRandom(4);
        Tensor a = normal(rng, 2, 3, 21), b = normal(rng, 3, 1);
        Tensor expected = Tensor.zeros(DType.F64, 2, 3, 21);
        SCALAR.binary(BinaryOp.MUL, f64(a), f64(b), expected);
        SIMD.binary(BinaryOp.MUL, a, b, a);
        assertWithinBound("in-place MUL", a, expected, abs(expected), 1.01);
    }

    @Test
    void binaryRejectsShapesThatDoNotBroadcast() {
        Tensor a = Tensor.zeros(2, 3, 5), b = Tensor.zeros(4, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SIMD.binary(BinaryOp.ADD, a, b, Tensor.zeros(2, 3, 5)));
        assertTrue(e.getMessage().contains("binary ADD") && e.getMessage().contains("[2, 3, 5]")
                && e.getMessage().contains("[4, 1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SIMD.binary(BinaryOp.ADD, a, Tensor.zeros(3, 1), Tensor.zeros(2, 3, 4)));
        assertTrue(e.getMessage().contains("output [2, 3, 4]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SIMD.unary(UnaryOp.EXP, a, Tensor.zeros(2, 3, 4)));
        assertTrue(e.getMessage().contains("unary EXP") && e.getMessage().contains("[2, 3, 4]"), e.getMessage());
    }

    @Test
    void affineAndPowerMatchReference() {
        SplittableRandom rng = new SplittableRandom(12);
        for (int n : LENGTHS) {
            Tensor x = normal(rng, n);
            Tensor y = Tensor.zeros(n);
            SIMD.affine(x, 1.0 / 3, -0.7, y);
            Tensor expected = Tensor.zeros(DType.F64, n);
            SCALAR.affine(f64(x), 1.0 / 3, -0.7, expected);
            Tensor bound = Tensor.zeros(DType.F64, n);
            SCALAR.affine(abs(x), 1.0 / 3, 0.7, bound);
            assertWithinBound("affine n=" + n, y, expected, bound, 3);

            for (double exponent : new double[] {2, 3, 0.5, -1.5}) {
                Tensor base = uniform(rng, 0.1, 4, n);
                SIMD.powScalar(base, exponent, y);
                SCALAR.powScalar(f64(base), exponent, expected);
                assertWithinBound("pow " + exponent + " n=" + n, y, expected, abs(expected), 1.01);
            }
        }
    }

    @Test
    void copyAndFill() {
        SplittableRandom rng = new SplittableRandom(13);
        Tensor x = normal(rng, 3, 41), y = Tensor.zeros(3, 41);
        SIMD.copy(x, y);
        Reference.assertBitwiseEqual("copy", y, x);
        SIMD.fill(y, 2.5);
        for (int i = 0; i < y.size(); i++) {
            assertEquals(2.5, y.getFlat(i));
        }
    }
}
