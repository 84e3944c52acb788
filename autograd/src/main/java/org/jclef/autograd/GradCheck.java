package org.jclef.autograd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;

/**
 * Checks analytic gradients against central finite differences in double precision, for tests of
 * this and other modules.
 *
 * <pre>{@code
 * GradCheck.check(in -> Functions.sum(Ops.mul(in.get(0), in.get(1))),
 *         List.of(Tensor.normal(DType.F64, rng, 3, 4), Tensor.normal(DType.F64, rng, 4)));
 * }</pre>
 *
 * <p>The function receives one {@link Variable#parameter} per input, in order, and must build its
 * result from them afresh on every call (it is called 2 + 2·(number of input elements) times). A
 * non-scalar result f is checked through the scalar Σ r ⊙ f with fixed pseudo-random weights r,
 * which checks every output element's contribution. Element i of an input passes when
 * |analytic − numeric| ≤ atol + rtol·|numeric|; inputs the function ignores must get a zero (or
 * no) gradient.
 */
public final class GradCheck {

    /** Finite-difference step and pass tolerances (the defaults are torch.autograd.gradcheck's). */
    public record Tolerance(double eps, double atol, double rtol) {
        public static final Tolerance DEFAULT = new Tolerance(1e-6, 1e-5, 1e-3);

        public Tolerance {
            if (!(eps > 0) || !(atol >= 0) || !(rtol >= 0)) {
                throw new IllegalArgumentException("GradCheck.Tolerance: expected eps > 0, atol >= 0, rtol >= 0; got "
                        + eps + ", " + atol + ", " + rtol);
            }
        }
    }

    /** The largest absolute and relative errors seen over all checked elements. */
    public record Result(int elements, double maxAbsError, double maxRelError) {
    }

    private static final long PROJECTION_SEED = 0x5EED_C1EFL;

    private GradCheck() {
    }

    /** {@link #check(Function, List, Tolerance)} with {@link Tolerance#DEFAULT}. */
    public static Result check(Function<List<Variable>, Variable> f, List<Tensor> inputs) {
        return check(f, inputs, Tolerance.DEFAULT);
    }

    /**
     * Compares every input element's analytic gradient with its central difference
     * (f(x + h) − f(x − h)) / 2h.
     *
     * @param inputs F64 tensors; they are copied, never modified
     * @throws AssertionError naming the input, the element, both gradients and the tolerance, on the
     *     first element outside it
     * @throws IllegalArgumentException if an input is not F64, or the function's result is not F64 or
     *     does not depend on the inputs
     */
    public static Result check(Function<List<Variable>, Variable> f, List<Tensor> inputs, Tolerance tol) {
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).dtype() != DType.F64) {
                throw new IllegalArgumentException("GradCheck: input " + i + " " + Arrays.toString(inputs.get(i).shape())
                        + " is " + inputs.get(i).dtype() + "; finite differences need F64 inputs");
            }
        }
        List<Tensor> points = new ArrayList<>();
        List<Variable> params = new ArrayList<>();
        for (Tensor t : inputs) {
            Tensor copy = t.copy();
            points.add(copy);
            params.add(Variable.parameter(copy));
        }
        Variable out;
        try (var _ = GradMode.enableGrad()) {
            out = f.apply(params);
        }
        if (out.dtype() != DType.F64) {
            throw new IllegalArgumentException("GradCheck: the function returned " + out.dtype() + ", expected F64");
        }
        if (!out.requiresGrad()) {
            throw new IllegalArgumentException("GradCheck: the function's result " + Arrays.toString(out.shape())
                    + " does not depend on any input");
        }
        Tensor weights = projection(out.value());
        out.backward(weights);

        int elements = 0;
        double maxAbs = 0, maxRel = 0;
        for (int i = 0; i < points.size(); i++) {
            Tensor x = points.get(i);
            Tensor analytic = params.get(i).grad();
            for (int e = 0; e < x.size(); e++) {
                double original = x.getFlat(e);
                x.setFlat(e, original + tol.eps());
                double plus = evaluate(f, points, weights);
                x.setFlat(e, original - tol.eps());
                double minus = evaluate(f, points, weights);
                x.setFlat(e, original);
                double numeric = (plus - minus) / (2 * tol.eps());
                double exact = analytic == null ? 0 : analytic.getFlat(e);
                double abs = Math.abs(exact - numeric);
                double rel = abs / Math.max(Math.abs(numeric), Double.MIN_NORMAL);
                if (!(abs <= tol.atol() + tol.rtol() * Math.abs(numeric))) {
                    throw new AssertionError(String.format(Locale.ROOT,
                            "GradCheck: input %d %s, element %d %s: analytic %.9g vs numeric %.9g "
                                    + "(abs error %.3g, rel error %.3g; tolerance %.3g + %.3g·|numeric|)",
                            i, Arrays.toString(x.shape()), e, Arrays.toString(unflatten(e, x.shape())),
                            exact, numeric, abs, rel, tol.atol(), tol.rtol()));
                }
                maxAbs = Math.max(maxAbs, abs);
                maxRel = Math.max(maxRel, rel);
                elements++;
            }
        }
        return new Result(elements, maxAbs, maxRel);
    }

    /** Σ r ⊙ f(points), without recording a graph. */
    private static double evaluate(Function<List<Variable>, Variable> f, List<Tensor> points, Tensor weights) {
        try (var _ = GradMode.noGrad()) {
            List<Variable> constants = new ArrayList<>();
            for (Tensor t : points) {
                constants.add(Variable.constant(t));
            }
            Tensor y = f.apply(constants).value();
            if (!y.sameShape(weights)) {
                throw new IllegalArgumentException("GradCheck: the function returned " + Arrays.toString(y.shape())
                        + " on a perturbed input but " + Arrays.toString(weights.shape()) + " at first");
            }
            double sum = 0;
            for (int i = 0; i < y.size(); i++) {
                sum += weights.getFlat(i) * y.getFlat(i);
            }
            return sum;
        }
    }

    /** 1 for a scalar output; else fixed weights in [0.5, 1.5) with random signs. */
    private static Tensor projection(Tensor out) {
        Tensor r = Tensor.zeros(DType.F64, out.shape());
        if (out.size() == 1) {
            r.fill(1);
            return r;
        }
        SplittableRandom rng = new SplittableRandom(PROJECTION_SEED);
        for (int i = 0; i < r.size(); i++) {
            double magnitude = 0.5 + rng.nextDouble();
            r.setFlat(i, rng.nextBoolean() ? magnitude : -magnitude);
        }
        return r;
    }

    private static int[] unflatten(int flat, int[] shape) {
        int[] index = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return index;
    }
}
