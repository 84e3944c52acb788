package org.jclef.nn.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jclef.nn.Parameter;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;

/**
 * Updates named parameters from their gradients (one parameter group, as PyTorch's optimisers
 * with a single group).
 *
 * <p>{@link #step()} visits the parameters in order and <b>skips entirely</b> every parameter
 * whose gradient is null (never reached by the last backward pass, e.g. Net1D's unused BatchNorm
 * parameters) or that is frozen: no update, no weight decay, no state. Per-parameter state is
 * created on a parameter's first update.
 *
 * <p>State dict (for checkpoints, {@link org.jclef.nn.StateDicts}): the hyper-parameters a
 * schedule changes, {@code "group/lr"} and {@code "group/momentum"}, as rank-0 F64 tensors, and
 * each updated parameter's state as {@code "state/<parameter name>/<entry>"}. Restoring it into an
 * optimiser over the same parameters makes the following steps identical.
 */
public abstract class Optimizer {
    private static final String GROUP_PREFIX = "group/";
    private static final String STATE_PREFIX = "state/";

    private final Map<String, Parameter> parameters;
    private double learningRate;

    protected Optimizer(Map<String, Parameter> parameters, double learningRate) {
        if (parameters == null || parameters.isEmpty()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": no parameters to optimise");
        }
        this.parameters = new LinkedHashMap<>(parameters);
        setLearningRate(learningRate);
    }

    /** One update of every parameter that has a gradient. */
    public final void step() {
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            Parameter p = e.getValue();
            Tensor grad = p.grad();
            if (p.requiresGrad() && grad != null) {
                update(e.getKey(), p.value(), grad);
            }
        }
    }

    /** Updates one parameter in place from its gradient (same shape and dtype). */
    protected abstract void update(String name, Tensor param, Tensor grad);

    /** Drops every parameter's gradient. */
    public final void zeroGrad() {
        for (Parameter p : parameters.values()) {
            p.zeroGrad();
        }
    }

    public final double learningRate() {
        return learningRate;
    }

    public final void setLearningRate(double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": learning rate " + lr
                    + " must be finite and >= 0");
        }
        learningRate = lr;
    }

    /** The momentum-like hyper-parameter a one-cycle schedule cycles: Adam's β₁, SGD's momentum. */
    public abstract double momentum();

    public abstract void setMomentum(double momentum);

    /** The optimised parameters by name. */
    public final Map<String, Parameter> parameters() {
        return Collections.unmodifiableMap(parameters);
    }

    // ---------------------------------------------------------------- state

    /** The state of one parameter by entry name (copies), or an empty map before its first update. */
    protected abstract Map<String, Tensor> parameterState(String name);

    /**
     * Replaces the state of parameter {@code name} with {@code entries} (already checked to name
     * only entries of {@link #stateEntryNames()}, all of them, with the parameter's shape for the
     * tensor entries).
     */
    protected abstract void loadParameterState(String name, Parameter parameter, Map<String, Tensor> entries);

    /** Drops every parameter's state (before a load). */
    protected abstract void clearState();

    /** The per-parameter entries, and which of them are rank-0 counters (the others have the parameter's shape). */
    protected abstract Map<String, Boolean> stateEntryNames();

    /** A copy of the optimiser's state: hyper-parameters and per-parameter buffers. */
    public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put(GROUP_PREFIX + "lr", Tensor.scalar(DType.F64, learningRate));
        out.put(GROUP_PREFIX + "momentum", Tensor.scalar(DType.F64, momentum()));
        for (String name : parameters.keySet()) {
            parameterState(name).forEach((entry, t) -> out.put(STATE_PREFIX + name + "/" + entry, t.copy()));
        }
        return out;
    }

    /**
     * Restores a {@link #stateDict()}: strict about keys (every parameter's entries all present or
     * all absent, no unknown parameter or entry) and shapes; checks everything before changing anything.
     *
     * @throws IllegalArgumentException naming what does not fit
     */
    public final void loadStateDict(Map<String, Tensor> state) {
        String who = getClass().getSimpleName() + ".loadStateDict: ";
        Map<String, Map<String, Tensor>> byParameter = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String required : List.of("lr", "momentum")) {
            Tensor t = state.get(GROUP_PREFIX + required);
            if (t == null || t.size() != 1) {
                problems.add("missing scalar '" + GROUP_PREFIX + required + "'");
            }
        }
        Map<String, Boolean> entryNames = stateEntryNames();
        for (Map.Entry<String, Tensor> e : state.entrySet()) {
            String key = e.getKey();
            if (key.equals(GROUP_PREFIX + "lr") || key.equals(GROUP_PREFIX + "momentum")) {
                continue;
            }
            int slash = key.lastIndexOf('/');
            if (!key.startsWith(STATE_PREFIX) || slash <= STATE_PREFIX.length()) {
                problems.add("unexpected key '" + key + "'");
                continue;
            }
            String name = key.substring(STATE_PREFIX.length(), slash);
            String entry = key.substring(slash + 1);
            Parameter p = parameters.get(name);
            if (p == null) {
                problems.add("state for unknown parameter '" + name + "'");
            } else if (!entryNames.containsKey(entry)) {
                problems.add("unknown entry '" + entry + "' for parameter '" + name + "' (expected " + entryNames.keySet() + ")");
            } else if (entryNames.get(entry) ? e.getValue().size() != 1 : !e.getValue().hasShape(p.shape())) {
                problems.add("'" + key + "' has shape " + Arrays.toString(e.getValue().shape()) + ", expected "
                        + (entryNames.get(entry) ? "a scalar" : Arrays.toString(p.shape())));
            } else {
                byParameter.computeIfAbsent(name, k -> new LinkedHashMap<>()).put(entry, e.getValue());
            }
        }
        byParameter.forEach((name, entries) -> {
            if (!entries.keySet().equals(entryNames.keySet())) {
                problems.add("parameter '" + name + "' has entries " + entries.keySet() + ", expected " + entryNames.keySet());
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(who + String.join("; ", problems));
        }
        setLearningRate(state.get(GROUP_PREFIX + "lr").item());
        setMomentum(state.get(GROUP_PREFIX + "momentum").item());
        clearState();
        byParameter.forEach((name, entries) -> loadParameterState(name, parameters.get(name), entries));
    }
}
