package org.jclef.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jclef.autograd.Variable;
import org.jclef.tensor.Tensor;

/**
 * A layer or a model: named {@link Parameter}s, {@link Buffer}s and child modules, as PyTorch's
 * {@code nn.Module}.
 *
 * <p>Names are hierarchical and dotted exactly as PyTorch's state_dict keys: a module registers
 * its own parameters, buffers and children in construction order, and the state dict lists the
 * module's own parameters, then its own buffers, then each child's entries under
 * {@code "childName."}. A Net1D key reads {@code stage_list.1.block_list.0.conv2.conv.weight}.
 *
 * <p>Modules start in training mode, like PyTorch's; {@link #eval()} switches the whole tree
 * (BatchNorm then uses its running statistics and dropout becomes the identity).
 */
public abstract class Module {
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, Buffer> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** Applies the module to {@code x}; the shapes are in each implementation's Javadoc. */
    public abstract Variable forward(Variable x);

    // ---------------------------------------------------------------- registration (constructors)

    protected final Parameter registerParameter(String name, Parameter parameter) {
        claim(name, parameter);
        parameters.put(name, parameter);
        return parameter;
    }

    protected final Buffer registerBuffer(String name, Buffer buffer) {
        claim(name, buffer);
        buffers.put(name, buffer);
        return buffer;
    }

    protected final <M extends Module> M registerModule(String name, M module) {
        claim(name, module);
        children.put(name, module);
        return module;
    }

    private void claim(String name, Object item) {
        if (item == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": '" + name + "' is null");
        }
        if (name == null || name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": invalid name '" + name
                    + "' (expected a non-empty name without dots)");
        }
        if (parameters.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": name '" + name + "' registered twice");
        }
    }

    // ---------------------------------------------------------------- structure (never allocates)

    /** Every parameter by its dotted name, in state-dict order. */
    public final Map<String, Parameter> namedParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collectParameters("", out);
        return out;
    }

    private void collectParameters(String prefix, Map<String, Parameter> out) {
        parameters.forEach((name, p) -> out.put(prefix + name, p));
        children.forEach((name, child) -> child.collectParameters(prefix + name + ".", out));
    }

    /** Every parameter, in state-dict order. */
    public final List<Parameter> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** Every buffer by its dotted name, in state-dict order. */
    public final Map<String, Buffer> namedBuffers() {
        Map<String, Buffer> out = new LinkedHashMap<>();
        collectBuffers("", out);
        return out;
    }

    private void collectBuffers(String prefix, Map<String, Buffer> out) {
        buffers.forEach((name, b) -> out.put(prefix + name, b));
        children.forEach((name, child) -> child.collectBuffers(prefix + name + ".", out));
    }

    /** This module (name "") and every descendant by its dotted name, parents before children. */
    public final Map<String, Module> namedModules() {
        Map<String, Module> out = new LinkedHashMap<>();
        collectModules("", out);
        return out;
    }

    private void collectModules(String name, Map<String, Module> out) {
        out.put(name, this);
        String prefix = name.isEmpty() ? "" : name + ".";
        children.forEach((childName, child) -> child.collectModules(prefix + childName, out));
    }

    /** The shape of every state-dict entry, in state-dict order, without allocating parameters. */
    public final Map<String, int[]> stateShapes() {
        Map<String, int[]> out = new LinkedHashMap<>();
        collectState("", (name, p) -> out.put(name, p.shape()), (name, b) -> out.put(name, b.value().shape()));
        return out;
    }

    /** Total number of parameter elements (buffers excluded), without allocating. */
    public final long parameterCount() {
        long n = 0;
        for (Parameter p : namedParameters().values()) {
            n += p.numel();
        }
        return n;
    }

    // ---------------------------------------------------------------- state dict

    /**
     * Parameters and buffers by their dotted names, in PyTorch's state-dict order. The tensors are
     * the live values (not copies); unused parameters are materialised.
     */
    public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collectState("", (name, p) -> out.put(name, p.value()), (name, b) -> out.put(name, b.value()));
        return out;
    }

    private interface StateVisitor<T> {
        void visit(String name, T item);
    }

    private void collectState(String prefix, StateVisitor<Parameter> onParameter, StateVisitor<Buffer> onBuffer) {
        parameters.forEach((name, p) -> onParameter.visit(prefix + name, p));
        buffers.forEach((name, b) -> onBuffer.visit(prefix + name, b));
        children.forEach((name, child) -> child.collectState(prefix + name + ".", onParameter, onBuffer));
    }

    /**
     * Copies {@code state} into the parameters and buffers, strictly: the keys must be exactly this
     * module's state-dict keys and every shape must match. Values are converted to each entry's
     * dtype. Everything is checked before anything is written, so a rejected state leaves the
     * module unchanged.
     *
     * @throws IllegalArgumentException naming the missing, unexpected or mis-shaped keys
     */
    public final void loadStateDict(Map<String, Tensor> state) {
        Map<String, int[]> expected = stateShapes();
        TreeSet<String> missing = new TreeSet<>(expected.keySet());
        missing.removeAll(state.keySet());
        TreeSet<String> unexpected = new TreeSet<>(state.keySet());
        unexpected.removeAll(expected.keySet());
        List<String> problems = new ArrayList<>();
        if (!missing.isEmpty()) {
            problems.add(missing.size() + " missing key(s) " + abbreviate(missing));
        }
        if (!unexpected.isEmpty()) {
            problems.add(unexpected.size() + " unexpected key(s) " + abbreviate(unexpected));
        }
        for (Map.Entry<String, int[]> e : expected.entrySet()) {
            Tensor t = state.get(e.getKey());
            if (t != null && !t.hasShape(e.getValue())) {
                problems.add("'" + e.getKey() + "' has shape " + Arrays.toString(t.shape()) + ", expected "
                        + Arrays.toString(e.getValue()));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("loadStateDict (" + getClass().getSimpleName() + "): "
                    + String.join("; ", problems));
        }
        namedParameters().forEach((name, p) -> p.assign(state.get(name)));
        namedBuffers().forEach((name, b) -> b.assign(state.get(name)));
    }

    private static String abbreviate(TreeSet<String> keys) {
        List<String> shown = new ArrayList<>(keys).subList(0, Math.min(keys.size(), 8));
        return shown + (keys.size() > shown.size() ? " and " + (keys.size() - shown.size()) + " more" : "");
    }

    // ---------------------------------------------------------------- modes and gradients

    /** Switches this module and all its descendants to training ({@code true}) or evaluation mode. */
    public final Module train(boolean on) {
        for (Module m : namedModules().values()) {
            m.training = on;
        }
        return this;
    }

    /** {@code train(true)}. */
    public final Module train() {
        return train(true);
    }

    /** {@code train(false)}. */
    public final Module eval() {
        return train(false);
    }

    public final boolean isTraining() {
        return training;
    }

    /** Drops every parameter's gradient. */
    public final void zeroGrad() {
        for (Parameter p : namedParameters().values()) {
            p.zeroGrad();
        }
    }
}
