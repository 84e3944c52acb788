package org.jclef.clef.tasks;

import java.util.Arrays;
import org.jclef.autograd.Functions;
import org.jclef.autograd.Ops;
import org.jclef.autograd.Variable;
import org.jclef.tensor.Tensor;

/**
 * The fine-tuning losses of spec §7.3 on a linear head's outputs, composed from autograd primitives
 * (no backward code of their own): BCE-with-logits for binary and multilabel targets,
 * cross-entropy for multiclass, L1 on standardised targets for regression. Each is a mean, rank 0.
 */
public final class HeadLoss {
    private HeadLoss() {
    }

    /**
     * Mean binary cross-entropy of {@code logits: [N, K]} against 0/1 {@code targets: [N, K]}, in
     * the stable form max(x, 0) − x·y + log(1 + e^(−|x|)) (PyTorch's
     * {@code binary_cross_entropy_with_logits}); its gradient is (σ(x) − y)/n everywhere, x = 0 included.
     */
    public static Variable bceWithLogits(Variable logits, Tensor targets) {
        requireSameShape("bceWithLogits", logits, targets);
        Variable y = Variable.constant(targets);
        Variable softplusOfMinusAbs = Ops.log(Functions.addScalar(Ops.exp(Functions.neg(Ops.abs(logits))), 1.0));
        // maximum(x, 0) rather than relu: its tie rule gives half the gradient at x = 0, so the
        // derivative there is σ(0) − y as it should be (relu's 0 would make it −y).
        Variable positivePart = Ops.maximum(logits, Variable.scalar(logits.dtype(), 0));
        Variable perElement = Ops.add(Ops.sub(positivePart, Ops.mul(logits, y)), softplusOfMinusAbs);
        return Functions.mean(perElement);
    }

    /** Mean cross-entropy of {@code logits: [N, C]} against class indices (spec's CE). */
    public static Variable crossEntropy(Variable logits, int[] targets) {
        return Functions.crossEntropy(logits, targets);
    }

    /** Mean absolute error of {@code predictions: [N, 1]} against {@code targets: [N, 1]} (standardised). */
    public static Variable l1(Variable predictions, Tensor targets) {
        requireSameShape("l1", predictions, targets);
        return Functions.mean(Ops.abs(Ops.sub(predictions, Variable.constant(targets))));
    }

    private static void requireSameShape(String op, Variable x, Tensor targets) {
        if (!Arrays.equals(x.shape(), targets.shape())) {
            throw new IllegalArgumentException(op + ": outputs " + Arrays.toString(x.shape()) + " and targets "
                    + Arrays.toString(targets.shape()) + " must have the same shape");
        }
        if (x.dtype() != targets.dtype()) {
            throw new IllegalArgumentException(op + ": outputs are " + x.dtype() + ", targets " + targets.dtype());
        }
    }
}
