package org.jclef.clef.train;

import org.jclef.autograd.Ops;
import org.jclef.autograd.Variable;
import org.jclef.nn.Init;
import org.jclef.nn.Module;
import org.jclef.nn.layers.BatchNorm1d;
import org.jclef.nn.layers.Linear;

/**
 * BYOL's predictor (spec §4.7): Linear(D, D/2) → BatchNorm1d(D/2) → ReLU → Linear(D/2, D),
 * {@code [B, D] → [B, D]}. The BatchNorm runs in training mode on each view's batch.
 */
final class ByolPredictor extends Module {
    private final Linear fc1;
    private final BatchNorm1d bn;
    private final Linear fc2;

    ByolPredictor(Init init, int dim) {
        if (dim < 2) {
            throw new IllegalArgumentException("BYOL predictor: embedding dimension " + dim + " must be at least 2");
        }
        this.fc1 = registerModule("fc1", new Linear(init, dim, dim / 2));
        this.bn = registerModule("bn", new BatchNorm1d(init, dim / 2));
        this.fc2 = registerModule("fc2", new Linear(init, dim / 2, dim));
    }

    /** {@code z: [B, D]} → {@code [B, D]}. */
    @Override
    public Variable forward(Variable z) {
        return fc2.forward(Ops.relu(bn.forward(fc1.forward(z))));
    }
}
