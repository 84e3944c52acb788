package org.jclef.nn;

import java.util.Arrays;
import java.util.function.Supplier;
import org.jclef.autograd.Variable;
import org.jclef.tensor.Backends;
import org.jclef.tensor.DType;
import org.jclef.tensor.Shapes;
import org.jclef.tensor.Tensor;

/**
 * A trainable tensor of a {@link Module}: an autograd leaf ({@link Variable#parameter}) that is
 * created <b>lazily</b>.
 *
 * <p>A parameter knows its shape and dtype from the start, but allocates and initialises its value
 * only on first use ({@link #variable()}, {@link #value()}), or takes loaded values directly
 * ({@link #assign}) without ever running its initialiser. Building a model therefore costs no
 * memory until it runs or loads, so the structure of CLEF-Large (296M parameters, 1.2 GB) can be
 * counted and listed in a unit test. The initial values are fixed when the parameter is created
 * (its random stream is split off then, see {@link Init}), so they do not depend on the order in
 * which parameters are first used.
 */
public final class Parameter {
    private final int[] shape;
    private final DType dtype;
    private Supplier<Tensor> initializer;
    private Variable variable;
    private boolean requiresGrad = true;

    private Parameter(int[] shape, DType dtype, Supplier<Tensor> initializer) {
        this.shape = shape;
        this.dtype = dtype;
        this.initializer = initializer;
    }

    /**
     * A parameter whose value {@code initializer} creates on first use; it must return a fresh
     * tensor of exactly this dtype and shape.
     */
    public static Parameter lazy(DType dtype, int[] shape, Supplier<Tensor> initializer) {
        if (dtype == null || initializer == null) {
            throw new IllegalArgumentException("Parameter: dtype and initializer are required");
        }
        return new Parameter(Shapes.checked("Parameter", shape.clone()), dtype, initializer);
    }

    /** A parameter holding {@code value} itself (no copy). */
    public static Parameter of(Tensor value) {
        Parameter p = new Parameter(value.shape(), value.dtype(), null);
        p.variable = Variable.parameter(value);
        return p;
    }

    /** The autograd leaf, created (and initialised) on first call. */
    public Variable variable() {
        if (variable == null) {
            Tensor value = initializer.get();
            if (value.dtype() != dtype || !value.hasShape(shape)) {
                throw new IllegalStateException("Parameter: initializer returned " + value.dtype() + " "
                        + Arrays.toString(value.shape()) + ", expected " + dtype + " " + Arrays.toString(shape));
            }
            materialize(value);
        }
        return variable;
    }

    /** The current value (materialising it if needed); shared, not copied. */
    public Tensor value() {
        return variable().value();
    }

    /** The accumulated gradient, or null when none has been computed since the last {@link #zeroGrad()}. */
    public Tensor grad() {
        return variable == null ? null : variable.grad();
    }

    /** Drops the gradient (PyTorch's {@code zero_grad(set_to_none=True)}). */
    public void zeroGrad() {
        if (variable != null) {
            variable.zeroGrad();
        }
    }

    /**
     * Overwrites the value with {@code source}'s elements, converted to this parameter's dtype.
     * An unused parameter is filled directly, without running its initialiser.
     *
     * @throws IllegalArgumentException if the shapes differ
     */
    public void assign(Tensor source) {
        if (!source.hasShape(shape)) {
            throw new IllegalArgumentException("Parameter: cannot assign a tensor of shape "
                    + Arrays.toString(source.shape()) + " to a parameter of shape " + Arrays.toString(shape));
        }
        Tensor converted = source.dtype() == dtype ? source : source.to(dtype);
        if (variable == null) {
            materialize(converted == source ? source.copy() : converted);
        } else {
            Backends.current().copy(converted, variable.value());
        }
    }

    /**
     * Makes {@code leaf} this parameter's autograd variable from now on: the module computes with
     * its value and back-propagates into it. For tying one tensor to several layers, and for
     * gradient checks, which pass their own leaves. The leaf's value must have this parameter's
     * shape and dtype; its requires-grad flag is left as it is.
     */
    public void bind(Variable leaf) {
        if (leaf == null || !leaf.isLeaf() || leaf.dtype() != dtype || !leaf.value().hasShape(shape)) {
            throw new IllegalArgumentException("Parameter: cannot bind " + leaf + "; expected a leaf variable "
                    + dtype + " " + Arrays.toString(shape));
        }
        variable = leaf;
        initializer = null;
    }

    private void materialize(Tensor value) {
        variable = Variable.parameter(value);
        variable.requiresGrad(requiresGrad);
        initializer = null;
    }

    /** Freezes ({@code false}) or unfreezes the parameter: a frozen one receives no gradient. */
    public Parameter requiresGrad(boolean wanted) {
        requiresGrad = wanted;
        if (variable != null) {
            variable.requiresGrad(wanted);
        }
        return this;
    }

    public boolean requiresGrad() {
        return variable == null ? requiresGrad : variable.requiresGrad();
    }

    /** Whether the value has been allocated. */
    public boolean isMaterialized() {
        return variable != null;
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    public DType dtype() {
        return dtype;
    }

    /** Number of elements, known without allocating. */
    public long numel() {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    @Override
    public String toString() {
        return "Parameter" + Arrays.toString(shape) + " " + dtype + (variable == null ? " (not materialised)" : "");
    }
}
