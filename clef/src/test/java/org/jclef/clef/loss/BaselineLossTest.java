package org.jclef.clef.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jclef.autograd.Variable;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Hand-computed values and input checks of NT-Xent and BYOL (parity: {@link LossTorchParityTest}). */
class BaselineLossTest {

    private static Variable of(int rows, int cols, double... values) {
        return Variable.constant(Tensor.of(values, rows, cols));
    }

    @Test
    void ntXentByHand() {
        // Views (1, 0), (0, 1) | (1, 0), (−1, 0): anchor 0 logits {s01, s02, s03} = {0, 1, −1}/τ, positive 2.
        double tau = 0.5;
        Variable z = of(4, 2, 1, 0, 0, 1, 1, 0, -1, 0);
        double a0 = Math.log(Math.exp(0) + Math.exp(2) + Math.exp(-2)) - 2;
        double a1 = Math.log(Math.exp(0) + Math.exp(0) + Math.exp(0)) - 0;
        double a2 = Math.log(Math.exp(2) + Math.exp(0) + Math.exp(-2)) - 2;
        double a3 = Math.log(Math.exp(-2) + Math.exp(0) + Math.exp(-2)) - 0;
        assertEquals((a0 + a1 + a2 + a3) / 4, new NtXentLoss(tau).compute(z, null).loss().item(), 1e-15);
    }

    @Test
    void ntXentRejectsOddBatchesAndBadTemperatures() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NtXentLoss(0.07).compute(Variable.constant(Tensor.zeros(DType.F32, 3, 4)), null));
        assertTrue(e.getMessage().startsWith("NtXentLoss") && e.getMessage().contains("[3, 4]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new NtXentLoss(-1));
    }

    @Test
    void byolByHand() {
        // Row 0: p1 ∥ z2t (distance 0), p2 = −z1t (distance 4); row 1: both orthogonal (2 + 2).
        Variable p1 = of(2, 2, 2, 0, 0, 1);
        Variable z2t = of(2, 2, 5, 0, 3, 0);
        Variable p2 = of(2, 2, 0, 1, 1, 0);
        Variable z1t = of(2, 2, 0, -3, 0, 7);
        assertEquals((0 + 4 + 2 + 2) / 2.0, ByolLoss.compute(p1, p2, z1t, z2t).item(), 1e-15);
    }

    @Test
    void byolRejectsMismatchedShapes() {
        Variable a = Variable.constant(Tensor.zeros(DType.F32, 2, 4));
        Variable b = Variable.constant(Tensor.zeros(DType.F32, 2, 5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ByolLoss.compute(a, a, b, a));
        assertTrue(e.getMessage().contains("[2, 5]"), e.getMessage());
    }
}
