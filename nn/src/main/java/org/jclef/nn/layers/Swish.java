package org.jclef.nn.layers;

import org.jclef.autograd.Ops;
import org.jclef.autograd.Variable;
import org.jclef.nn.Module;

/** Swish (SiLU) x·σ(x), elementwise: the only activation of Net1D. No parameters. */
public final class Swish extends Module {

    /** Any shape in, the same shape out. */
    @Override
    public Variable forward(Variable x) {
        return Ops.swish(x);
    }
}
