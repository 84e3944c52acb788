package org.jclef.tensor.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import org.jclef.tensor.DType;
import org.jclef.tensor.ScalarBackend;
import org.jclef.tensor.Tensor;

/**
 * Test helpers for holding the SIMD backend to the double-precision scalar reference.
 *
 * <p>The tolerance is the classic forward error bound of a float sum: an F32 result computed from
 * {@code R} products may differ from the exact value by at most about {@code R·u·Σ|terms|}, where
 * {@code u = 2^−24}. {@code Σ|terms|} is obtained by running the reference on the absolute values
 * of the inputs, so the bound is per element and a wrong index or a lost term (an O(1) error)
 * cannot hide inside it.
 */
final class Reference {
    /** Unit roundoff of float32. */
    static final double U = Math.ulp(1f) / 2;

    static final ScalarBackend SCALAR = new ScalarBackend();

    private Reference() {
    }

    static Tensor normal(SplittableRandom rng, int... shape) {
        Tensor t = Tensor.zeros(DType.F32, shape);
        for (int i = 0; i < t.size(); i++) {
            t.setFlat(i, rng.nextGaussian());
        }
        return t;
    }

    static Tensor uniform(SplittableRandom rng, double lo, double hi, int... shape) {
        Tensor t = Tensor.zeros(DType.F32, shape);
        for (int i = 0; i < t.size(); i++) {
            t.setFlat(i, lo + (hi - lo) * rng.nextDouble());
        }
        return t;
    }

    /** An exact F64 copy of an F32 tensor. */
    static Tensor f64(Tensor t) {
        return t == null ? null : t.to(DType.F64);
    }

    /** An F64 tensor of the absolute values. */
    static Tensor abs(Tensor t) {
        if (t == null) {
            return null;
        }
        Tensor a = t.to(DType.F64);
        double[] d = a.doubles();
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.abs(d[i]);
        }
        return a;
    }

    /**
     * Asserts {@code |actual − expected| <= terms·U·bound + 1e-30} element-wise and returns the
     * largest observed error in units of {@code U·bound}.
     */
    static double assertWithinBound(String what, Tensor actual, Tensor expected, Tensor bound, double terms) {
        assertEquals(actual.size(), expected.size(), what + ": sizes");
        double worst = 0;
        for (int i = 0; i < actual.size(); i++) {
            double a = actual.getFlat(i), e = expected.getFlat(i), b = bound.getFlat(i);
            double err = Math.abs(a - e);
            if (Double.isNaN(a) != Double.isNaN(e) || err > terms * U * b + 1e-30) {
                fail(what + ": element " + i + " is " + a + ", expected " + e + " (bound " + terms * U * b
                        + " = " + terms + "·u·" + b + ")");
            }
            if (b > 0) {
                worst = Math.max(worst, err / (U * b));
            }
        }
        return worst;
    }

    /** Asserts bitwise equality of two F32 tensors. */
    static void assertBitwiseEqual(String what, Tensor a, Tensor b) {
        assertEquals(a.size(), b.size(), what + ": sizes");
        for (int i = 0; i < a.size(); i++) {
            int x = Float.floatToRawIntBits((float) a.getFlat(i)), y = Float.floatToRawIntBits((float) b.getFlat(i));
            if (x != y) {
                fail(what + ": element " + i + " differs: " + a.getFlat(i) + " vs " + b.getFlat(i));
            }
        }
    }
}
