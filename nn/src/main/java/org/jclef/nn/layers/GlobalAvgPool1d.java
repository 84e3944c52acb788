package org.jclef.nn.layers;

import java.util.Arrays;
import org.jclef.autograd.Functions;
import org.jclef.autograd.Ops;
import org.jclef.autograd.Variable;
import org.jclef.nn.Module;

/** The mean over time: {@code x: [N, C, L]} → {@code [N, C]}. No parameters. */
public final class GlobalAvgPool1d extends Module {

    @Override
    public Variable forward(Variable x) {
        return apply(x);
    }

    /** The mean over the last axis of {@code x: [N, C, L]}, as {@code [N, C]}. */
    public static Variable apply(Variable x) {
        if (x.rank() != 3) {
            throw new IllegalArgumentException("GlobalAvgPool1d: expected input [N, C, L], got " + Arrays.toString(x.shape()));
        }
        return Functions.squeeze(Ops.mean(x, 2), 2);
    }
}
