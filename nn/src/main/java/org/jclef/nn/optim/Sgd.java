package org.jclef.nn.optim;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jclef.nn.Parameter;
import org.jclef.tensor.Backend;
import org.jclef.tensor.Backends;
import org.jclef.tensor.BinaryOp;
import org.jclef.tensor.Tensor;

/**
 * Stochastic gradient descent with momentum, dampening, Nesterov momentum and L2 weight decay
 * (PyTorch's {@code torch.optim.SGD}):
 * d = g + λp; b ← d on the first step, else b ← μb + (1 − dampening)·d; d ← d + μb (Nesterov)
 * or d ← b; p ← p − lr·d. State entry per parameter: {@code momentum_buffer} (when μ ≠ 0).
 */
public final class Sgd extends Optimizer {

    /** SGD's hyper-parameters. */
    public record Hyper(double lr, double momentum, double dampening, double weightDecay, boolean nesterov) {
        public Hyper {
            if (!(momentum >= 0) || !(weightDecay >= 0) || !(dampening >= 0 && dampening <= 1)) {
                throw new IllegalArgumentException("Sgd: invalid hyper-parameters " + this
                        + " (expected momentum >= 0, weight decay >= 0, dampening in [0, 1])");
            }
            if (nesterov && (momentum == 0 || dampening != 0)) {
                throw new IllegalArgumentException("Sgd: Nesterov momentum requires momentum > 0 and dampening 0, got " + this);
            }
        }

        /** Plain SGD. */
        public static Hyper plain(double lr) {
            return new Hyper(lr, 0, 0, 0, false);
        }
    }

    private final double dampening;
    private final double weightDecay;
    private final boolean nesterov;
    private double momentum;
    private final Map<String, Tensor> buffers = new HashMap<>();

    public Sgd(Map<String, Parameter> parameters, Hyper hyper) {
        super(parameters, hyper.lr());
        this.momentum = hyper.momentum();
        this.dampening = hyper.dampening();
        this.weightDecay = hyper.weightDecay();
        this.nesterov = hyper.nesterov();
    }

    @Override
    protected void update(String name, Tensor param, Tensor grad) {
        Backend be = Backends.current();
        Tensor direction = Tensor.zerosLike(grad);
        be.copy(grad, direction);
        if (weightDecay != 0) {
            addScaled(be, direction, param, weightDecay);
        }
        if (momentum != 0) {
            Tensor buffer = buffers.get(name);
            if (buffer == null) {
                buffer = Tensor.zerosLike(direction);
                be.copy(direction, buffer);
                buffers.put(name, buffer);
            } else {
                be.affine(buffer, momentum, 0, buffer);
                addScaled(be, buffer, direction, 1 - dampening);
            }
            if (nesterov) {
                addScaled(be, direction, buffer, momentum);
            } else {
                direction = buffer;
            }
        }
        addScaled(be, param, direction, -learningRate());
    }

    /** {@code target += scale·x}. */
    private static void addScaled(Backend be, Tensor target, Tensor x, double scale) {
        Tensor scaled = Tensor.zerosLike(x);
        be.affine(x, scale, 0, scaled);
        be.binary(BinaryOp.ADD, target, scaled, target);
    }

    @Override
    public double momentum() {
        return momentum;
    }

    @Override
    public void setMomentum(double momentum) {
        if (!(momentum >= 0)) {
            throw new IllegalArgumentException("Sgd: momentum " + momentum + " must be >= 0");
        }
        this.momentum = momentum;
    }

    @Override
    protected Map<String, Tensor> parameterState(String name) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        Tensor buffer = buffers.get(name);
        if (buffer != null) {
            out.put("momentum_buffer", buffer);
        }
        return out;
    }

    @Override
    protected void loadParameterState(String name, Parameter parameter, Map<String, Tensor> entries) {
        buffers.put(name, entries.get("momentum_buffer").to(parameter.dtype()));
    }

    @Override
    protected void clearState() {
        buffers.clear();
    }

    @Override
    protected Map<String, Boolean> stateEntryNames() {
        return Map.of("momentum_buffer", false);
    }
}
