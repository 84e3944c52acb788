package org.jclef.tensor.simd;

import static org.jclef.tensor.simd.VectorMath.F;
import static org.jclef.tensor.simd.VectorMath.LANES;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import org.jclef.tensor.ReduceOp;

/**
 * Reductions along one axis and the broadcast-backward {@code addReduced}. Every output element is
 * summed by one task in an order fixed by the shape: vector lanes hold interleaved partial sums,
 * which are then added from lane 0 upwards, then the scalar tail.
 */
final class Reductions {

    private Reductions() {
    }

    // ------------------------------------------------------------------ reduce over a contiguous line

    /**
     * Reduces {@code n} contiguous elements {@code x[xo …]}. Four vector accumulators run over
     * blocks of four vectors, are added pairwise, take the remaining whole vectors, and their lanes
     * are summed in order before the scalar tail.
     */
    static float reduceLine(ReduceOp op, float[] x, int xo, int n, float[] lanes) {
        return switch (op) {
            case SUM -> sumLine(x, xo, n, lanes);
            case MEAN -> sumLine(x, xo, n, lanes) / n;
            case MAX -> extremeLine(x, xo, n, true);
            case MIN -> extremeLine(x, xo, n, false);
            case LOG_SUM_EXP -> logSumExpLine(x, xo, n, lanes);
        };
    }

    static float sumLine(float[] x, int xo, int n, float[] lanes) {
        FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
        int i = 0;
        int block = 4 * LANES;
        for (; i + block <= n; i += block) {
            a0 = a0.add(FloatVector.fromArray(F, x, xo + i));
            a1 = a1.add(FloatVector.fromArray(F, x, xo + i + LANES));
            a2 = a2.add(FloatVector.fromArray(F, x, xo + i + 2 * LANES));
            a3 = a3.add(FloatVector.fromArray(F, x, xo + i + 3 * LANES));
        }
        FloatVector acc = a0.add(a1).add(a2.add(a3));
        for (; i + LANES <= n; i += LANES) {
            acc = acc.add(FloatVector.fromArray(F, x, xo + i));
        }
        float sum = VectorMath.sumLanes(acc, lanes);
        for (; i < n; i++) {
            sum += x[xo + i];
        }
        return sum;
    }

    private static float extremeLine(float[] x, int xo, int n, boolean max) {
        VectorOperators.Associative op = max ? VectorOperators.MAX : VectorOperators.MIN;
        float best = x[xo];
        int i = 0;
        if (n >= LANES) {
            FloatVector acc = FloatVector.fromArray(F, x, xo);
            for (i = LANES; i + LANES <= n; i += LANES) {
                acc = acc.lanewise(op, FloatVector.fromArray(F, x, xo + i));
            }
            // max and min are exact, commutative and associative (NaN wins, +0 > −0), so lane order is free
            best = acc.reduceLanes(op);
        }
        for (; i < n; i++) {
            best = max ? Math.max(best, x[xo + i]) : Math.min(best, x[xo + i]);
        }
        return best;
    }

    private static float logSumExpLine(float[] x, int xo, int n, float[] lanes) {
        float max = extremeLine(x, xo, n, true);
        if (Float.isInfinite(max)) {
            return max;
        }
        FloatVector shift = FloatVector.broadcast(F, max);
        FloatVector acc = FloatVector.zero(F);
        int i = 0;
        for (; i + LANES <= n; i += LANES) {
            acc = acc.add(VectorMath.exp(FloatVector.fromArray(F, x, xo + i).sub(shift)));
        }
        float sum = VectorMath.sumLanes(acc, lanes);
        for (; i < n; i++) {
            sum += VectorMath.exp(x[xo + i] - max);
        }
        return max + (float) Math.log(sum);
    }

    // ------------------------------------------------------------------ reduce across rows

    /**
     * Reduces {@code n} rows of stride {@code inner} element-wise over columns {@code [from, to)}:
     * {@code out[oo + i] = op over j of x[xo + j·inner + i]}. Used when the reduced axis is not the
     * last one; the vectors run along the contiguous columns.
     */
    static void reduceRows(ReduceOp op, float[] x, int xo, int n, int inner, float[] out, int oo, int from, int to,
                           float[] lanes) {
        int i = from;
        for (; i + LANES <= to; i += LANES) {
            reduceColumns(op, x, xo + i, n, inner, lanes).intoArray(out, oo + i);
        }
        for (; i < to; i++) {
            out[oo + i] = reduceColumn(op, x, xo + i, n, inner);
        }
    }

    private static FloatVector reduceColumns(ReduceOp op, float[] x, int xo, int n, int inner, float[] lanes) {
        switch (op) {
            case SUM, MEAN -> {
                FloatVector acc = FloatVector.zero(F);
                for (int j = 0; j < n; j++) {
                    acc = acc.add(FloatVector.fromArray(F, x, xo + j * inner));
                }
                return op == ReduceOp.SUM ? acc : acc.div(n);
            }
            case MAX, MIN -> {
                VectorOperators.Binary f = op == ReduceOp.MAX ? VectorOperators.MAX : VectorOperators.MIN;
                FloatVector acc = FloatVector.fromArray(F, x, xo);
                for (int j = 1; j < n; j++) {
                    acc = acc.lanewise(f, FloatVector.fromArray(F, x, xo + j * inner));
                }
                return acc;
            }
            case LOG_SUM_EXP -> {
                FloatVector max = FloatVector.fromArray(F, x, xo);
                for (int j = 1; j < n; j++) {
                    max = max.max(FloatVector.fromArray(F, x, xo + j * inner));
                }
                // lanes whose maximum is ±∞ return it, like the scalar path; the others use max 0 meanwhile
                VectorMask<Float> infinite = max.test(VectorOperators.IS_INFINITE);
                FloatVector shift = max.blend(0f, infinite);
                FloatVector acc = FloatVector.zero(F);
                for (int j = 0; j < n; j++) {
                    acc = acc.add(VectorMath.exp(FloatVector.fromArray(F, x, xo + j * inner).sub(shift)));
                }
                FloatVector lse = shift.add(logOf(acc, lanes));
                return lse.blend(max, infinite);
            }
        }
        throw new AssertionError(op);
    }

    /** Lane-wise natural logarithm through {@link Math#log}: rare enough not to need a vector form. */
    private static FloatVector logOf(FloatVector v, float[] lanes) {
        v.intoArray(lanes, 0);
        for (int i = 0; i < LANES; i++) {
            lanes[i] = (float) Math.log(lanes[i]);
        }
        return FloatVector.fromArray(F, lanes, 0);
    }

    private static float reduceColumn(ReduceOp op, float[] x, int xo, int n, int inner) {
        switch (op) {
            case SUM, MEAN -> {
                float sum = 0;
                for (int j = 0; j < n; j++) {
                    sum += x[xo + j * inner];
                }
                return op == ReduceOp.SUM ? sum : sum / n;
            }
            case MAX, MIN -> {
                float best = x[xo];
                for (int j = 1; j < n; j++) {
                    best = op == ReduceOp.MAX ? Math.max(best, x[xo + j * inner]) : Math.min(best, x[xo + j * inner]);
                }
                return best;
            }
            case LOG_SUM_EXP -> {
                float max = x[xo];
                for (int j = 1; j < n; j++) {
                    max = Math.max(max, x[xo + j * inner]);
                }
                if (Float.isInfinite(max)) {
                    return max;
                }
                float sum = 0;
                for (int j = 0; j < n; j++) {
                    sum += VectorMath.exp(x[xo + j * inner] - max);
                }
                return max + (float) Math.log(sum);
            }
        }
        throw new AssertionError(op);
    }

    // ------------------------------------------------------------------ addReduced

    /**
     * How {@code out += x summed to out's shape} walks x. The coalesced space alternates kept axes
     * (out has them) and reduced axes (out is broadcast along them). A <em>unit</em> is one output
     * row (when the last axis is kept, of length {@code m}) or one output element (when it is
     * reduced, then summing lines of length {@code m}); a <em>combination</em> is one index of the
     * other reduced axes, visited in row-major order.
     */
    record AddReducedPlan(int m, boolean lastKept, int[] keptDims, int[] keptX, int[] keptOut,
                          int[] reducedDims, int[] reducedX, int units, int combinations) {

        /** {@code space}: the coalesced iteration space of x (operand 0) and out (operand 1). */
        static AddReducedPlan of(Coalesced space) {
            int r = space.rank();
            int[] dims = space.dims(), xs = space.strides()[0], os = space.strides()[1];
            boolean lastKept = os[r - 1] != 0;
            int kept = 0;
            for (int a = 0; a < r - 1; a++) {
                kept += os[a] != 0 ? 1 : 0;
            }
            int[] keptDims = new int[kept], keptX = new int[kept], keptOut = new int[kept];
            int[] reducedDims = new int[r - 1 - kept], reducedX = new int[r - 1 - kept];
            int k = 0, q = 0, units = 1, combinations = 1;
            for (int a = 0; a < r - 1; a++) {
                if (os[a] != 0) {
                    keptDims[k] = dims[a];
                    keptX[k] = xs[a];
                    keptOut[k++] = os[a];
                    units *= dims[a];
                } else {
                    reducedDims[q] = dims[a];
                    reducedX[q++] = xs[a];
                    combinations *= dims[a];
                }
            }
            return new AddReducedPlan(dims[r - 1], lastKept, keptDims, keptX, keptOut, reducedDims, reducedX,
                    units, combinations);
        }

        /** Elements of x read per unit. */
        long unitSize() {
            return (long) m * combinations;
        }
    }

    /** {@code out += x} reduced, for units {@code [from, to)} of {@code plan}. */
    static void addReduced(AddReducedPlan p, float[] x, int xo, float[] out, int oo, int from, int to,
                           Scratch scratch) {
        float[] lanes = scratch.floats(Scratch.LANE_SUM, LANES);
        float[] row = p.lastKept() ? scratch.floats(Scratch.PANEL, p.m()) : null;
        for (int u = from; u < to; u++) {
            int xBase = xo, oBase = oo;
            int rest = u;
            for (int a = p.keptDims().length - 1; a >= 0; a--) {
                int i = rest % p.keptDims()[a];
                rest /= p.keptDims()[a];
                xBase += i * p.keptX()[a];
                oBase += i * p.keptOut()[a];
            }
            if (p.lastKept()) {
                Arrays.fill(row, 0, p.m(), 0f);
                for (int c = 0; c < p.combinations(); c++) {
                    Elementwise.addInto(x, xBase + combinationOffset(p, c), row, 0, p.m());
                }
                Elementwise.addInto(row, 0, out, oBase, p.m());
            } else {
                FloatVector acc = FloatVector.zero(F);
                float tail = 0;
                int upper = F.loopBound(p.m());
                for (int c = 0; c < p.combinations(); c++) {
                    int line = xBase + combinationOffset(p, c);
                    for (int i = 0; i < upper; i += LANES) {
                        acc = acc.add(FloatVector.fromArray(F, x, line + i));
                    }
                    for (int i = upper; i < p.m(); i++) {
                        tail += x[line + i];
                    }
                }
                out[oBase] += VectorMath.sumLanes(acc, lanes) + tail;
            }
        }
    }

    private static int combinationOffset(AddReducedPlan p, int c) {
        int offset = 0;
        for (int a = p.reducedDims().length - 1; a >= 0; a--) {
            offset += (c % p.reducedDims()[a]) * p.reducedX()[a];
            c /= p.reducedDims()[a];
        }
        return offset;
    }
}
