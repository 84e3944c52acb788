package org.jclef.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jclef.tensor.Backends;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;
import org.jclef.tensor.UnaryOp;
import org.junit.jupiter.api.Test;

/** The checker must catch wrong gradients and say where. */
class GradCheckTest {
    private final Inputs in = new Inputs(3);

    /** e^x whose backward forgets the factor for element 4 of the input. */
    private static Variable brokenExp(Variable x) {
        Tensor y = Tensor.zeros(x.dtype(), x.shape());
        Backends.current().unary(UnaryOp.EXP, x.value(), y);
        return Variable.result("brokenExp", y, g -> {
            Tensor dx = Tensor.zeros(g.dtype(), g.shape());
            Backends.current().unaryBackward(UnaryOp.EXP, x.value(), y, g, dx);
            dx.setFlat(4, 0);
            Backends.current().addReduced(dx, x.gradBuffer());
        }, x);
    }

    @Test
    void reportsTheFirstWrongElementWithItsIndex() {
        Tensor x = in.normalish(2, 3);
        Tensor other = in.normalish(2, 3);
        AssertionError e = assertThrows(AssertionError.class,
                () -> GradCheck.check(v -> Ops.mul(v.get(0), brokenExp(v.get(1))), List.of(other, x)));
        assertTrue(e.getMessage().contains("input 1 [2, 3], element 4 [1, 1]"), e.getMessage());
        assertTrue(e.getMessage().contains("analytic 0"), e.getMessage());
    }

    @Test
    void passesACorrectGradientAndReportsSmallErrors() {
        GradCheck.Result r = GradCheck.check(v -> Ops.exp(v.get(0)), List.of(in.normalish(2, 3)));
        assertEquals(6, r.elements());
        assertTrue(r.maxAbsError() < 1e-8 && r.maxRelError() < 1e-7, r.toString());
    }

    @Test
    void anUnusedInputMustHaveNoGradient() {
        GradCheck.Result r = GradCheck.check(v -> Ops.exp(v.get(0)), List.of(in.normalish(3), in.normalish(2)));
        assertEquals(5, r.elements());
    }

    @Test
    void doesNotModifyItsInputs() {
        Tensor x = in.normalish(4);
        double[] before = x.toDoubleArray();
        GradCheck.check(v -> Functions.sum(Functions.square(v.get(0))), List.of(x));
        assertEquals(java.util.Arrays.toString(before), java.util.Arrays.toString(x.toDoubleArray()));
    }

    @Test
    void rejectsNonF64InputsAndConstantFunctions() {
        IllegalArgumentException f32 = assertThrows(IllegalArgumentException.class,
                () -> GradCheck.check(v -> Ops.exp(v.get(0)), List.of(Tensor.zeros(DType.F32, 2))));
        assertTrue(f32.getMessage().contains("F64"), f32.getMessage());
        Variable c = Variable.scalar(DType.F64, 1);
        assertThrows(IllegalArgumentException.class,
                () -> GradCheck.check(v -> c, List.of(in.normalish(2))));
    }
}
