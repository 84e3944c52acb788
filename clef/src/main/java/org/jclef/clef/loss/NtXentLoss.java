package org.jclef.clef.loss;

import java.util.Map;
import org.jclef.autograd.Functions;
import org.jclef.autograd.Ops;
import org.jclef.autograd.Variable;
import org.jclef.tensor.DType;

/**
 * SimCLR's NT-Xent (spec §4.7), metadata off: each of the N = 2B views is an anchor with N − 1
 * logits s_ab/τ (b ≠ a: the positive p(a) and the N − 2 negatives) and the loss is the mean
 * cross-entropy of the positive, L = (1/N) Σ_a (logsumexp_{b≠a} ℓ_ab − ℓ_{a,p(a)}), with s the
 * cosine similarities of the rows of z. The self-pair is removed by adding −∞ (log 0) to the
 * diagonal before the log-sum-exp.
 *
 * <pre>{@code
 * LossOutput out = new NtXentLoss(0.07).compute(z, null);   // spec T6 z: 1.542158
 * }</pre>
 */
public final class NtXentLoss implements ContrastiveLoss {
    private final double temperature;

    /** @param temperature τ (spec 0.07) */
    public NtXentLoss(double temperature) {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("NtXentLoss: temperature " + temperature + " must be positive and finite");
        }
        this.temperature = temperature;
    }

    public double temperature() {
        return temperature;
    }

    /** The loss (no terms); {@code metadata} is ignored and may be null. */
    @Override
    public LossOutput compute(Variable z, BatchMetadata metadata) {
        int n = ViewPairs.views("NtXentLoss", z);
        DType dtype = z.dtype();
        Variable u = Functions.normalize(z, 1);
        Variable logits = Functions.mulScalar(Ops.matmul(u, false, u, true), 1 / temperature);
        Variable others = Ops.add(logits, Variable.constant(ViewPairs.selfExcluded(dtype, n)));
        Variable positive = Ops.sum(Ops.mul(logits, Variable.constant(ViewPairs.positives(dtype, n))), 1);
        return new LossOutput(Functions.mean(Ops.sub(Ops.logSumExp(others, 1), positive)), Map.of());
    }

    @Override
    public String toString() {
        return "NtXentLoss[temperature=" + temperature + "]";
    }
}
