package org.jclef.nn.layers;

import java.util.SplittableRandom;
import org.jclef.autograd.Ops;
import org.jclef.autograd.Variable;
import org.jclef.nn.Init;
import org.jclef.nn.Module;
import org.jclef.tensor.Tensor;

/**
 * Inverted dropout (PyTorch's {@code nn.Dropout}): in training mode each element is zeroed with
 * probability p and the survivors are scaled by 1/(1 − p); in evaluation mode, and for p = 0, the
 * identity. The masks come from the layer's own stream, split off the model's {@link Init}, so a
 * seeded model drops the same elements on every run. No parameters.
 */
public final class Dropout extends Module {
    private final double p;
    private final SplittableRandom random;

    public Dropout(Init init, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("Dropout: probability " + p + " must be in [0, 1]");
        }
        this.p = p;
        this.random = init.stream();
    }

    /** Any shape in, the same shape out. */
    @Override
    public Variable forward(Variable x) {
        if (!isTraining() || p == 0) {
            return x;
        }
        Tensor mask = Tensor.zeros(x.dtype(), x.shape());
        double keep = p == 1 ? 0 : 1 / (1 - p);
        for (int i = 0; i < mask.size(); i++) {
            if (random.nextDouble() >= p) {
                mask.setFlat(i, keep);
            }
        }
        return Ops.mul(x, Variable.constant(mask));
    }

    public double p() {
        return p;
    }
}
