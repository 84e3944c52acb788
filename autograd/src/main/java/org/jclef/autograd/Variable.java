package org.jclef.autograd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jclef.tensor.Backends;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;

/**
 * A node of the reverse-mode tape: a tensor value, its gradient, the variables it was computed
 * from and a closure that pushes its gradient to them (micrograd's {@code Value}, on tensors).
 *
 * <p>Leaves are made with {@link #parameter} (gradient wanted) or {@link #constant}; every other
 * variable is the result of an operation in {@link Ops} (the primitives, each defining its forward
 * and backward) or {@link Functions} (compositions of primitives). A result requires a gradient when
 * one of its inputs does and {@link GradMode} is enabled; otherwise it is recorded as a constant.
 *
 * <pre>{@code
 * Variable w = Variable.parameter(Tensor.of(new double[] {2, 3}, 2));
 * Variable x = Variable.constant(Tensor.of(new double[] {5, 7}, 2));
 * Variable loss = Functions.sum(Ops.mul(w, x));   // 2·5 + 3·7 = 31
 * loss.backward();
 * w.grad();                                        // Tensor[2] F64 [5.00000, 7.00000]
 * }</pre>
 *
 * <p>Gradients have the value's shape and dtype. Leaves accumulate across {@link #backward()}
 * calls until {@link #zeroGrad()}; intermediate results drop theirs once they have been pushed to
 * their inputs, unless {@link #retainGrad()} was called. Not thread-safe: one graph belongs to one
 * thread.
 */
public final class Variable {

    /** Pushes the gradient of a result (complete when called) into its inputs' gradients. */
    @FunctionalInterface
    interface Backward {
        void apply(Tensor gradOut);
    }

    private static final Variable[] NO_PARENTS = new Variable[0];

    /**
     * The gradient being pushed by the running backward closure when its node drops it afterwards:
     * the first input whose first contribution is that very tensor (or a view of all of it) takes
     * it as its gradient instead of a copy. One graph belongs to one thread, hence one per thread.
     */
    private static final ThreadLocal<Tensor> DONATABLE = new ThreadLocal<>();

    private final Tensor value;
    private final String op;
    private final Variable[] parents;
    private final Backward backwardFn;
    private boolean requiresGrad;
    private boolean retainGrad;
    private Tensor grad;

    private Variable(Tensor value, String op, Variable[] parents, Backward backwardFn, boolean requiresGrad) {
        this.value = value;
        this.op = op;
        this.parents = parents;
        this.backwardFn = backwardFn;
        this.requiresGrad = requiresGrad;
    }

    // ---------------------------------------------------------------- creation

    /** A leaf whose gradient is wanted (a trainable parameter, or an input under test). Wraps, no copy. */
    public static Variable parameter(Tensor value) {
        return new Variable(requireValue(value), "parameter", NO_PARENTS, null, true);
    }

    /** A leaf that never receives a gradient. Wraps, no copy. */
    public static Variable constant(Tensor value) {
        return new Variable(requireValue(value), "constant", NO_PARENTS, null, false);
    }

    /** A rank-0 constant holding {@code value}. */
    public static Variable scalar(DType dtype, double value) {
        return constant(Tensor.scalar(dtype, value));
    }

    /**
     * The result of operation {@code op}: recorded with its parents and backward closure when
     * recording is enabled and a parent requires a gradient, else a constant. Only {@link Ops} calls
     * this, which keeps the set of primitives closed.
     */
    static Variable result(String op, Tensor value, Backward backwardFn, Variable... parents) {
        if (!GradMode.isEnabled()) {
            return new Variable(value, op, NO_PARENTS, null, false);
        }
        for (Variable p : parents) {
            if (p != null && p.requiresGrad) {
                return new Variable(value, op, parents, backwardFn, true);
            }
        }
        return new Variable(value, op, NO_PARENTS, null, false);
    }

    private static Tensor requireValue(Tensor value) {
        if (value == null) {
            throw new IllegalArgumentException("Variable: value tensor is null");
        }
        return value;
    }

    // ---------------------------------------------------------------- accessors

    /** The value (shared, not copied). */
    public Tensor value() {
        return value;
    }

    /**
     * The gradient of the last {@link #backward()} root with respect to this variable, with the
     * value's shape and dtype; null before any backward pass reaches it or after {@link #zeroGrad()}.
     */
    public Tensor grad() {
        return grad;
    }

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /**
     * Freezes or unfreezes a leaf (e.g. a pretrained layer). Results get their flag from their
     * inputs and cannot change it.
     */
    public Variable requiresGrad(boolean wanted) {
        if (!isLeaf()) {
            throw new IllegalStateException("requiresGrad: '" + op + "' result is not a leaf; "
                    + "use detach() to cut it from the graph");
        }
        requiresGrad = wanted;
        return this;
    }

    /** Whether this variable was made by {@link #parameter}/{@link #constant}, or recorded as a constant. */
    public boolean isLeaf() {
        return backwardFn == null;
    }

    /** The name of the operation that produced this variable ("parameter" or "constant" for leaves). */
    public String op() {
        return op;
    }

    public DType dtype() {
        return value.dtype();
    }

    /** A copy of the value's shape. */
    public int[] shape() {
        return value.shape();
    }

    /** Size of axis {@code axis}; negative axes count from the end. */
    public int dim(int axis) {
        return value.dim(axis);
    }

    public int rank() {
        return value.rank();
    }

    /** Number of elements. */
    public int size() {
        return value.size();
    }

    /** The single value of a one-element variable. */
    public double item() {
        return value.item();
    }

    // ---------------------------------------------------------------- gradient management

    /** Keeps this intermediate result's gradient after {@link #backward()} (leaves always keep theirs). */
    public Variable retainGrad() {
        retainGrad = true;
        return this;
    }

    /**
     * Drops the gradient (PyTorch's {@code zero_grad(set_to_none=True)}): the next backward pass
     * starts from zero, and until then {@link #grad()} is null, which tells an optimiser this
     * parameter received no gradient.
     */
    public void zeroGrad() {
        grad = null;
    }

    /** A constant sharing this variable's value: gradients stop here. */
    public Variable detach() {
        return constant(value);
    }

    /**
     * Back-propagates from this one-element variable (a loss), seeding its gradient with 1.
     *
     * @throws IllegalArgumentException if the value has more than one element (use {@link #backward(Tensor)})
     * @throws IllegalStateException if this variable does not require a gradient
     */
    public void backward() {
        if (value.size() != 1) {
            throw new IllegalArgumentException("backward: output '" + op + "' of shape "
                    + Arrays.toString(value.shape()) + " is not a scalar; pass a seed gradient of that "
                    + "shape to backward(Tensor)");
        }
        backward(Tensor.full(value.dtype(), 1.0, value.shape()));
    }

    /**
     * Back-propagates {@code seed} (∂L/∂this, with this variable's shape and dtype) through the
     * graph, accumulating into the gradient of every variable that requires one. Visits the graph in
     * reverse topological order with an explicit stack, so its depth is limited by memory only.
     */
    public void backward(Tensor seed) {
        if (!requiresGrad) {
            throw new IllegalStateException("backward: output '" + op + "' does not require a gradient "
                    + "(no input requires one, or it was computed inside GradMode.noGrad())");
        }
        if (seed == null || !seed.sameShape(value) || seed.dtype() != value.dtype()) {
            throw new IllegalArgumentException("backward: seed " + (seed == null ? "null"
                    : Arrays.toString(seed.shape()) + " " + seed.dtype()) + " must match output '" + op
                    + "' " + Arrays.toString(value.shape()) + " " + value.dtype());
        }
        List<Variable> order = topologicalOrder();
        accumulateGrad(seed, false);
        for (int i = order.size() - 1; i >= 0; i--) {
            Variable node = order.get(i);
            if (node.backwardFn != null && node.grad != null) {
                // A gradient the node will drop may become an input's gradient as it is.
                DONATABLE.set(node.retainGrad ? null : node.grad);
                try {
                    node.backwardFn.apply(node.grad);
                } finally {
                    DONATABLE.remove();
                }
                if (!node.retainGrad) {
                    node.grad = null;
                }
            }
        }
    }

    /**
     * The variables requiring a gradient that this one depends on, inputs before results (this one
     * last). Iterative depth-first post-order: frame {@code i} of the stack is a node and the index
     * of its next parent to visit.
     */
    private List<Variable> topologicalOrder() {
        List<Variable> order = new ArrayList<>();
        Map<Variable, Boolean> visited = new IdentityHashMap<>();
        List<Variable> stack = new ArrayList<>();
        List<Integer> next = new ArrayList<>();
        stack.add(this);
        next.add(0);
        visited.put(this, Boolean.TRUE);
        while (!stack.isEmpty()) {
            int top = stack.size() - 1;
            Variable node = stack.get(top);
            int i = next.get(top);
            if (i < node.parents.length) {
                next.set(top, i + 1);
                Variable parent = node.parents[i];
                if (parent != null && parent.requiresGrad && visited.put(parent, Boolean.TRUE) == null) {
                    stack.add(parent);
                    next.add(0);
                }
            } else {
                order.add(node);
                stack.remove(top);
                next.remove(top);
            }
        }
        return order;
    }

    /**
     * Adds {@code contribution} to the gradient, summed down to the value's shape when it is larger
     * (the backward of a broadcast). The first contribution of the value's shape becomes the gradient
     * without a zero-filled buffer and a pass adding it: itself when {@code owned} (a temporary of the
     * calling backward closure that nothing else holds, or the gradient that closure is pushing when
     * its node drops it afterwards, for the first input that asks), else a copy.
     */
    void accumulateGrad(Tensor contribution, boolean owned) {
        if (grad == null && contribution.sameShape(value) && contribution.dtype() == value.dtype()) {
            if (owned || takeDonated(contribution)) {
                grad = contribution;
            } else {
                grad = Tensor.zeros(value.dtype(), value.shape());
                Backends.current().copy(contribution, grad);
            }
            return;
        }
        Backends.current().addReduced(contribution, gradBuffer());
    }

    /** Whether {@code t} is (a view of all of) the donatable gradient, which it then stops being. */
    private static boolean takeDonated(Tensor t) {
        Tensor d = DONATABLE.get();
        if (d == null || t.storage() != d.storage() || t.offset() != d.offset() || t.size() != d.size()) {
            return false;
        }
        DONATABLE.remove();
        return true;
    }

    /** The gradient to accumulate into, allocated as zeros on first use. */
    Tensor gradBuffer() {
        if (grad == null) {
            grad = Tensor.zeros(value.dtype(), value.shape());
        }
        return grad;
    }

    @Override
    public String toString() {
        return "Variable(" + op + (requiresGrad ? ", requiresGrad" : "") + ") " + value;
    }
}
