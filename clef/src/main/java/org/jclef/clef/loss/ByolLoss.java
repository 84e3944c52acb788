package org.jclef.clef.loss;

import java.util.Arrays;
import org.jclef.autograd.Functions;
import org.jclef.autograd.Ops;
import org.jclef.autograd.Variable;

/**
 * BYOL's loss (spec §4.7) on the predictor outputs and the target network's embeddings:
 * L = (1/B) Σ_i [(2 − 2·cos(p1_i, z2t_i)) + (2 − 2·cos(p2_i, z1t_i))], cosines of L2-normalised
 * rows (ε = 1e−12, as F.normalize).
 *
 * <p>The surrounding step, wired by the trainer: the predictor is Linear(D, D/2) → BatchNorm1d(D/2)
 * → ReLU → Linear(D/2, D) on the online embeddings (p1, p2 of views 1 and 2); the target network is
 * an EMA copy of the online encoder, updated with {@link EmaUpdate} at momentum
 * {@link #TARGET_MOMENTUM} <em>before</em> its forward pass, which runs without gradient, so
 * {@code z1t} and {@code z2t} are constants.
 */
public final class ByolLoss {
    /** τ of the target network's EMA (0.996). */
    public static final double TARGET_MOMENTUM = 0.996;

    private ByolLoss() {
    }

    /**
     * The loss, rank 0.
     *
     * @param p1 online prediction of view 1, {@code [B, D]}
     * @param p2 online prediction of view 2, {@code [B, D]}
     * @param z1t target embedding of view 1, {@code [B, D]}
     * @param z2t target embedding of view 2, {@code [B, D]}
     */
    public static Variable compute(Variable p1, Variable p2, Variable z1t, Variable z2t) {
        int[] shape = p1.shape();
        boolean valid = p1.rank() == 2 && p1.dim(0) >= 1;
        for (Variable v : new Variable[] {p2, z1t, z2t}) {
            valid &= Arrays.equals(v.shape(), shape);
        }
        if (!valid) {
            throw new IllegalArgumentException("ByolLoss: expected p1, p2, z1t, z2t all [B, D] with B >= 1, got "
                    + Arrays.toString(shape) + ", " + Arrays.toString(p2.shape()) + ", "
                    + Arrays.toString(z1t.shape()) + ", " + Arrays.toString(z2t.shape()));
        }
        return Functions.mean(Ops.add(distance(p1, z2t), distance(p2, z1t)));
    }

    /** 2 − 2·cos(p_i, z_i) per row: {@code [B, 1]}. */
    private static Variable distance(Variable p, Variable z) {
        Variable cos = Ops.sum(Ops.mul(Functions.normalize(p, 1), Functions.normalize(z, 1)), 1);
        return Ops.affine(cos, -2, 2);
    }
}
