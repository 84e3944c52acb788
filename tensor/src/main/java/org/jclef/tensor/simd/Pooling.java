package org.jclef.tensor.simd;

import static org.jclef.tensor.simd.VectorMath.F;
import static org.jclef.tensor.simd.VectorMath.LANES;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import org.jclef.tensor.Pool1dGeometry;

/**
 * 1-D max-pooling over rows of {@code x: [N·C, L_in]}. Net1D's pool (kernel = stride = 2) has a
 * vector path: two vectors of x are split into even and odd positions, the larger wins (the first on
 * ties), and the backward zips the routed gradient back. Windows that touch padding, and every
 * other geometry, take the scalar path, which computes exactly the same thing. The pad value is
 * compared as a float.
 */
final class Pooling {
    private static final FloatVector ZERO = FloatVector.zero(F);

    private Pooling() {
    }

    /** {@code y = maxPool(x)} for rows {@code [from, to)}. */
    static void forward(float[] x, int xo, int lin, Pool1dGeometry g, float[] y, int yo, int lout, int from, int to) {
        boolean pairs = isPairPool(g);
        int first = pairs ? interiorFirst(g, lout) : 0, end = pairs ? interiorEnd(g, lin, lout) : 0;
        for (int row = from; row < to; row++) {
            int xr = xo + row * lin, yr = yo + row * lout;
            int t = 0;
            if (pairs) {
                for (; t < first; t++) {
                    y[yr + t] = windowMax(x, xr, lin, t, g);
                }
                for (; t + LANES <= end; t += LANES) {
                    int at = xr + 2 * t - g.padLeft();
                    FloatVector v0 = FloatVector.fromArray(F, x, at);
                    FloatVector v1 = FloatVector.fromArray(F, x, at + LANES);
                    FloatVector even = v0.rearrange(Stride2.EVEN, v1), odd = v0.rearrange(Stride2.ODD, v1);
                    even.blend(odd, odd.compare(VectorOperators.GT, even)).intoArray(y, yr + t);
                }
            }
            for (; t < lout; t++) {
                y[yr + t] = windowMax(x, xr, lin, t, g);
            }
        }
    }

    /** {@code dx += dy} routed to each window's first maximum, for rows {@code [from, to)}. */
    static void backward(float[] x, int xo, int lin, Pool1dGeometry g, float[] dy, int dyo, int lout,
                         float[] dx, int dxo, int from, int to) {
        boolean pairs = isPairPool(g);
        int first = pairs ? interiorFirst(g, lout) : 0, end = pairs ? interiorEnd(g, lin, lout) : 0;
        for (int row = from; row < to; row++) {
            int xr = xo + row * lin, gr = dyo + row * lout, dr = dxo + row * lin;
            int t = 0;
            if (pairs) {
                for (; t < first; t++) {
                    route(x, xr, lin, t, g, dy[gr + t], dx, dr);
                }
                for (; t + LANES <= end; t += LANES) {
                    int pos = 2 * t - g.padLeft();
                    FloatVector v0 = FloatVector.fromArray(F, x, xr + pos);
                    FloatVector v1 = FloatVector.fromArray(F, x, xr + pos + LANES);
                    FloatVector even = v0.rearrange(Stride2.EVEN, v1), odd = v0.rearrange(Stride2.ODD, v1);
                    VectorMask<Float> oddWins = odd.compare(VectorOperators.GT, even);
                    FloatVector grad = FloatVector.fromArray(F, dy, gr + t);
                    FloatVector toEven = grad.blend(ZERO, oddWins), toOdd = ZERO.blend(grad, oddWins);
                    int at = dr + pos;
                    FloatVector.fromArray(F, dx, at).add(toEven.rearrange(Stride2.ZIP_LOW, toOdd)).intoArray(dx, at);
                    FloatVector.fromArray(F, dx, at + LANES).add(toEven.rearrange(Stride2.ZIP_HIGH, toOdd))
                            .intoArray(dx, at + LANES);
                }
            }
            for (; t < lout; t++) {
                route(x, xr, lin, t, g, dy[gr + t], dx, dr);
            }
        }
    }

    private static boolean isPairPool(Pool1dGeometry g) {
        return g.kernel() == 2 && g.stride() == 2;
    }

    /** For kernel = stride = 2: the first output whose window lies inside x. */
    private static int interiorFirst(Pool1dGeometry g, int lout) {
        return Math.min(lout, (g.padLeft() + 1) / 2);
    }

    /** For kernel = stride = 2: one past the last output whose window lies inside x. */
    private static int interiorEnd(Pool1dGeometry g, int lin, int lout) {
        return Math.max(interiorFirst(g, lout), Math.min(lout, Math.floorDiv(lin + g.padLeft() - 2, 2) + 1));
    }

    /** The maximum of window t, the first one winning ties and padded positions holding the pad value. */
    private static float windowMax(float[] x, int xr, int lin, int t, Pool1dGeometry g) {
        float best = 0;
        for (int j = 0; j < g.kernel(); j++) {
            int pos = t * g.stride() + j - g.padLeft();
            float e = pos >= 0 && pos < lin ? x[xr + pos] : (float) g.padValue();
            if (j == 0 || e > best) {
                best = e;
            }
        }
        return best;
    }

    /** Adds {@code grad} at window t's first maximum, unless that is a padded position. */
    private static void route(float[] x, int xr, int lin, int t, Pool1dGeometry g, float grad, float[] dx, int dr) {
        float best = 0;
        int bestPos = -1;
        for (int j = 0; j < g.kernel(); j++) {
            int pos = t * g.stride() + j - g.padLeft();
            boolean inside = pos >= 0 && pos < lin;
            float e = inside ? x[xr + pos] : (float) g.padValue();
            if (j == 0 || e > best) {
                best = e;
                bestPos = inside ? pos : -1;
            }
        }
        if (bestPos >= 0) {
            dx[dr + bestPos] += grad;
        }
    }
}
