package org.jclef.nn.layers;

import java.util.Arrays;
import org.jclef.autograd.Ops;
import org.jclef.autograd.Variable;
import org.jclef.nn.Init;
import org.jclef.nn.Module;
import org.jclef.nn.Parameter;

/**
 * Fully connected layer y = x·Wᵀ + b (PyTorch's {@code nn.Linear}).
 *
 * <p>Parameters: {@code weight: [out, in]}, {@code bias: [out]} (optional), both initialised
 * ~ U(−1/√in, 1/√in).
 */
public final class Linear extends Module {
    private final int inFeatures;
    private final int outFeatures;
    private final Parameter weight;
    private final Parameter bias;

    /** With a bias. */
    public Linear(Init init, int inFeatures, int outFeatures) {
        this(init, inFeatures, outFeatures, true);
    }

    public Linear(Init init, int inFeatures, int outFeatures, boolean bias) {
        if (inFeatures < 1 || outFeatures < 1) {
            throw new IllegalArgumentException("Linear: invalid sizes in=" + inFeatures + " out=" + outFeatures);
        }
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        double bound = Init.defaultBound(inFeatures);
        this.weight = registerParameter("weight", init.uniform(bound, outFeatures, inFeatures));
        this.bias = bias ? registerParameter("bias", init.uniform(bound, outFeatures)) : null;
    }

    /** {@code x: [N, in]} → {@code [N, out]}, or {@code x: [B, T, in]} → {@code [B, T, out]}. */
    @Override
    public Variable forward(Variable x) {
        if ((x.rank() != 2 && x.rank() != 3) || x.dim(-1) != inFeatures) {
            throw new IllegalArgumentException("Linear: expected input [N, " + inFeatures + "] or [B, T, "
                    + inFeatures + "], got " + Arrays.toString(x.shape()));
        }
        Variable y = Ops.matmul(x, false, weight.variable(), true);
        return bias == null ? y : Ops.add(y, bias.variable());
    }

    public Parameter weight() {
        return weight;
    }

    /** The bias, or null for a layer without one. */
    public Parameter bias() {
        return bias;
    }

    public int inFeatures() {
        return inFeatures;
    }

    public int outFeatures() {
        return outFeatures;
    }
}
