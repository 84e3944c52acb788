package org.jclef.nn.layers;

import java.util.Arrays;
import org.jclef.autograd.Functions;
import org.jclef.autograd.Ops;
import org.jclef.autograd.Variable;
import org.jclef.nn.Init;
import org.jclef.nn.Module;

/**
 * Squeeze-and-excitation over channels, with Swish inside (Net1D's SE):
 * e = mean over time of h; u = swish(W₁e + b₁); a = σ(W₂u + b₂); h[c, t] ← a_c·h[c, t].
 * The hidden width is ⌊C/r⌋ (integer division; Net1D uses r = 2).
 *
 * <p>As a module it owns {@code fc1: Linear(C, ⌊C/r⌋)} and {@code fc2: Linear(⌊C/r⌋, C)}. Net1D's
 * block registers the two layers itself (as {@code se_fc1} and {@code se_fc2}) and calls
 * {@link #apply}, which is the same computation.
 */
public final class SqueezeExcite extends Module {
    private final Linear fc1;
    private final Linear fc2;

    public SqueezeExcite(Init init, int channels, int reduction) {
        if (reduction < 1 || channels / reduction < 1) {
            throw new IllegalArgumentException("SqueezeExcite: " + channels + " channels with reduction "
                    + reduction + " leave no hidden unit");
        }
        this.fc1 = registerModule("fc1", new Linear(init, channels, channels / reduction));
        this.fc2 = registerModule("fc2", new Linear(init, channels / reduction, channels));
    }

    /** {@code h: [N, C, L]} → {@code [N, C, L]}, each channel scaled by its gate. */
    @Override
    public Variable forward(Variable h) {
        return apply(h, fc1, fc2);
    }

    /**
     * The SE scaling of {@code h: [N, C, L]} with {@code squeeze: C → H} and {@code excite: H → C}:
     * e: [N, C] → u: [N, H] → a: [N, C] → h·a broadcast over time.
     */
    public static Variable apply(Variable h, Linear squeeze, Linear excite) {
        if (h.rank() != 3 || h.dim(1) != squeeze.inFeatures() || excite.outFeatures() != squeeze.inFeatures()) {
            throw new IllegalArgumentException("SqueezeExcite: expected input [N, " + squeeze.inFeatures()
                    + ", L], got " + Arrays.toString(h.shape()));
        }
        Variable e = GlobalAvgPool1d.apply(h);
        Variable u = Ops.swish(squeeze.forward(e));
        Variable a = Ops.sigmoid(excite.forward(u));
        return Ops.mul(h, Functions.unsqueeze(a, 2));
    }

    public Linear fc1() {
        return fc1;
    }

    public Linear fc2() {
        return fc2;
    }
}
