package org.jclef.autograd;

import java.util.Arrays;
import java.util.List;
import org.jclef.tensor.Backend;
import org.jclef.tensor.Backends;
import org.jclef.tensor.BinaryOp;
import org.jclef.tensor.Conv1dGeometry;
import org.jclef.tensor.DType;
import org.jclef.tensor.Pool1dGeometry;
import org.jclef.tensor.ReduceOp;
import org.jclef.tensor.Shapes;
import org.jclef.tensor.Tensor;
import org.jclef.tensor.UnaryOp;

/**
 * The primitives of the autograd: the only operations that define a backward pass. Everything
 * else ({@link Functions}) is composed from them and differentiated through them.
 *
 * <p>Each primitive computes its forward with one {@link Backend} call into a fresh output and
 * records a closure that accumulates into its inputs' gradients ({@code g} is ∂L/∂out, reductions
 * to an operand's shape use {@link Backend#addReduced}):
 *
 * <table>
 * <caption>Primitives and their derivatives</caption>
 * <tr><th>primitive</th><th>forward</th><th>backward</th></tr>
 * <tr><td>{@link #exp} {@link #log} {@link #sigmoid} {@link #swish} {@link #sqrt} {@link #relu} {@link #abs}</td>
 *     <td>y = f(x)</td><td>dx += g·f'(x) ({@link UnaryOp})</td></tr>
 * <tr><td>{@link #add} / {@link #sub}</td><td>a ± b (broadcast)</td><td>da += Σg, db += ±Σg</td></tr>
 * <tr><td>{@link #mul}</td><td>a·b</td><td>da += Σ g·b, db += Σ g·a</td></tr>
 * <tr><td>{@link #div}</td><td>a/b</td><td>da += Σ g/b, db −= Σ g·y/b</td></tr>
 * <tr><td>{@link #pow}</td><td>a^b</td><td>da += Σ g·b·a^(b−1), db += Σ g·y·ln a</td></tr>
 * <tr><td>{@link #maximum} / {@link #minimum}</td><td>max/min(a, b)</td>
 *     <td>g to the larger/smaller operand, halved on ties</td></tr>
 * <tr><td>{@link #affine}</td><td>s·x + c</td><td>dx += s·g</td></tr>
 * <tr><td>{@link #powScalar}</td><td>x^p</td><td>dx += g·p·x^(p−1)</td></tr>
 * <tr><td>{@link #reduce} (sum, mean, max, min, logsumexp over an axis)</td><td>keepdim</td>
 *     <td>g broadcast back; /n for mean; split evenly among tied extrema; ·softmax for logsumexp</td></tr>
 * <tr><td>{@link #reshape}</td><td>view</td><td>dx += g reshaped</td></tr>
 * <tr><td>{@link #matmul}</td><td>op(a)·op(b)</td><td>da += g·op(b)ᵀ, db += op(a)ᵀ·g (transposed as needed)</td></tr>
 * <tr><td>{@link #conv1d}</td><td>cross-correlation</td><td>conv1dBackwardData, conv1dBackwardWeight</td></tr>
 * <tr><td>{@link #maxPool1d}</td><td>window max</td><td>g routed to each window's first arg-max</td></tr>
 * <tr><td>{@link #padAxis} / {@link #narrow}</td><td>zero-pad / crop one axis</td><td>crop / zero-pad g</td></tr>
 * <tr><td>{@link #concat} / {@link #slice}</td><td>join / view rows of axis 0</td><td>slice / place g</td></tr>
 * </table>
 *
 * <p>Operands of one call must share a dtype. Shape errors throw {@link IllegalArgumentException}
 * naming the operation, the shapes and what was expected.
 */
public final class Ops {
    private Ops() {
    }

    private static Backend backend() {
        return Backends.current();
    }

    // ================================================================== unary

    /** e^x. {@code x: any shape}; same shape out. */
    public static Variable exp(Variable x) {
        return unary("exp", UnaryOp.EXP, x);
    }

    /** ln x. */
    public static Variable log(Variable x) {
        return unary("log", UnaryOp.LOG, x);
    }

    /** σ(x) = 1/(1 + e^−x). */
    public static Variable sigmoid(Variable x) {
        return unary("sigmoid", UnaryOp.SIGMOID, x);
    }

    /** Swish/SiLU x·σ(x). */
    public static Variable swish(Variable x) {
        return unary("swish", UnaryOp.SWISH, x);
    }

    /** √x. */
    public static Variable sqrt(Variable x) {
        return unary("sqrt", UnaryOp.SQRT, x);
    }

    /** max(x, 0); derivative 0 at 0. */
    public static Variable relu(Variable x) {
        return unary("relu", UnaryOp.RELU, x);
    }

    /** |x|; derivative 0 at 0. */
    public static Variable abs(Variable x) {
        return unary("abs", UnaryOp.ABS, x);
    }

    /** {@code y = op(x)}; backward {@code dx += g·op'(x)}, computed by the backend from x and y. */
    private static Variable unary(String name, UnaryOp op, Variable x) {
        Tensor xv = x.value();
        Tensor y = Tensor.zeros(xv.dtype(), xv.shape());
        backend().unary(op, xv, y);
        return Variable.result(name, y, g -> backend().unaryBackward(op, xv, y, g, x.gradBuffer()), x);
    }

    // ================================================================== binary, broadcast

    /** a + b with NumPy broadcasting: {@code a: [N, C, L] + b: [C, 1] → [N, C, L]}. */
    public static Variable add(Variable a, Variable b) {
        return binary("add", BinaryOp.ADD, a, b);
    }

    /** a − b, broadcast. */
    public static Variable sub(Variable a, Variable b) {
        return binary("sub", BinaryOp.SUB, a, b);
    }

    /** a · b elementwise, broadcast: {@code x: [N, C, L] · s: [N, C, 1]}. */
    public static Variable mul(Variable a, Variable b) {
        return binary("mul", BinaryOp.MUL, a, b);
    }

    /** a / b, broadcast. */
    public static Variable div(Variable a, Variable b) {
        return binary("div", BinaryOp.DIV, a, b);
    }

    /**
     * a^b, broadcast. The exponent's gradient g·y·ln a is NaN where a ≤ 0 (PyTorch gives 0 at
     * a = 0); use {@link #powScalar} for a constant exponent.
     */
    public static Variable pow(Variable a, Variable b) {
        return binary("pow", BinaryOp.POW, a, b);
    }

    /** Elementwise max(a, b), broadcast; on ties each operand gets half the gradient (torch.maximum). */
    public static Variable maximum(Variable a, Variable b) {
        return binary("maximum", BinaryOp.MAX, a, b);
    }

    /** Elementwise min(a, b), broadcast; on ties each operand gets half the gradient (torch.minimum). */
    public static Variable minimum(Variable a, Variable b) {
        return binary("minimum", BinaryOp.MIN, a, b);
    }

    /**
     * {@code y = a op b} broadcast to {@code shape}; the backward forms each operand's share of
     * {@code g} at the output shape and sums it down to the operand's shape.
     */
    private static Variable binary(String name, BinaryOp op, Variable a, Variable b) {
        requireSameDType(name, a, b);
        Tensor av = a.value(), bv = b.value();
        int[] shape = Shapes.broadcast(name, av.shape(), bv.shape());
        Tensor y = Tensor.zeros(av.dtype(), shape);
        backend().binary(op, av, bv, y);
        return Variable.result(name, y, g -> {
            Backend be = backend();
            boolean da = a.requiresGrad(), db = b.requiresGrad();
            switch (op) {
                case ADD, SUB -> {
                    if (da) {
                        a.accumulateGrad(g, false);
                    }
                    if (db) {
                        b.accumulateGrad(op == BinaryOp.ADD ? g : scaled(g, -1), op != BinaryOp.ADD);
                    }
                }
                case MUL -> {
                    // A broadcast operand's share is summed down out of its full-size temporary, which
                    // can then carry the other share: that operand goes first.
                    if (bv.sameShape(y)) {
                        Tensor spare = da ? accumulateProduct(a, g, bv, null) : null;
                        if (db) {
                            accumulateProduct(b, g, av, spare);
                        }
                    } else {
                        Tensor spare = db ? accumulateProduct(b, g, av, null) : null;
                        if (da) {
                            accumulateProduct(a, g, bv, spare);
                        }
                    }
                }
                case DIV -> {
                    if (da) {
                        a.accumulateGrad(apply(BinaryOp.DIV, g, bv), true);
                    }
                    if (db) {
                        Tensor t = apply(BinaryOp.DIV, apply(BinaryOp.MUL, g, y), bv);
                        be.affine(t, -1, 0, t);
                        b.accumulateGrad(t, true);
                    }
                }
                case POW -> {
                    if (da) {
                        Tensor t = apply(BinaryOp.POW, av, affined(bv, 1, -1));
                        be.binary(BinaryOp.MUL, t, bv, t);
                        be.binary(BinaryOp.MUL, t, g, t);
                        a.accumulateGrad(t, true);
                    }
                    if (db) {
                        Tensor logA = Tensor.zeros(av.dtype(), av.shape());
                        be.unary(UnaryOp.LOG, av, logA);
                        Tensor t = apply(BinaryOp.MUL, g, y);
                        be.binary(BinaryOp.MUL, t, logA, t);
                        b.accumulateGrad(t, true);
                    }
                }
                case MAX, MIN -> {
                    // Share of a: g·(1 ± sign(a − b))/2, of b: g·(1 ∓ sign(a − b))/2 (+ for max):
                    // all to the winner, half each on a tie. sign comes from |x|'s backward.
                    Tensor diff = apply(BinaryOp.SUB, av, bv);
                    Tensor signed = Tensor.zeros(g.dtype(), g.shape());
                    be.unaryBackward(UnaryOp.ABS, diff, diff, g, signed);
                    be.affine(signed, op == BinaryOp.MAX ? 0.5 : -0.5, 0, signed);
                    Tensor half = scaled(g, 0.5);
                    if (da) {
                        a.accumulateGrad(apply(BinaryOp.ADD, half, signed), true);
                    }
                    if (db) {
                        b.accumulateGrad(apply(BinaryOp.SUB, half, signed), true);
                    }
                }
            }
        }, a, b);
    }

    // ================================================================== scalar arithmetic

    /** {@code scale·x + shift}, elementwise. Backward {@code dx += scale·g}. */
    public static Variable affine(Variable x, double scale, double shift) {
        Tensor xv = x.value();
        Tensor y = Tensor.zeros(xv.dtype(), xv.shape());
        backend().affine(xv, scale, shift, y);
        return Variable.result("affine", y,
                g -> x.accumulateGrad(scale == 1 ? g : scaled(g, scale), scale != 1), x);
    }

    /** {@code x^exponent}, elementwise. Backward {@code dx += g·p·x^(p−1)}. */
    public static Variable powScalar(Variable x, double exponent) {
        Tensor xv = x.value();
        Tensor y = Tensor.zeros(xv.dtype(), xv.shape());
        backend().powScalar(xv, exponent, y);
        return Variable.result("powScalar", y, g -> {
            Backend be = backend();
            Tensor t = Tensor.zeros(xv.dtype(), xv.shape());
            be.powScalar(xv, exponent - 1, t);
            be.affine(t, exponent, 0, t);
            be.binary(BinaryOp.MUL, t, g, t);
            x.accumulateGrad(t, true);
        }, x);
    }

    // ================================================================== reductions (keepdim)

    /** Σ over {@code axis}, keeping it with size 1: {@code x: [N, C, L], axis 2 → [N, C, 1]}. */
    public static Variable sum(Variable x, int axis) {
        return reduce(ReduceOp.SUM, x, axis);
    }

    /** Mean over {@code axis}, kept with size 1. */
    public static Variable mean(Variable x, int axis) {
        return reduce(ReduceOp.MEAN, x, axis);
    }

    /** Max over {@code axis}, kept with size 1; tied maxima share the gradient evenly (torch.amax). */
    public static Variable max(Variable x, int axis) {
        return reduce(ReduceOp.MAX, x, axis);
    }

    /** Min over {@code axis}, kept with size 1; tied minima share the gradient evenly (torch.amin). */
    public static Variable min(Variable x, int axis) {
        return reduce(ReduceOp.MIN, x, axis);
    }

    /** log Σ e^x over {@code axis} (computed stably), kept with size 1. Backward {@code dx += g·softmax(x)}. */
    public static Variable logSumExp(Variable x, int axis) {
        return reduce(ReduceOp.LOG_SUM_EXP, x, axis);
    }

    /**
     * Reduces {@code x} along {@code axis} (negative counts from the end) to x's shape with that axis
     * set to 1 ({@link Functions#squeeze} drops it). Backward broadcasts {@code g} back along the axis:
     * as is for sum, divided by the axis length for mean, times e^(x − y) for logsumexp, and for max
     * and min split evenly among the elements equal to the extremum.
     */
    public static Variable reduce(ReduceOp op, Variable x, int axis) {
        Tensor xv = x.value();
        String name = switch (op) {
            case SUM -> "sum";
            case MEAN -> "mean";
            case MAX -> "max";
            case MIN -> "min";
            case LOG_SUM_EXP -> "logSumExp";
        };
        if (xv.rank() == 0) {
            throw new IllegalArgumentException(name + ": cannot reduce over axis " + axis
                    + " of a rank-0 tensor; reshape it to [1] first");
        }
        int ax = Shapes.axis(axis, xv.rank());
        int[] shape = xv.shape();
        int n = shape[ax];
        shape[ax] = 1;
        Tensor y = Tensor.zeros(xv.dtype(), shape);
        backend().reduce(op, xv, ax, y);
        return Variable.result(name, y, g -> {
            Backend be = backend();
            Tensor dx = x.gradBuffer();
            switch (op) {
                case SUM -> be.binary(BinaryOp.ADD, dx, g, dx);
                case MEAN -> be.binary(BinaryOp.ADD, dx, scaled(g, 1.0 / n), dx);
                case LOG_SUM_EXP -> {
                    Tensor t = apply(BinaryOp.SUB, xv, y);
                    be.unary(UnaryOp.EXP, t, t);
                    be.binary(BinaryOp.MUL, t, g, t);
                    be.addReduced(t, dx);
                }
                case MAX, MIN -> {
                    Tensor mask = extremaMask(op, xv, y);
                    Tensor count = Tensor.zeros(y.dtype(), y.shape());
                    be.reduce(ReduceOp.SUM, mask, ax, count);
                    be.binary(BinaryOp.MUL, mask, apply(BinaryOp.DIV, g, count), mask);
                    be.addReduced(mask, dx);
                }
            }
        }, x);
    }

    /**
     * 1 where {@code x} equals its (broadcast) extremum {@code y}, else 0. The distance to the
     * extremum, oriented to be positive off it, is exactly 0 on it (IEEE subtraction of distinct
     * values is never 0), and relu's backward with a gradient of ones marks the positive entries.
     */
    private static Tensor extremaMask(ReduceOp op, Tensor x, Tensor y) {
        Backend be = backend();
        Tensor distance = apply(BinaryOp.SUB, x, y);
        if (op == ReduceOp.MAX) {
            be.affine(distance, -1, 0, distance);
        }
        Tensor away = Tensor.zeros(x.dtype(), x.shape());
        be.unaryBackward(UnaryOp.RELU, distance, distance, Tensor.full(x.dtype(), 1, x.shape()), away);
        be.affine(away, -1, 1, away);
        return away;
    }

    // ================================================================== views and layout

    /** The same elements with a new shape (one axis may be −1); a view of x's value. */
    public static Variable reshape(Variable x, int... shape) {
        Tensor xv = x.value();
        Tensor y = xv.reshape(shape);
        int[] xShape = xv.shape();
        return Variable.result("reshape", y, g -> x.accumulateGrad(g.reshape(xShape), false), x);
    }

    /**
     * {@code x} with {@code before} zeros in front and {@code after} zeros behind along {@code axis}:
     * {@code x: [N, C, L], axis 2 → [N, C, before + L + after]}. Backward crops {@code g}.
     */
    public static Variable padAxis(Variable x, int axis, int before, int after) {
        Tensor xv = x.value();
        if (xv.rank() == 0 || before < 0 || after < 0) {
            throw new IllegalArgumentException("padAxis: cannot pad axis " + axis + " of "
                    + Arrays.toString(xv.shape()) + " by (" + before + ", " + after
                    + "); expected rank >= 1 and non-negative amounts");
        }
        int ax = Shapes.axis(axis, xv.rank());
        int[] shape = xv.shape();
        shape[ax] += before + after;
        Tensor y = Tensor.zeros(xv.dtype(), shape);
        backend().padAxis(xv, ax, before, y);
        return Variable.result("padAxis", y, g -> backend().narrowAxisBackward(g, ax, before, x.gradBuffer()), x);
    }

    /**
     * Elements {@code [start, start + length)} along {@code axis}, copied:
     * {@code x: [N, C, L], axis 2 → [N, C, length]}. Backward zero-pads {@code g} back.
     */
    public static Variable narrow(Variable x, int axis, int start, int length) {
        Tensor xv = x.value();
        if (xv.rank() == 0) {
            throw new IllegalArgumentException("narrow: a rank-0 tensor has no axis " + axis);
        }
        int ax = Shapes.axis(axis, xv.rank());
        if (start < 0 || length < 0 || start + length > xv.dim(ax)) {
            throw new IllegalArgumentException("narrow: range [" + start + ", " + (start + length)
                    + ") is outside axis " + axis + " of " + Arrays.toString(xv.shape()));
        }
        int[] shape = xv.shape();
        shape[ax] = length;
        Tensor y = Tensor.zeros(xv.dtype(), shape);
        backend().narrowAxisBackward(xv, ax, start, y);
        return Variable.result("narrow", y, g -> {
            Tensor padded = Tensor.zeros(xv.dtype(), xv.shape());
            backend().padAxis(g, ax, start, padded);
            x.accumulateGrad(padded, true);
        }, x);
    }

    /**
     * Rows {@code [from, to)} of axis 0, as a view of x's value: {@code x: [N, D] → [to − from, D]}.
     * Backward adds {@code g} into those rows of x's gradient.
     */
    public static Variable slice(Variable x, int from, int to) {
        Tensor y = x.value().slice(from, to);
        return Variable.result("slice", y, g -> backend().addReduced(g, x.gradBuffer().slice(from, to)), x);
    }

    /**
     * Joins along axis 0: {@code [n_1, D…], [n_2, D…] → [n_1 + n_2, D…]}. All parts share the
     * trailing shape and dtype; at least one part. Backward hands each part its rows of {@code g}.
     */
    public static Variable concat(List<Variable> parts) {
        if (parts == null || parts.isEmpty()) {
            throw new IllegalArgumentException("concat: expected at least one tensor");
        }
        Tensor first = parts.get(0).value();
        if (first.rank() == 0) {
            throw new IllegalArgumentException("concat: rank-0 parts cannot be joined along axis 0; "
                    + "reshape them to [1] (or use Functions.stack)");
        }
        int[] trailing = Arrays.copyOfRange(first.shape(), 1, first.rank());
        int rows = 0;
        for (int i = 0; i < parts.size(); i++) {
            Tensor p = parts.get(i).value();
            if (p.rank() != first.rank()
                    || !Arrays.equals(Arrays.copyOfRange(p.shape(), 1, p.rank()), trailing)
                    || p.dtype() != first.dtype()) {
                throw new IllegalArgumentException("concat: part " + i + " " + Arrays.toString(p.shape())
                        + " " + p.dtype() + " does not match part 0 " + Arrays.toString(first.shape()) + " "
                        + first.dtype() + " (expected the same shape after axis 0 and the same dtype)");
            }
            rows += p.dim(0);
        }
        int[] shape = first.shape();
        shape[0] = rows;
        Tensor y = Tensor.zeros(first.dtype(), shape);
        int[] starts = new int[parts.size()];
        int row = 0;
        for (int i = 0; i < parts.size(); i++) {
            Tensor p = parts.get(i).value();
            starts[i] = row;
            backend().copy(p, y.slice(row, row + p.dim(0)));
            row += p.dim(0);
        }
        Variable[] inputs = parts.toArray(new Variable[0]);
        return Variable.result("concat", y, g -> {
            for (int i = 0; i < inputs.length; i++) {
                if (inputs[i].requiresGrad()) {
                    int n = inputs[i].value().dim(0);
                    backend().addReduced(g.slice(starts[i], starts[i] + n), inputs[i].gradBuffer());
                }
            }
        }, inputs);
    }

    // ================================================================== linear algebra

    /** {@code a · b}: see {@link #matmul(Variable, boolean, Variable, boolean)}. */
    public static Variable matmul(Variable a, Variable b) {
        return matmul(a, false, b, false);
    }

    /**
     * Batched matrix product {@code op(a) · op(b)}, op transposing the last two axes when its flag
     * is set. {@code op(a): [M, K]} or {@code [B, M, K]}, {@code op(b): [K, N]} or {@code [B, K, N]};
     * the result is {@code [M, N]} for two matrices, else {@code [B, M, N]}, a rank-2 operand being
     * shared by every batch entry. Backward: {@code dop(a) += g · op(b)ᵀ}, {@code dop(b) += op(a)ᵀ · g},
     * summed over the batch for a shared operand.
     */
    public static Variable matmul(Variable a, boolean transposeA, Variable b, boolean transposeB) {
        requireSameDType("matmul", a, b);
        Tensor av = a.value(), bv = b.value();
        if (av.rank() < 2 || av.rank() > 3 || bv.rank() < 2 || bv.rank() > 3) {
            throw new IllegalArgumentException("matmul: operands must have rank 2 or 3, got a "
                    + Arrays.toString(av.shape()) + ", b " + Arrays.toString(bv.shape()));
        }
        int m = transposeA ? av.dim(-1) : av.dim(-2);
        int n = transposeB ? bv.dim(-2) : bv.dim(-1);
        boolean batched = av.rank() == 3 || bv.rank() == 3;
        int batch = av.rank() == 3 ? av.dim(0) : bv.rank() == 3 ? bv.dim(0) : 1;
        Tensor y = Tensor.zeros(av.dtype(), batched ? new int[] {batch, m, n} : new int[] {m, n});
        backend().matmul(av, transposeA, bv, transposeB, y, false);
        return Variable.result("matmul", y, g -> {
            Backend be = backend();
            if (a.requiresGrad()) {
                Tensor da = a.gradBuffer();
                Tensor target = batched && av.rank() == 2 ? Tensor.zeros(g.dtype(), batch, da.dim(0), da.dim(1)) : da;
                if (transposeA) {
                    be.matmul(bv, transposeB, g, true, target, target == da);
                } else {
                    be.matmul(g, false, bv, !transposeB, target, target == da);
                }
                if (target != da) {
                    be.addReduced(target, da);
                }
            }
            if (b.requiresGrad()) {
                Tensor db = b.gradBuffer();
                if (bv.rank() == 2 && av.rank() == 3 && !transposeA) {
                    // The shared b sees the batch as extra rows: fold [B, M, ·] into [B·M, ·].
                    Tensor a2 = av.reshape(-1, av.dim(2));
                    Tensor g2 = g.reshape(-1, g.dim(2));
                    if (transposeB) {
                        be.matmul(g2, true, a2, false, db, true);
                    } else {
                        be.matmul(a2, true, g2, false, db, true);
                    }
                    return;
                }
                Tensor target = batched && bv.rank() == 2 ? Tensor.zeros(g.dtype(), batch, db.dim(0), db.dim(1)) : db;
                if (transposeB) {
                    be.matmul(g, true, av, transposeA, target, target == db);
                } else {
                    be.matmul(av, !transposeA, g, false, target, target == db);
                }
                if (target != db) {
                    be.addReduced(target, db);
                }
            }
        }, a, b);
    }

    // ================================================================== convolution and pooling

    /**
     * Grouped 1-D cross-correlation (PyTorch's conv1d with explicit padding).
     * {@code x: [N, C_in, L_in]}, {@code w: [C_out, C_in/groups, K]}, {@code bias: [C_out]} or null,
     * result {@code [N, C_out, L_out]} with L_out from {@link Conv1dGeometry#outputLength}.
     * Backward: {@code conv1dBackwardData} into dx, {@code conv1dBackwardWeight} into dw and dbias.
     */
    public static Variable conv1d(Variable x, Variable w, Variable bias, Conv1dGeometry geometry) {
        Tensor xv = x.value(), wv = w.value(), bv = bias == null ? null : bias.value();
        if (xv.rank() != 3 || wv.rank() != 3) {
            throw new IllegalArgumentException("conv1d: expected x [N, C_in, L] and w [C_out, C_in/g, K], got x "
                    + Arrays.toString(xv.shape()) + ", w " + Arrays.toString(wv.shape()));
        }
        Tensor y = Tensor.zeros(xv.dtype(), xv.dim(0), wv.dim(0), geometry.outputLength(xv.dim(2), wv.dim(2)));
        backend().conv1dForward(xv, wv, bv, geometry, y);
        return Variable.result("conv1d", y, g -> {
            Backend be = backend();
            if (x.requiresGrad()) {
                be.conv1dBackwardData(g, wv, geometry, x.gradBuffer());
            }
            boolean biasGrad = bias != null && bias.requiresGrad();
            if (w.requiresGrad()) {
                be.conv1dBackwardWeight(g, xv, geometry, w.gradBuffer(), biasGrad ? bias.gradBuffer() : null);
            } else if (biasGrad) {
                be.addReduced(g, bias.gradBuffer().reshape(-1, 1));
            }
        }, bias == null ? new Variable[] {x, w} : new Variable[] {x, w, bias});
    }

    /**
     * Max over sliding windows of the last axis, padded with {@code geometry.padValue()}.
     * {@code x: [N, C, L_in]} → {@code [N, C, L_out]}. Backward routes {@code g} to each window's first
     * maximum (nothing for a window won by padding), as the backend's {@code maxPool1dBackward}.
     */
    public static Variable maxPool1d(Variable x, Pool1dGeometry geometry) {
        Tensor xv = x.value();
        if (xv.rank() != 3) {
            throw new IllegalArgumentException("maxPool1d: expected x [N, C, L], got " + Arrays.toString(xv.shape()));
        }
        Tensor y = Tensor.zeros(xv.dtype(), xv.dim(0), xv.dim(1), geometry.outputLength(xv.dim(2)));
        backend().maxPool1dForward(xv, geometry, y);
        return Variable.result("maxPool1d", y, g -> backend().maxPool1dBackward(xv, g, geometry, x.gradBuffer()), x);
    }

    // ================================================================== helpers

    /** A new tensor {@code a op b} at the broadcast shape. */
    private static Tensor apply(BinaryOp op, Tensor a, Tensor b) {
        Tensor out = Tensor.zeros(a.dtype(), Shapes.broadcast(op.name(), a.shape(), b.shape()));
        backend().binary(op, a, b, out);
        return out;
    }

    /**
     * Accumulates {@code g·other} (at g's shape) into {@code v}'s gradient, computed into {@code spare}
     * when given (a free temporary of g's shape), else into a new tensor. Returns that temporary when
     * it is free again (the share was summed down to v's smaller shape), else null.
     */
    private static Tensor accumulateProduct(Variable v, Tensor g, Tensor other, Tensor spare) {
        Tensor share = spare != null ? spare : Tensor.zeros(g.dtype(), g.shape());
        backend().binary(BinaryOp.MUL, g, other, share);
        v.accumulateGrad(share, true);
        return v.value().sameShape(share) ? null : share;
    }

    /** A new tensor {@code scale·t}. */
    private static Tensor scaled(Tensor t, double scale) {
        return affined(t, scale, 0);
    }

    /** A new tensor {@code scale·t + shift}. */
    private static Tensor affined(Tensor t, double scale, double shift) {
        Tensor out = Tensor.zeros(t.dtype(), t.shape());
        backend().affine(t, scale, shift, out);
        return out;
    }

    private static void requireSameDType(String op, Variable a, Variable b) {
        DType da = a.dtype(), db = b.dtype();
        if (da != db) {
            throw new IllegalArgumentException(op + ": operands have dtypes " + da + " " + Arrays.toString(a.shape())
                    + " and " + db + " " + Arrays.toString(b.shape()) + "; expected the same dtype");
        }
    }
}
