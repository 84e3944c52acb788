package org.jclef.clef.loss;

import java.util.Arrays;
import java.util.List;
import org.jclef.tensor.Backend;
import org.jclef.tensor.Backends;
import org.jclef.tensor.BinaryOp;
import org.jclef.tensor.Tensor;

/**
 * The exponential moving average that keeps a target network (BYOL's target, MoCo's key encoder)
 * behind its online network: θ_target ← m·θ_target + (1 − m)·θ_online, tensor by tensor, in
 * place. With m = 0 it copies the online parameters (the initialisation of both baselines).
 * Operates on plain tensors: no graph is recorded.
 */
public final class EmaUpdate {
    private EmaUpdate() {
    }

    /**
     * Updates every {@code target.get(i)} towards {@code online.get(i)}.
     *
     * @param target the target network's parameters, modified in place
     * @param online the online network's parameters, same order, shapes and dtypes
     * @param momentum m in [0, 1] (BYOL 0.996, MoCo 0.999)
     */
    public static void apply(List<Tensor> target, List<Tensor> online, double momentum) {
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("EmaUpdate: momentum " + momentum + " must lie in [0, 1]");
        }
        if (target.size() != online.size()) {
            throw new IllegalArgumentException("EmaUpdate: " + target.size() + " target tensors but "
                    + online.size() + " online tensors; expected the same parameters in the same order");
        }
        for (int i = 0; i < target.size(); i++) {
            Tensor t = target.get(i), o = online.get(i);
            if (!t.sameShape(o) || t.dtype() != o.dtype()) {
                throw new IllegalArgumentException("EmaUpdate: parameter " + i + " is " + Arrays.toString(t.shape())
                        + " " + t.dtype() + " in the target but " + Arrays.toString(o.shape()) + " " + o.dtype()
                        + " online");
            }
        }
        Backend be = Backends.current();
        for (int i = 0; i < target.size(); i++) {
            Tensor t = target.get(i), o = online.get(i);
            Tensor share = Tensor.zerosLike(o);
            be.affine(o, 1 - momentum, 0, share);
            be.affine(t, momentum, 0, t);
            be.binary(BinaryOp.ADD, t, share, t);
        }
    }
}
