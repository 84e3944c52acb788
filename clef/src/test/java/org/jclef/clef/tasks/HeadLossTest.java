package org.jclef.clef.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jclef.autograd.GradCheck;
import org.jclef.autograd.Variable;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;
import org.junit.jupiter.api.Test;

class HeadLossTest {
    private static final double[] LOGITS = {-3.0, -0.4, 0.0, 0.7, 2.5, 40.0};
    private static final double[] TARGETS = {0, 1, 1, 0, 1, 0};

    @Test
    void bceWithLogitsMatchesTheDefinitionAndIsStable() {
        double expected = 0;
        for (int i = 0; i < LOGITS.length; i++) {
            double p = 1 / (1 + Math.exp(-LOGITS[i]));
            expected -= TARGETS[i] * Math.log(p) + (1 - TARGETS[i]) * (i == 5 ? -40.0 : Math.log(1 - p));
        }
        expected /= LOGITS.length;
        Variable loss = HeadLoss.bceWithLogits(Variable.parameter(Tensor.of(LOGITS, 3, 2)), Tensor.of(TARGETS, 3, 2));
        assertEquals(expected, loss.item(), 1e-12);
        assertTrue(Double.isFinite(loss.item()));
    }

    @Test
    void bceGradientIsSigmoidMinusTarget() {
        Variable z = Variable.parameter(Tensor.of(LOGITS, 6, 1));
        HeadLoss.bceWithLogits(z, Tensor.of(TARGETS, 6, 1)).backward();
        for (int i = 0; i < LOGITS.length; i++) {
            double p = 1 / (1 + Math.exp(-LOGITS[i]));
            assertEquals((p - TARGETS[i]) / LOGITS.length, z.grad().getFlat(i), 1e-12, "logit " + i);
        }
        GradCheck.Result r = GradCheck.check(v -> HeadLoss.bceWithLogits(v.get(0), Tensor.of(TARGETS, 6, 1)),
                List.of(Tensor.of(new double[] {-3.0, -0.4, 0.3, 0.7, 2.5, 4.0}, 6, 1)));
        assertTrue(r.maxAbsError() < 1e-7, r.toString());
    }

    @Test
    void l1IsTheMeanAbsoluteErrorAndCrossEntropyTheMeanNll() {
        Variable pred = Variable.parameter(Tensor.of(new double[] {1.0, -2.0, 0.5}, 3, 1));
        assertEquals((0.5 + 1.0 + 0.5) / 3, HeadLoss.l1(pred, Tensor.of(new double[] {0.5, -1.0, 0.0}, 3, 1)).item(), 1e-15);

        double[] logits = {1.0, 2.0, 0.5, -1.0, 0.0, 3.0};
        Variable ce = HeadLoss.crossEntropy(Variable.parameter(Tensor.of(logits, 2, 3)), new int[] {1, 2});
        double row0 = -2.0 + Math.log(Math.exp(1) + Math.exp(2) + Math.exp(0.5));
        double row1 = -3.0 + Math.log(Math.exp(-1) + Math.exp(0) + Math.exp(3));
        assertEquals((row0 + row1) / 2, ce.item(), 1e-12);
    }

    @Test
    void shapeAndDtypeMismatchesAreNamed() {
        Variable z = Variable.parameter(Tensor.of(LOGITS, 6, 1));
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> HeadLoss.bceWithLogits(z, Tensor.of(TARGETS, 3, 2)));
        assertTrue(shape.getMessage().contains("[6, 1]") && shape.getMessage().contains("[3, 2]"), shape.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HeadLoss.l1(z, Tensor.zeros(DType.F32, 6, 1)));
    }
}
