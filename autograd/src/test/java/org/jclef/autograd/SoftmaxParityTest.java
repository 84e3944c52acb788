package org.jclef.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BinaryOperator;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;
import org.jclef.tensor.io.Fixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Parity of {@link Functions#softmax} and {@link Functions#logSoftmax} with PyTorch on
 * {@code fixtures/softmax.safetensors} (written by {@code tools/torch-fixtures/generate.py}):
 * values, and the gradient of {@code Σ y·dy} with respect to {@code x}.
 *
 * <p>F32 runs compute from the stored float32 inputs and are held to {@value #F32_TOLERANCE}
 * against the float64 PyTorch reference; F64 runs widen the same inputs and are held to
 * {@value #F64_TOLERANCE}. The error of a value tensor is max|a − b| / max|b| (b the reference).
 * The error of a gradient is max|a − b| / max(max|b|, max|dy|): both backwards subtract products of
 * the size of dy ({@code p·dy − p·Σ p·dy} for softmax), so float rounding is of the order of
 * ε·max|dy| however small the difference is. That happens in the {@code _large} case, where rows are
 * nearly one-hot and max|dx| ≈ 2e-3 while max|dy| ≈ 1.7: there even PyTorch's own float32 softmax
 * is 2.7e-5 off by max|a − b| / max|b|. Both measures are printed, with their maxima at the end.
 */
class SoftmaxParityTest {
    static final double F32_TOLERANCE = 1e-5;
    static final double F64_TOLERANCE = 1e-12;

    private static final Map<String, Double> WORST = new TreeMap<>();

    @ParameterizedTest
    @EnumSource(DType.class)
    void softmax(DType dtype) {
        check(dtype, "softmax", Functions::softmax);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void logSoftmax(DType dtype) {
        check(dtype, "log_softmax", Functions::logSoftmax);
    }

    private interface AxisFunction {
        Variable apply(Variable x, int axis);
    }

    private static void check(DType dtype, String op, AxisFunction f) {
        double tolerance = dtype == DType.F32 ? F32_TOLERANCE : F64_TOLERANCE;
        List<Fixture.Case> cases = Fixture.load("fixtures/softmax.safetensors").cases(op);
        assertFalse(cases.isEmpty(), "no " + op + " cases in softmax.safetensors");
        for (Fixture.Case c : cases) {
            Variable x = Variable.parameter(c.tensor("x").to(dtype));
            Variable y = f.apply(x, c.intParam("dim"));
            assertEquals(dtype, y.dtype(), c.name() + " output dtype");
            Tensor yRef = reference(c, "y", y.value());
            double yError = maxAbsDiff(y.value(), yRef) / maxAbs(yRef);
            hold(dtype, op, c, "y", yError, tolerance);

            Tensor dy = c.tensor("dy");
            Functions.sum(Ops.mul(y, Variable.constant(dy.to(dtype)))).backward();
            assertEquals(dtype, x.grad().dtype(), c.name() + " gradient dtype");
            Tensor dxRef = reference(c, "dx", x.grad());
            double dxDiff = maxAbsDiff(x.grad(), dxRef);
            double dxError = dxDiff / Math.max(maxAbs(dxRef), maxAbs(dy));
            hold(dtype, op, c, "dx", dxError, tolerance);
            record(dtype, op, "dx plain", dxDiff / maxAbs(dxRef));

            System.out.printf(Locale.ROOT, "parity %s %-11s %-24s y %.2e dx %.2e (max|a-b|/max|b| %.2e)%n", dtype,
                    op, c.name(), yError, dxError, dxDiff / maxAbs(dxRef));
        }
    }

    /** The F64 reference {@code name} of case c, checked to have the shape of {@code actual}. */
    private static Tensor reference(Fixture.Case c, String name, Tensor actual) {
        Tensor reference = c.tensor(name);
        assertEquals(DType.F64, reference.dtype(), c.name() + "/" + name + " reference dtype");
        assertArrayEquals(reference.shape(), actual.shape(), c.name() + "/" + name + " shape");
        return reference;
    }

    private static void hold(DType dtype, String op, Fixture.Case c, String name, double error, double tolerance) {
        assertTrue(error <= tolerance, () -> dtype + " " + c.name() + "/" + name + ": error " + error
                + " exceeds " + tolerance);
        record(dtype, op, name, error);
    }

    private static void record(DType dtype, String op, String what, double error) {
        synchronized (WORST) {
            WORST.merge(dtype + " " + op + " " + what, error, BinaryOperator.maxBy(Double::compare));
        }
    }

    /** max|a − b|; NaN when a holds a NaN where b does not. */
    private static double maxAbsDiff(Tensor a, Tensor b) {
        double[] x = a.toDoubleArray(), y = b.toDoubleArray();
        double max = 0;
        for (int i = 0; i < x.length; i++) {
            double diff = Math.abs(x[i] - y[i]);
            if (Double.isNaN(diff)) {
                return Double.NaN;
            }
            max = Math.max(max, diff);
        }
        return max;
    }

    private static double maxAbs(Tensor t) {
        double max = 0;
        for (double v : t.toDoubleArray()) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    @AfterAll
    static void printWorst() {
        System.out.println("softmax parity summary: worst error per dtype, op, tensor (held: y max|a-b|/max|b|,"
                + " dx max|a-b|/max(max|b|, max|dy|); dx plain: max|a-b|/max|b|, printed only)");
        WORST.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-26s %.3e%n", k, v));
    }
}
