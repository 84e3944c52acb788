package org.jclef.tensor.simd;

import static org.jclef.tensor.simd.VectorMath.F;
import static org.jclef.tensor.simd.VectorMath.LANES;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;

/**
 * Splitting a row into its even and odd elements and zipping two rows back together: the stride-2
 * layout changes of Net1D's downsampling convolutions and max-pools. Two vectors of a row hold 2·LANES
 * consecutive elements; one two-source shuffle takes their even (or odd) elements, and two shuffles
 * zip two vectors back. Each method finishes with a scalar loop that does the same for what is left.
 */
final class Stride2 {
    /** From (v0, v1): lanes 0, 2, 4, … of their concatenation. */
    static final VectorShuffle<Float> EVEN = VectorShuffle.fromOp(F, i -> 2 * i);
    /** From (v0, v1): lanes 1, 3, 5, … of their concatenation. */
    static final VectorShuffle<Float> ODD = VectorShuffle.fromOp(F, i -> 2 * i + 1);
    /** Interleaves a, b into (a0, b0, a1, b1, …): the first half … */
    static final VectorShuffle<Float> ZIP_LOW = VectorShuffle.fromOp(F, i -> i % 2 == 0 ? i / 2 : LANES + i / 2);
    /** … and the second half. */
    static final VectorShuffle<Float> ZIP_HIGH =
            VectorShuffle.fromOp(F, i -> i % 2 == 0 ? LANES / 2 + i / 2 : LANES + LANES / 2 + i / 2);

    private Stride2() {
    }

    /** {@code even[ea + k] = x[from + 2k]} and {@code odd[oa + k] = x[from + 2k + 1]} for {@code k < count}. */
    static void split(float[] x, int from, int count, float[] even, int ea, float[] odd, int oa) {
        int k = 0;
        for (; k + LANES <= count; k += LANES) {
            FloatVector v0 = FloatVector.fromArray(F, x, from + 2 * k);
            FloatVector v1 = FloatVector.fromArray(F, x, from + 2 * k + LANES);
            v0.rearrange(EVEN, v1).intoArray(even, ea + k);
            v0.rearrange(ODD, v1).intoArray(odd, oa + k);
        }
        for (; k < count; k++) {
            even[ea + k] = x[from + 2 * k];
            odd[oa + k] = x[from + 2 * k + 1];
        }
    }

    /** {@code y[to + 2k] += even[ea + k]} and {@code y[to + 2k + 1] += odd[oa + k]} for {@code k < count}. */
    static void zipAdd(float[] even, int ea, float[] odd, int oa, int count, float[] y, int to) {
        int k = 0;
        for (; k + LANES <= count; k += LANES) {
            FloatVector e = FloatVector.fromArray(F, even, ea + k);
            FloatVector o = FloatVector.fromArray(F, odd, oa + k);
            int at = to + 2 * k;
            FloatVector.fromArray(F, y, at).add(e.rearrange(ZIP_LOW, o)).intoArray(y, at);
            FloatVector.fromArray(F, y, at + LANES).add(e.rearrange(ZIP_HIGH, o)).intoArray(y, at + LANES);
        }
        for (; k < count; k++) {
            y[to + 2 * k] += even[ea + k];
            y[to + 2 * k + 1] += odd[oa + k];
        }
    }
}
