package org.jclef.tensor.simd;

import static org.jclef.tensor.simd.VectorMath.F;
import static org.jclef.tensor.simd.VectorMath.LANES;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import org.jclef.tensor.BinaryOp;
import org.jclef.tensor.UnaryOp;

/**
 * Elementwise float kernels over flat index ranges {@code [from, to)} of contiguous arrays: a vector
 * loop, then a scalar tail that computes exactly what a vector lane would. Array arguments come with
 * the offset of element 0 ({@code xo}, {@code yo}, ...), as in {@link org.jclef.tensor.Tensor#offset()}.
 */
final class Elementwise {
    /** Elements per task: large enough to hide the dispatch, small enough to share among threads. */
    static final int CHUNK = 1 << 14;

    private static final FloatVector ZERO = FloatVector.zero(F);
    private static final FloatVector ONE = FloatVector.broadcast(F, 1f);

    private Elementwise() {
    }

    // ------------------------------------------------------------------ unary

    /**
     * {@code y = op(x)} on {@code [from, to)}; y may be x. (One method per function: each stays small
     * enough for the JIT to keep every vector in registers.)
     */
    static void unary(UnaryOp op, float[] x, int xo, float[] y, int yo, int from, int to) {
        switch (op) {
            case EXP -> exp(x, xo, y, yo, from, to);
            case LOG -> log(x, xo, y, yo, from, to);
            case SIGMOID -> sigmoid(x, xo, y, yo, from, to);
            case SWISH -> swish(x, xo, y, yo, from, to);
            case SQRT -> sqrt(x, xo, y, yo, from, to);
            case RELU -> relu(x, xo, y, yo, from, to);
            case ABS -> abs(x, xo, y, yo, from, to);
        }
    }

    private static void exp(float[] x, int xo, float[] y, int yo, int from, int to) {
        int i = from;
        int upper = from + F.loopBound(to - from);
        for (; i < upper; i += LANES) {
            VectorMath.exp(FloatVector.fromArray(F, x, xo + i)).intoArray(y, yo + i);
        }
        for (; i < to; i++) {
            y[yo + i] = VectorMath.exp(x[xo + i]);
        }
    }

    /** Through {@link Math#log}: only losses take logarithms, on small tensors. */
    private static void log(float[] x, int xo, float[] y, int yo, int from, int to) {
        for (int i = from; i < to; i++) {
            y[yo + i] = (float) Math.log(x[xo + i]);
        }
    }

    private static void sigmoid(float[] x, int xo, float[] y, int yo, int from, int to) {
        int i = from;
        int upper = from + F.loopBound(to - from);
        for (; i < upper; i += LANES) {
            VectorMath.sigmoid(FloatVector.fromArray(F, x, xo + i)).intoArray(y, yo + i);
        }
        for (; i < to; i++) {
            y[yo + i] = VectorMath.sigmoid(x[xo + i]);
        }
    }

    private static void swish(float[] x, int xo, float[] y, int yo, int from, int to) {
        int i = from;
        int upper = from + F.loopBound(to - from);
        for (; i < upper; i += LANES) {
            FloatVector v = FloatVector.fromArray(F, x, xo + i);
            v.mul(VectorMath.sigmoid(v)).intoArray(y, yo + i);
        }
        for (; i < to; i++) {
            float v = x[xo + i];
            y[yo + i] = v * VectorMath.sigmoid(v);
        }
    }

    private static void sqrt(float[] x, int xo, float[] y, int yo, int from, int to) {
        int i = from;
        int upper = from + F.loopBound(to - from);
        for (; i < upper; i += LANES) {
            FloatVector.fromArray(F, x, xo + i).sqrt().intoArray(y, yo + i);
        }
        for (; i < to; i++) {
            y[yo + i] = (float) Math.sqrt(x[xo + i]);
        }
    }

    private static void relu(float[] x, int xo, float[] y, int yo, int from, int to) {
        int i = from;
        int upper = from + F.loopBound(to - from);
        for (; i < upper; i += LANES) {
            FloatVector v = FloatVector.fromArray(F, x, xo + i);
            ZERO.blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(y, yo + i);
        }
        for (; i < to; i++) {
            float v = x[xo + i];
            y[yo + i] = v > 0 ? v : 0f;
        }
    }

    private static void abs(float[] x, int xo, float[] y, int yo, int from, int to) {
        int i = from;
        int upper = from + F.loopBound(to - from);
        for (; i < upper; i += LANES) {
            FloatVector.fromArray(F, x, xo + i).abs().intoArray(y, yo + i);
        }
        for (; i < to; i++) {
            y[yo + i] = Math.abs(x[xo + i]);
        }
    }

    /** {@code dx += dy · op'(x)} on {@code [from, to)}, with {@code y = op(x)} saved by the forward. */
    static void unaryBackward(UnaryOp op, float[] x, int xo, float[] y, int yo, float[] dy, int dyo,
                              float[] dx, int dxo, int from, int to) {
        switch (op) {
            case EXP -> expBackward(x, xo, y, yo, dy, dyo, dx, dxo, from, to);
            case LOG -> logBackward(x, xo, y, yo, dy, dyo, dx, dxo, from, to);
            case SIGMOID -> sigmoidBackward(x, xo, y, yo, dy, dyo, dx, dxo, from, to);
            case SWISH -> swishBackward(x, xo, y, yo, dy, dyo, dx, dxo, from, to);
            case SQRT -> sqrtBackward(x, xo, y, yo, dy, dyo, dx, dxo, from, to);
            case RELU -> reluBackward(x, xo, y, yo, dy, dyo, dx, dxo, from, to);
            case ABS -> absBackward(x, xo, y, yo, dy, dyo, dx, dxo, from, to);
        }
    }

    private static void expBackward(float[] x, int xo, float[] y, int yo, float[] dy, int dyo, float[] dx, int dxo,
                                int from, int to) {
        int i = from;
        int upper = from + F.loopBound(to - from);
        for (; i < upper; i += LANES) {
            FloatVector g = FloatVector.fromArray(F, dy, dyo + i);
            FloatVector yv = FloatVector.fromArray(F, y, yo + i);
            g.fma(yv, FloatVector.fromArray(F, dx, dxo + i)).intoArray(dx, dxo + i);
        }
        for (; i < to; i++) {
            dx[dxo + i] = Math.fma(dy[dyo + i], y[yo + i], dx[dxo + i]);
        }
    }

    private static void logBackward(float[] x, int xo, float[] y, int yo, float[] dy, int dyo, float[] dx, int dxo,
                                int from, int to) {
        int i = from;
        int upper = from + F.loopBound(to - from);
        for (; i < upper; i += LANES) {
            FloatVector g = FloatVector.fromArray(F, dy, dyo + i);
            FloatVector xv = FloatVector.fromArray(F, x, xo + i);
            FloatVector.fromArray(F, dx, dxo + i).add(g.div(xv)).intoArray(dx, dxo + i);
        }
        for (; i < to; i++) {
            dx[dxo + i] = dx[dxo + i] + dy[dyo + i] / x[xo + i];
        }
    }

    private static void sigmoidBackward(float[] x, int xo, float[] y, int yo, float[] dy, int dyo, float[] dx, int dxo,
                                int from, int to) {
        int i = from;
        int upper = from + F.loopBound(to - from);
        for (; i < upper; i += LANES) {
            FloatVector g = FloatVector.fromArray(F, dy, dyo + i);
            FloatVector yv = FloatVector.fromArray(F, y, yo + i);
            FloatVector d = yv.mul(ONE.sub(yv));
            g.fma(d, FloatVector.fromArray(F, dx, dxo + i)).intoArray(dx, dxo + i);
        }
        for (; i < to; i++) {
            float yv = y[yo + i];
            dx[dxo + i] = Math.fma(dy[dyo + i], yv * (1f - yv), dx[dxo + i]);
        }
    }

    private static void swishBackward(float[] x, int xo, float[] y, int yo, float[] dy, int dyo, float[] dx, int dxo,
                                int from, int to) {
        int i = from;
        int upper = from + F.loopBound(to - from);
        for (; i < upper; i += LANES) {
            FloatVector g = FloatVector.fromArray(F, dy, dyo + i);
            FloatVector xv = FloatVector.fromArray(F, x, xo + i);
            FloatVector s = VectorMath.sigmoid(xv);
            FloatVector d = s.mul(xv.fma(ONE.sub(s), ONE));
            g.fma(d, FloatVector.fromArray(F, dx, dxo + i)).intoArray(dx, dxo + i);
        }
        for (; i < to; i++) {
            float xv = x[xo + i];
            float s = VectorMath.sigmoid(xv);
            float d = s * Math.fma(xv, 1f - s, 1f);
            dx[dxo + i] = Math.fma(dy[dyo + i], d, dx[dxo + i]);
        }
    }

    private static void sqrtBackward(float[] x, int xo, float[] y, int yo, float[] dy, int dyo, float[] dx, int dxo,
                                int from, int to) {
        int i = from;
        int upper = from + F.loopBound(to - from);
        for (; i < upper; i += LANES) {
            FloatVector g = FloatVector.fromArray(F, dy, dyo + i);
            FloatVector d = FloatVector.broadcast(F, 0.5f).div(FloatVector.fromArray(F, y, yo + i));
            g.fma(d, FloatVector.fromArray(F, dx, dxo + i)).intoArray(dx, dxo + i);
        }
        for (; i < to; i++) {
            dx[dxo + i] = Math.fma(dy[dyo + i], 0.5f / y[yo + i], dx[dxo + i]);
        }
    }

    private static void reluBackward(float[] x, int xo, float[] y, int yo, float[] dy, int dyo, float[] dx, int dxo,
                                int from, int to) {
        int i = from;
        int upper = from + F.loopBound(to - from);
        for (; i < upper; i += LANES) {
            FloatVector g = FloatVector.fromArray(F, dy, dyo + i);
            VectorMask<Float> positive = FloatVector.fromArray(F, x, xo + i).compare(VectorOperators.GT, 0f);
            FloatVector d = ZERO.blend(ONE, positive);
            g.fma(d, FloatVector.fromArray(F, dx, dxo + i)).intoArray(dx, dxo + i);
        }
        for (; i < to; i++) {
            float d = x[xo + i] > 0 ? 1f : 0f;
            dx[dxo + i] = Math.fma(dy[dyo + i], d, dx[dxo + i]);
        }
    }

    private static void absBackward(float[] x, int xo, float[] y, int yo, float[] dy, int dyo, float[] dx, int dxo,
                                int from, int to) {
        int i = from;
        int upper = from + F.loopBound(to - from);
        for (; i < upper; i += LANES) {
            FloatVector g = FloatVector.fromArray(F, dy, dyo + i);
            FloatVector xv = FloatVector.fromArray(F, x, xo + i);
            // sign(x): ±1, and x itself for ±0 and NaN, as Math.signum
            FloatVector d = xv.blend(ONE, xv.compare(VectorOperators.GT, 0f))
                    .blend(ONE.neg(), xv.compare(VectorOperators.LT, 0f));
            g.fma(d, FloatVector.fromArray(F, dx, dxo + i)).intoArray(dx, dxo + i);
        }
        for (; i < to; i++) {
            dx[dxo + i] = Math.fma(dy[dyo + i], Math.signum(x[xo + i]), dx[dxo + i]);
        }
    }

    // ------------------------------------------------------------------ binary

    /**
     * One output row of {@code out = a op b}: {@code len} elements, where each operand either runs
     * along the row ({@code sa} or {@code sb} = 1) or is one broadcast value (= 0).
     */
    static void binaryRow(BinaryOp op, float[] a, int ia, int sa, float[] b, int ib, int sb,
                          float[] out, int io, int len) {
        int done;
        if (op == BinaryOp.POW) {
            done = 0;
        } else if (sa == 1 && sb == 1) {
            done = rowBoth(op, a, ia, b, ib, out, io, len);
        } else if (sa == 1) {
            done = rowScalarB(op, a, ia, b[ib], out, io, len);
        } else if (sb == 1) {
            done = rowScalarA(op, a[ia], b, ib, out, io, len);
        } else {
            done = 0;
        }
        for (int i = done; i < len; i++) {
            out[io + i] = apply(op, a[ia + i * sa], b[ib + i * sb]);
        }
    }

    /** The whole vectors of a row where both operands run along it; returns how many elements it did. */
    private static int rowBoth(BinaryOp op, float[] a, int ia, float[] b, int ib, float[] out, int io, int len) {
        int upper = F.loopBound(len);
        for (int i = 0; i < upper; i += LANES) {
            apply(op, FloatVector.fromArray(F, a, ia + i), FloatVector.fromArray(F, b, ib + i)).intoArray(out, io + i);
        }
        return upper;
    }

    private static int rowScalarB(BinaryOp op, float[] a, int ia, float b, float[] out, int io, int len) {
        int upper = F.loopBound(len);
        FloatVector vb = FloatVector.broadcast(F, b);
        for (int i = 0; i < upper; i += LANES) {
            apply(op, FloatVector.fromArray(F, a, ia + i), vb).intoArray(out, io + i);
        }
        return upper;
    }

    private static int rowScalarA(BinaryOp op, float a, float[] b, int ib, float[] out, int io, int len) {
        int upper = F.loopBound(len);
        FloatVector va = FloatVector.broadcast(F, a);
        for (int i = 0; i < upper; i += LANES) {
            apply(op, va, FloatVector.fromArray(F, b, ib + i)).intoArray(out, io + i);
        }
        return upper;
    }

    private static FloatVector apply(BinaryOp op, FloatVector a, FloatVector b) {
        return switch (op) {
            case ADD -> a.add(b);
            case SUB -> a.sub(b);
            case MUL -> a.mul(b);
            case DIV -> a.div(b);
            case MAX -> b.blend(a, a.compare(VectorOperators.GE, b));
            case MIN -> b.blend(a, a.compare(VectorOperators.LE, b));
            case POW -> throw new AssertionError("POW has no vector form");
        };
    }

    private static float apply(BinaryOp op, float a, float b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case MAX -> a >= b ? a : b;
            case MIN -> a <= b ? a : b;
            case POW -> (float) Math.pow(a, b);
        };
    }

    // ------------------------------------------------------------------ affine, power, accumulate

    /** {@code y = scale · x + shift} on {@code [from, to)}, as one fused multiply-add. */
    static void affine(float[] x, int xo, float scale, float shift, float[] y, int yo, int from, int to) {
        int i = from;
        int upper = from + F.loopBound(to - from);
        for (; i < upper; i += LANES) {
            FloatVector.fromArray(F, x, xo + i).fma(scale, shift).intoArray(y, yo + i);
        }
        for (; i < to; i++) {
            y[yo + i] = Math.fma(x[xo + i], scale, shift);
        }
    }

    /** {@code y = x^exponent} on {@code [from, to)}; squares are vectorised, other powers use {@link Math#pow}. */
    static void power(float[] x, int xo, double exponent, float[] y, int yo, int from, int to) {
        if (exponent == 2) {
            int i = from;
            int upper = from + F.loopBound(to - from);
            for (; i < upper; i += LANES) {
                FloatVector v = FloatVector.fromArray(F, x, xo + i);
                v.mul(v).intoArray(y, yo + i);
            }
            for (; i < to; i++) {
                y[yo + i] = x[xo + i] * x[xo + i];
            }
        } else {
            for (int i = from; i < to; i++) {
                y[yo + i] = (float) Math.pow(x[xo + i], exponent);
            }
        }
    }

    /** {@code y[yo + i] += x[xo + i]} for {@code i} in {@code [0, len)}. */
    static void addInto(float[] x, int xo, float[] y, int yo, int len) {
        int i = 0;
        int upper = F.loopBound(len);
        for (; i < upper; i += LANES) {
            FloatVector.fromArray(F, y, yo + i).add(FloatVector.fromArray(F, x, xo + i)).intoArray(y, yo + i);
        }
        for (; i < len; i++) {
            y[yo + i] += x[xo + i];
        }
    }
}
