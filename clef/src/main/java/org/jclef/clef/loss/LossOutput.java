package org.jclef.clef.loss;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jclef.autograd.Variable;

/**
 * A loss and its named terms, all rank-0 variables of the same graph: call {@code loss().backward()}
 * to train, read the terms to log them.
 *
 * @param loss the value to minimise
 * @param terms the parts it is made of, in order (e.g. "nce", "align"); may be empty
 */
public record LossOutput(Variable loss, Map<String, Variable> terms) {

    public LossOutput {
        if (loss == null || loss.size() != 1) {
            throw new IllegalArgumentException("LossOutput: the loss must be a one-element variable, got " + loss);
        }
        terms = Collections.unmodifiableMap(new LinkedHashMap<>(terms));
    }

    /** The term's value; throws naming the available terms if there is none by that name. */
    public double term(String name) {
        Variable v = terms.get(name);
        if (v == null) {
            throw new IllegalArgumentException("LossOutput: no term '" + name + "' (terms: " + terms.keySet() + ")");
        }
        return v.item();
    }
}
