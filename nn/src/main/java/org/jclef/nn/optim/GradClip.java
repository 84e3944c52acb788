package org.jclef.nn.optim;

import java.util.Collection;
import org.jclef.nn.Parameter;
import org.jclef.tensor.Backend;
import org.jclef.tensor.Backends;
import org.jclef.tensor.BinaryOp;
import org.jclef.tensor.ReduceOp;
import org.jclef.tensor.Tensor;

/** Gradient clipping by global norm (PyTorch's {@code clip_grad_norm_} with the 2-norm). */
public final class GradClip {
    private static final double EPS = 1e-6;

    private GradClip() {
    }

    /**
     * Scales every gradient by maxNorm/(‖g‖ + 10⁻⁶) when that is below 1, where ‖g‖ is the 2-norm of
     * all gradients together; parameters without a gradient are ignored.
     *
     * @return the total norm before clipping
     */
    public static double clipGradNorm(Collection<Parameter> parameters, double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("clipGradNorm: max norm " + maxNorm + " must be positive");
        }
        Backend be = Backends.current();
        double sumSquares = 0;
        for (Parameter p : parameters) {
            Tensor g = p.grad();
            if (g != null && g.size() > 0) {
                Tensor flat = g.reshape(g.size());
                Tensor squares = Tensor.zerosLike(flat);
                be.binary(BinaryOp.MUL, flat, flat, squares);
                Tensor sum = Tensor.zeros(g.dtype(), 1);
                be.reduce(ReduceOp.SUM, squares, 0, sum);
                sumSquares += sum.item();
            }
        }
        double total = Math.sqrt(sumSquares);
        double coefficient = maxNorm / (total + EPS);
        if (coefficient < 1) {
            for (Parameter p : parameters) {
                Tensor g = p.grad();
                if (g != null) {
                    be.affine(g, coefficient, 0, g);
                }
            }
        }
        return total;
    }
}
