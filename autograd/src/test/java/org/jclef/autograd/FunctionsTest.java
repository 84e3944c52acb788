package org.jclef.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Composites: gradient checks, values against hand-computed examples, tie semantics. */
class FunctionsTest {
    private final Inputs in = new Inputs(7);

    private static void check(Function<List<Variable>, Variable> f, Tensor... inputs) {
        assertTrue(GradCheck.check(f, List.of(inputs)).elements() > 0);
    }

    private static Variable param(double[] values, int... shape) {
        return Variable.parameter(Tensor.of(values, shape));
    }

    // ------------------------------------------------------------------ gradient checks

    @Test
    void arithmeticAndShapeHelpers() {
        Tensor x = in.normalish(2, 3);
        check(v -> Functions.neg(v.get(0)), x);
        check(v -> Functions.square(v.get(0)), x);
        check(v -> Functions.addScalar(v.get(0), 2.5), x);
        check(v -> Functions.mulScalar(v.get(0), -0.3), x);
        check(v -> Functions.squeeze(Functions.unsqueeze(v.get(0), -1), 2), x);
        check(v -> Functions.unsqueeze(v.get(0), 1), x);
        check(v -> Functions.stack(List.of(v.get(0), v.get(1), v.get(0))), x, in.normalish(2, 3));
    }

    @Test
    void wholeTensorReductions() {
        for (int[] s : new int[][] {{5}, {2, 3}, {2, 2, 3}, {}}) {
            check(v -> Functions.sum(v.get(0)), in.normalish(s));
            check(v -> Functions.mean(v.get(0)), in.normalish(s));
            check(v -> Functions.max(v.get(0)), in.distinct(s));
            check(v -> Functions.min(v.get(0)), in.distinct(s));
        }
    }

    @Test
    void softmaxAndLogSoftmax() {
        for (int[] s : new int[][] {{4}, {3, 5}, {2, 3, 4}}) {
            for (int axis = -s.length; axis < s.length; axis++) {
                int ax = axis;
                check(v -> Functions.softmax(v.get(0), ax), in.uniform(-3, 3, s));
                check(v -> Functions.logSoftmax(v.get(0), ax), in.uniform(-3, 3, s));
            }
        }
    }

    @Test
    void normalizeAboveAndBelowEps() {
        check(v -> Functions.normalize(v.get(0), 1), in.normalish(3, 4));
        check(v -> Functions.normalize(v.get(0), 0), in.normalish(3, 4));
        check(v -> Functions.normalize(v.get(0), -1), in.normalish(2, 3, 4));
        // Rows of norm < 0.7 < eps = 1: the clamp holds the denominator at eps, x / 1.
        check(v -> Functions.normalize(v.get(0), 1, 1.0), in.uniform(-0.3, 0.3, 3, 4));
    }

    @Test
    void cosineSimilarityMatrix() {
        check(v -> Functions.cosineSimilarityMatrix(v.get(0), v.get(1)), in.normalish(4, 3), in.normalish(5, 3));
        check(v -> Functions.cosineSimilarityMatrix(v.get(0), v.get(0)), in.normalish(4, 6));
    }

    @Test
    void losses() {
        check(v -> Functions.crossEntropy(v.get(0), new int[] {2, 0, 1, 2}), in.uniform(-2, 2, 4, 3));
        check(v -> Functions.crossEntropy(v.get(0), new int[] {0}), in.uniform(-2, 2, 1, 5));
        check(v -> Functions.mse(v.get(0), v.get(1)), in.normalish(3, 4), in.normalish(3, 4));
    }

    // ------------------------------------------------------------------ values

    @Test
    void softmaxRowsSumToOneAndLogSoftmaxIsItsLog() {
        Variable x = Variable.constant(in.uniform(-30, 30, 4, 7));
        Tensor p = Functions.softmax(x, 1).value();
        Tensor logP = Functions.logSoftmax(x, 1).value();
        for (int r = 0; r < 4; r++) {
            double sum = 0;
            for (int c = 0; c < 7; c++) {
                sum += p.get(r, c);
                assertEquals(Math.log(p.get(r, c)), logP.get(r, c), 1e-12);
            }
            assertEquals(1, sum, 1e-12);
        }
    }

    @Test
    void logSoftmaxIsStableForHugeLogits() {
        Variable x = Variable.constant(Tensor.of(new double[] {1000, 1001, 1002}, 1, 3));
        double[] expected = {-2.40760596444438, -1.40760596444438, -0.40760596444438};
        assertArrayEquals(expected, Functions.logSoftmax(x, 1).value().toDoubleArray(), 1e-12);
    }

    @Test
    void crossEntropyKnownValueAndGradient() {
        Variable logits = param(new double[] {1, 2, 3, 1, 1, 1}, 2, 3);
        Variable loss = Functions.crossEntropy(logits, new int[] {2, 0});
        double lse = 3 + Math.log(1 + Math.exp(-1) + Math.exp(-2));
        assertEquals(((lse - 3) + Math.log(3)) / 2, loss.item(), 1e-12);
        assertEquals(0, loss.rank());
        loss.backward();
        double[] expected = new double[6];
        for (int c = 0; c < 3; c++) {
            expected[c] = (Math.exp(c + 1 - lse) - (c == 2 ? 1 : 0)) / 2;
            expected[3 + c] = (1.0 / 3 - (c == 0 ? 1 : 0)) / 2;
        }
        assertArrayEquals(expected, logits.grad().toDoubleArray(), 1e-12);
    }

    @Test
    void crossEntropyRejectsBadTargets() {
        Variable logits = Variable.constant(Tensor.zeros(DType.F64, 2, 3));
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> Functions.crossEntropy(logits, new int[] {0, 3}));
        assertTrue(range.getMessage().contains("target 1 is 3") && range.getMessage().contains("[0, 3)"),
                range.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Functions.crossEntropy(logits, new int[] {0}));
    }

    @Test
    void normalizeKnownValuesAndZeroVector() {
        Variable x = param(new double[] {3, 4, 0, 0}, 2, 2);
        Variable u = Functions.normalize(x, 1);
        assertArrayEquals(new double[] {0.6, 0.8, 0, 0}, u.value().toDoubleArray(), 1e-15);
        // d/dx of Σ(u ⊙ [1, 2]) per row: for [3, 4], (w − u(u·w))/‖x‖ = ([1, 2] − [0.6, 0.8]·2.2)/5;
        // for the zero row the denominator is the constant eps, so the gradient is w / eps.
        Functions.sum(Ops.mul(u, Variable.constant(Tensor.of(new double[] {1, 2}, 2)))).backward();
        double[] g = x.grad().toDoubleArray();
        assertEquals((1 - 0.6 * 2.2) / 5, g[0], 1e-15);
        assertEquals((2 - 0.8 * 2.2) / 5, g[1], 1e-15);
        assertEquals(1e12, g[2], 1e-3);
        assertEquals(2e12, g[3], 1e-3);
    }

    @Test
    void cosineSimilarityKnownValues() {
        Variable a = Variable.constant(Tensor.of(new double[] {1, 0, 1, 1}, 2, 2));
        Variable b = Variable.constant(Tensor.of(new double[] {0, 2, -3, 0, 1, 1}, 3, 2));
        double r = Math.sqrt(0.5);
        assertArrayEquals(new double[] {0, -1, r, r, -r, 1},
                Functions.cosineSimilarityMatrix(a, b).value().toDoubleArray(), 1e-15);
    }

    @Test
    void mseKnownValue() {
        Variable a = Variable.constant(Tensor.of(new double[] {1, 2, 3, 4}, 2, 2));
        Variable b = Variable.constant(Tensor.of(new double[] {1, 0, 0, 4}, 2, 2));
        assertEquals((4 + 9) / 4.0, Functions.mse(a, b).item(), 0);
        assertThrows(IllegalArgumentException.class, () -> Functions.mse(a, Variable.constant(Tensor.zeros(DType.F64, 4))));
    }

    // ------------------------------------------------------------------ ties (finite differences do not apply)

    @Test
    void maxAndMinSplitTheGradientEvenlyAmongTies() {
        Variable x = param(new double[] {1, 3, 3, 2, -1, -1, 0, 3}, 2, 4);
        Variable maxAll = Functions.max(x);
        assertEquals(3, maxAll.item(), 0);
        maxAll.backward();
        assertArrayEquals(new double[] {0, 1.0 / 3, 1.0 / 3, 0, 0, 0, 0, 1.0 / 3}, x.grad().toDoubleArray(), 1e-15);

        x.zeroGrad();
        Functions.min(x).backward();
        assertArrayEquals(new double[] {0, 0, 0, 0, 0.5, 0.5, 0, 0}, x.grad().toDoubleArray(), 0);

        x.zeroGrad();
        Variable rowMax = Ops.max(x, 1);
        assertArrayEquals(new int[] {2, 1}, rowMax.shape());
        rowMax.backward(Tensor.of(new double[] {10, 100}, 2, 1));
        assertArrayEquals(new double[] {0, 5, 5, 0, 0, 0, 0, 100}, x.grad().toDoubleArray(), 0);

        x.zeroGrad();
        Ops.min(x, 0).backward(Tensor.of(new double[] {1, 2, 3, 4}, 1, 4));
        assertArrayEquals(new double[] {0, 0, 0, 4, 1, 2, 3, 0}, x.grad().toDoubleArray(), 0);
    }

    @Test
    void maximumAndMinimumHalveTheGradientOnTies() {
        Variable a = param(new double[] {1, 2, 5}, 3);
        Variable b = param(new double[] {1, 3, 4}, 3);
        Functions.sum(Ops.maximum(a, b)).backward();
        assertArrayEquals(new double[] {0.5, 0, 1}, a.grad().toDoubleArray(), 0);
        assertArrayEquals(new double[] {0.5, 1, 0}, b.grad().toDoubleArray(), 0);
        a.zeroGrad();
        b.zeroGrad();
        Functions.sum(Ops.minimum(a, b)).backward();
        assertArrayEquals(new double[] {0.5, 1, 0}, a.grad().toDoubleArray(), 0);
        assertArrayEquals(new double[] {0.5, 0, 1}, b.grad().toDoubleArray(), 0);
    }

    @Test
    void maxPoolRoutesToTheFirstMaximumAndPaddingWinsNothing() {
        // Odd length with the zero right pad: the last window is max(x_4, 0) = 0, won by the padding.
        Variable x = param(new double[] {2, 2, -1, 4, -3}, 1, 1, 5);
        Variable y = Ops.maxPool1d(x, new org.jclef.tensor.Pool1dGeometry(2, 2, 0, 1, 0.0));
        assertArrayEquals(new double[] {2, 4, 0}, y.value().toDoubleArray(), 0);
        y.backward(Tensor.of(new double[] {1, 10, 100}, 1, 1, 3));
        assertArrayEquals(new double[] {1, 0, 0, 10, 0}, x.grad().toDoubleArray(), 0);
    }
}
