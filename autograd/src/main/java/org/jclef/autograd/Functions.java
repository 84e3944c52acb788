package org.jclef.autograd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jclef.tensor.Tensor;

/**
 * Differentiable functions composed from the {@link Ops} primitives. None has backward code of its
 * own: gradients flow through the primitives they are made of.
 *
 * <pre>{@code
 * Variable logits = Variable.parameter(Tensor.of(new double[] {1, 2, 3, 1, 1, 1}, 2, 3));
 * Variable loss = Functions.crossEntropy(logits, new int[] {2, 0});
 * loss.item();          // (0.40761 + 1.09861) / 2 = 0.75311
 * loss.backward();      // logits.grad() = (softmax − one-hot) / 2
 * }</pre>
 */
public final class Functions {
    /** F.normalize's default ε. */
    public static final double NORMALIZE_EPS = 1e-12;

    private Functions() {
    }

    // ================================================================== arithmetic

    /** −x. */
    public static Variable neg(Variable x) {
        return Ops.affine(x, -1, 0);
    }

    /** x². */
    public static Variable square(Variable x) {
        return Ops.powScalar(x, 2);
    }

    /** x + c. */
    public static Variable addScalar(Variable x, double c) {
        return Ops.affine(x, 1, c);
    }

    /** c·x. */
    public static Variable mulScalar(Variable x, double c) {
        return Ops.affine(x, c, 0);
    }

    // ================================================================== shape

    /** Removes axis {@code axis}, which must have size 1: {@code [N, C, 1], axis 2 → [N, C]}. */
    public static Variable squeeze(Variable x, int axis) {
        int[] shape = x.shape();
        if (shape.length == 0) {
            throw new IllegalArgumentException("squeeze: a rank-0 tensor has no axis " + axis);
        }
        int ax = axis < 0 ? axis + shape.length : axis;
        if (ax < 0 || ax >= shape.length || shape[ax] != 1) {
            throw new IllegalArgumentException("squeeze: axis " + axis + " of " + Arrays.toString(shape)
                    + " is not an axis of size 1");
        }
        int[] out = new int[shape.length - 1];
        for (int d = 0, o = 0; d < shape.length; d++) {
            if (d != ax) {
                out[o++] = shape[d];
            }
        }
        return Ops.reshape(x, out);
    }

    /**
     * Inserts an axis of size 1 at position {@code axis} of the result (negative counts from the end
     * of the result): {@code [N, C], axis 2 → [N, C, 1]}.
     */
    public static Variable unsqueeze(Variable x, int axis) {
        int[] shape = x.shape();
        int ax = axis < 0 ? axis + shape.length + 1 : axis;
        if (ax < 0 || ax > shape.length) {
            throw new IllegalArgumentException("unsqueeze: axis " + axis + " is out of range for "
                    + Arrays.toString(shape) + " (expected " + -(shape.length + 1) + " to " + shape.length + ")");
        }
        int[] out = new int[shape.length + 1];
        for (int d = 0, s = 0; d < out.length; d++) {
            out[d] = d == ax ? 1 : shape[s++];
        }
        return Ops.reshape(x, out);
    }

    /** Stacks same-shaped parts along a new axis 0: k parts of {@code [D…]} → {@code [k, D…]}. */
    public static Variable stack(List<Variable> parts) {
        if (parts == null || parts.isEmpty()) {
            throw new IllegalArgumentException("stack: expected at least one tensor");
        }
        List<Variable> rows = new ArrayList<>(parts.size());
        for (Variable p : parts) {
            rows.add(unsqueeze(p, 0));
        }
        return Ops.concat(rows);
    }

    // ================================================================== whole-tensor reductions (rank-0 results)

    /** Σ of all elements, as a rank-0 variable. */
    public static Variable sum(Variable x) {
        return squeeze(Ops.sum(flatten(x), 0), 0);
    }

    /** Mean of all elements, as a rank-0 variable. */
    public static Variable mean(Variable x) {
        return squeeze(Ops.mean(flatten(x), 0), 0);
    }

    /** Largest element, as a rank-0 variable; tied maxima share the gradient evenly (torch.max()). */
    public static Variable max(Variable x) {
        return squeeze(Ops.max(flatten(x), 0), 0);
    }

    /** Smallest element, as a rank-0 variable; tied minima share the gradient evenly (torch.min()). */
    public static Variable min(Variable x) {
        return squeeze(Ops.min(flatten(x), 0), 0);
    }

    private static Variable flatten(Variable x) {
        return Ops.reshape(x, x.size());
    }

    // ================================================================== normalisation

    /**
     * e^x / Σ e^x along {@code axis}, computed as e^(x − m) / Σ e^(x − m) with m the maximum held
     * constant (the result does not depend on m, so it needs no gradient). This is more accurate
     * than e^(logSoftmax x) for nearly one-hot rows. Same shape as x.
     */
    public static Variable softmax(Variable x, int axis) {
        Variable shifted = Ops.exp(Ops.sub(x, Ops.max(x.detach(), axis)));
        return Ops.div(shifted, Ops.sum(shifted, axis));
    }

    /** x − logsumexp(x) along {@code axis}: stable for large logits. Same shape as x. */
    public static Variable logSoftmax(Variable x, int axis) {
        return Ops.sub(x, Ops.logSumExp(x, axis));
    }

    /** {@link #normalize(Variable, int, double)} with ε = 1e−12, as F.normalize. */
    public static Variable normalize(Variable x, int axis) {
        return normalize(x, axis, NORMALIZE_EPS);
    }

    /**
     * x / max(‖x‖₂, ε) along {@code axis} (F.normalize with p = 2). Computed as
     * x / √max(Σx², ε²): the same value and gradient, but a zero vector gets a zero gradient instead
     * of 0·∞. Below ε the norm is a constant, so its gradient is 0 (the clamp's gradient).
     */
    public static Variable normalize(Variable x, int axis, double eps) {
        if (!(eps > 0)) {
            throw new IllegalArgumentException("normalize: eps " + eps + " must be positive");
        }
        Variable sumSquares = Ops.sum(square(x), axis);
        Variable floor = Variable.scalar(x.dtype(), eps * eps);
        return Ops.div(x, Ops.sqrt(Ops.maximum(sumSquares, floor)));
    }

    /**
     * Cosine similarity of every row of {@code a: [N, D]} with every row of {@code b: [M, D]}:
     * {@code [N, M]}, entry (i, j) = u_i · v_j with rows normalised as {@link #normalize(Variable, int)}.
     */
    public static Variable cosineSimilarityMatrix(Variable a, Variable b) {
        if (a.rank() != 2 || b.rank() != 2 || a.dim(1) != b.dim(1)) {
            throw new IllegalArgumentException("cosineSimilarityMatrix: expected a [N, D] and b [M, D], got a "
                    + Arrays.toString(a.shape()) + ", b " + Arrays.toString(b.shape()));
        }
        return Ops.matmul(normalize(a, 1), false, normalize(b, 1), true);
    }

    // ================================================================== losses

    /**
     * Mean cross-entropy of {@code logits: [N, K]} against class indices {@code targets} (N values in
     * [0, K)): −(1/N) Σ_n logSoftmax(logits)[n, targets[n]]. Rank-0 result.
     */
    public static Variable crossEntropy(Variable logits, int[] targets) {
        if (logits.rank() != 2) {
            throw new IllegalArgumentException("crossEntropy: expected logits [N, K], got "
                    + Arrays.toString(logits.shape()));
        }
        int n = logits.dim(0), k = logits.dim(1);
        if (targets == null || targets.length != n) {
            throw new IllegalArgumentException("crossEntropy: expected " + n + " targets for logits "
                    + Arrays.toString(logits.shape()) + ", got " + (targets == null ? "null" : targets.length));
        }
        if (n == 0) {
            throw new IllegalArgumentException("crossEntropy: empty batch, logits " + Arrays.toString(logits.shape()));
        }
        Tensor oneHot = Tensor.zeros(logits.dtype(), n, k);
        for (int i = 0; i < n; i++) {
            if (targets[i] < 0 || targets[i] >= k) {
                throw new IllegalArgumentException("crossEntropy: target " + i + " is " + targets[i]
                        + ", expected a class index in [0, " + k + ")");
            }
            oneHot.set(1, i, targets[i]);
        }
        Variable picked = Ops.mul(logSoftmax(logits, 1), Variable.constant(oneHot));
        return mulScalar(sum(picked), -1.0 / n);
    }

    /** Mean squared error over all elements of two same-shaped variables. Rank-0 result. */
    public static Variable mse(Variable a, Variable b) {
        if (!Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException("mse: shapes " + Arrays.toString(a.shape()) + " and "
                    + Arrays.toString(b.shape()) + " must be equal");
        }
        return mean(square(Ops.sub(a, b)));
    }
}
