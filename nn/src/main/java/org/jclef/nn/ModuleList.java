package org.jclef.nn;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.jclef.autograd.Variable;

/**
 * Child modules numbered 0, 1, … (PyTorch's {@code nn.ModuleList}, whose keys are
 * {@code "0."}, {@code "1."}, …). {@link #forward} applies them in order, as {@code nn.Sequential}.
 */
public final class ModuleList<M extends Module> extends Module implements Iterable<M> {
    private final List<M> items = new ArrayList<>();

    public ModuleList(List<M> modules) {
        for (M m : modules) {
            registerModule(Integer.toString(items.size()), m);
            items.add(m);
        }
    }

    public M get(int index) {
        return items.get(index);
    }

    public int size() {
        return items.size();
    }

    @Override
    public Iterator<M> iterator() {
        return List.copyOf(items).iterator();
    }

    /** Each module in turn: {@code x → m_{n−1}(… m_0(x))}. */
    @Override
    public Variable forward(Variable x) {
        Variable h = x;
        for (M m : items) {
            h = m.forward(h);
        }
        return h;
    }
}
