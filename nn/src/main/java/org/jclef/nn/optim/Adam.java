package org.jclef.nn.optim;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jclef.nn.Parameter;
import org.jclef.tensor.AdamStep;
import org.jclef.tensor.Backends;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;

/**
 * Adam and AdamW (PyTorch's {@code torch.optim.Adam} / {@code AdamW}, without amsgrad), updated
 * by {@link org.jclef.tensor.Backend#adamUpdate} so that it runs on any backend.
 *
 * <p>Per parameter, with its own step count t (parameters without a gradient are skipped and do
 * not count): m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², p ← p − lr·m̂/(√v̂ + ε) with
 * m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ). Weight decay λ is Adam's L2 term (g ← g + λp) or, for AdamW,
 * decoupled (p ← p − lr·λ·p before the step).
 *
 * <pre>{@code
 * Adam opt = Adam.adamW(model.namedParameters(), new Adam.Hyper(1e-4, 0.9, 0.999, 1e-8, 5e-4));
 * loss.backward(); opt.step(); opt.zeroGrad();
 * }</pre>
 *
 * State entries per parameter: {@code exp_avg}, {@code exp_avg_sq} (parameter-shaped, the
 * parameter's dtype) and {@code step} (rank-0 F64), as in PyTorch.
 */
public final class Adam extends Optimizer {

    /** Adam's hyper-parameters: learning rate, β₁, β₂, ε and weight decay λ. */
    public record Hyper(double lr, double beta1, double beta2, double eps, double weightDecay) {
        public Hyper {
            if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps >= 0) || !(weightDecay >= 0)) {
                throw new IllegalArgumentException("Adam: invalid hyper-parameters " + this
                        + " (expected betas in [0, 1), eps >= 0, weight decay >= 0)");
            }
        }

        /** PyTorch's defaults with the given learning rate and weight decay: betas (0.9, 0.999), ε 1e-8. */
        public static Hyper of(double lr, double weightDecay) {
            return new Hyper(lr, 0.9, 0.999, 1e-8, weightDecay);
        }
    }

    private static final class State {
        final Tensor expAvg;
        final Tensor expAvgSq;
        long step;

        State(Tensor expAvg, Tensor expAvgSq, long step) {
            this.expAvg = expAvg;
            this.expAvgSq = expAvgSq;
            this.step = step;
        }
    }

    private final boolean decoupled;
    private double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final Map<String, State> state = new HashMap<>();

    private Adam(Map<String, Parameter> parameters, Hyper hyper, boolean decoupled) {
        super(parameters, hyper.lr());
        this.decoupled = decoupled;
        this.beta1 = hyper.beta1();
        this.beta2 = hyper.beta2();
        this.eps = hyper.eps();
        this.weightDecay = hyper.weightDecay();
    }

    /** Adam with coupled (L2) weight decay. */
    public static Adam adam(Map<String, Parameter> parameters, Hyper hyper) {
        return new Adam(parameters, hyper, false);
    }

    /** AdamW: decoupled weight decay. */
    public static Adam adamW(Map<String, Parameter> parameters, Hyper hyper) {
        return new Adam(parameters, hyper, true);
    }

    public boolean isDecoupled() {
        return decoupled;
    }

    @Override
    protected void update(String name, Tensor param, Tensor grad) {
        State s = state.computeIfAbsent(name, k -> new State(Tensor.zerosLike(param), Tensor.zerosLike(param), 0));
        s.step++;
        AdamStep step = new AdamStep(learningRate(), beta1, beta2, eps, weightDecay, decoupled, s.step);
        Backends.current().adamUpdate(param, grad, s.expAvg, s.expAvgSq, step);
    }

    /** β₁. */
    @Override
    public double momentum() {
        return beta1;
    }

    @Override
    public void setMomentum(double momentum) {
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("Adam: beta1 " + momentum + " must be in [0, 1)");
        }
        beta1 = momentum;
    }

    @Override
    protected Map<String, Tensor> parameterState(String name) {
        State s = state.get(name);
        Map<String, Tensor> out = new LinkedHashMap<>();
        if (s != null) {
            out.put("exp_avg", s.expAvg);
            out.put("exp_avg_sq", s.expAvgSq);
            out.put("step", Tensor.scalar(DType.F64, s.step));
        }
        return out;
    }

    @Override
    protected void loadParameterState(String name, Parameter parameter, Map<String, Tensor> entries) {
        double step = entries.get("step").item();
        if (!(step >= 1) || step != Math.rint(step)) {
            throw new IllegalArgumentException("Adam.loadStateDict: parameter '" + name + "' has step " + step
                    + ", expected a positive integer");
        }
        state.put(name, new State(entries.get("exp_avg").to(parameter.dtype()),
                entries.get("exp_avg_sq").to(parameter.dtype()), (long) step));
    }

    @Override
    protected void clearState() {
        state.clear();
    }

    @Override
    protected Map<String, Boolean> stateEntryNames() {
        return Map.of("exp_avg", false, "exp_avg_sq", false, "step", true);
    }
}
