package org.jclef.tensor.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector species of the backend and the float functions its kernels share, each as a vector
 * version and a scalar twin that gives bitwise the same result lane by lane.
 *
 * <p>{@link #exp} is our own (Cody–Waite range reduction and a degree-7 polynomial, about 2 ulp)
 * rather than the Vector API's {@code EXP}: that one may be computed differently before and after
 * JIT compilation and differently from any scalar tail, while ours uses only correctly rounded
 * operations (add, multiply, fused multiply-add, bit shifts), so vector lanes, scalar tails and
 * every thread count agree exactly.
 */
final class VectorMath {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    static final int LANES = F.length();
    private static final FloatVector ONE = FloatVector.broadcast(F, 1f);

    // exp: x = k·ln2 + r with |r| <= ln2/2, e^x = 2^k · e^r. ln2 is split in two so that k·LN2_HI is
    // exact (LN2_HI has 9 significant bits, |k| <= 150 has 8).
    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** 1.5·2^23: adding it rounds a float of magnitude < 2^22 to an integer, held in the low mantissa bits. */
    private static final float ROUNDER = 12582912f;
    private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);
    /** Below this e^x is 0 in float; above it, +∞. Clamping keeps k in [−150, 128]. */
    private static final float EXP_LO = -104f;
    private static final float EXP_HI = 88.73f;
    // e^r ≈ 1 + r + r²·(P0 + P1 r + … + P5 r^5) on |r| <= ln2/2 (Cephes expf coefficients).
    private static final float P0 = 5.0000001201e-1f;
    private static final float P1 = 1.6666665459e-1f;
    private static final float P2 = 4.1665795894e-2f;
    private static final float P3 = 8.3334519073e-3f;
    private static final float P4 = 1.3981999507e-3f;
    private static final float P5 = 1.9875691500e-4f;
    private static final FloatVector V_MINUS_LN2_HI = FloatVector.broadcast(F, -LN2_HI);
    private static final FloatVector V_MINUS_LN2_LO = FloatVector.broadcast(F, -LN2_LO);
    private static final FloatVector V_P0 = FloatVector.broadcast(F, P0);
    private static final FloatVector V_P1 = FloatVector.broadcast(F, P1);
    private static final FloatVector V_P2 = FloatVector.broadcast(F, P2);
    private static final FloatVector V_P3 = FloatVector.broadcast(F, P3);

    private VectorMath() {
    }

    /** e^x, lane-wise; NaN stays NaN, overflow gives +∞ and underflow 0. */
    static FloatVector exp(FloatVector x) {
        FloatVector xc = x.max(EXP_LO).min(EXP_HI);
        FloatVector t = xc.fma(LOG2E, ROUNDER);
        FloatVector kf = t.sub(ROUNDER);
        IntVector k = t.reinterpretAsInts().sub(ROUNDER_BITS);
        FloatVector r = kf.fma(V_MINUS_LN2_HI, xc);
        r = kf.fma(V_MINUS_LN2_LO, r);
        FloatVector p = r.fma(P5, P4);
        p = p.fma(r, V_P3);
        p = p.fma(r, V_P2);
        p = p.fma(r, V_P1);
        p = p.fma(r, V_P0);
        FloatVector y = p.fma(r.mul(r), r).add(1f);
        // 2^k as two factors, so that k = −150 (subnormal results) and k = 128 (overflow) work.
        IntVector k1 = k.lanewise(VectorOperators.ASHR, 1);
        IntVector k2 = k.sub(k1);
        FloatVector s1 = k1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector s2 = k2.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return y.mul(s1).mul(s2);
    }

    /** Scalar twin of {@link #exp(FloatVector)}. */
    static float exp(float x) {
        float xc = Math.min(Math.max(x, EXP_LO), EXP_HI);
        float t = Math.fma(xc, LOG2E, ROUNDER);
        float kf = t - ROUNDER;
        int k = Float.floatToRawIntBits(t) - ROUNDER_BITS;
        float r = Math.fma(kf, -LN2_HI, xc);
        r = Math.fma(kf, -LN2_LO, r);
        float p = Math.fma(r, P5, P4);
        p = Math.fma(p, r, P3);
        p = Math.fma(p, r, P2);
        p = Math.fma(p, r, P1);
        p = Math.fma(p, r, P0);
        float y = Math.fma(p, r * r, r) + 1f;
        int k1 = k >> 1;
        int k2 = k - k1;
        float s1 = Float.intBitsToFloat((k1 + 127) << 23);
        float s2 = Float.intBitsToFloat((k2 + 127) << 23);
        return y * s1 * s2;
    }

    /**
     * σ(x) = 1 / (1 + e^−x), computed from z = e^−|x| as 1/(1 + z) for x >= 0 and z/(1 + z) for
     * x < 0, so that large negative x give a small σ instead of overflowing e^−x.
     */
    static FloatVector sigmoid(FloatVector x) {
        FloatVector z = exp(x.abs().neg());
        return ONE.blend(z, x.compare(VectorOperators.LT, 0f)).div(z.add(1f));
    }

    static float sigmoid(float x) {
        float z = exp(-Math.abs(x));
        return (x < 0 ? z : 1f) / (z + 1f);
    }

    /**
     * The sum of a vector's lanes, from lane 0 upwards. (The Vector API's {@code reduceLanes(ADD)}
     * leaves the order to the platform.)
     */
    static float sumLanes(FloatVector v, float[] lanes) {
        v.intoArray(lanes, 0);
        float s = 0;
        for (int i = 0; i < LANES; i++) {
            s += lanes[i];
        }
        return s;
    }

    /** The sum of {@code LANES} floats at {@code a[offset …]}, from the first upwards. */
    static float sumLanes(float[] a, int offset) {
        float s = 0;
        for (int i = 0; i < LANES; i++) {
            s += a[offset + i];
        }
        return s;
    }
}
