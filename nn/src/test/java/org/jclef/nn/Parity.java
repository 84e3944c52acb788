package org.jclef.nn;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Map;
import org.jclef.autograd.Variable;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;
import org.jclef.tensor.io.Fixture;

/** Runs a module on a PyTorch fixture case and compares output, input gradient and parameter gradients. */
public final class Parity {
    private Parity() {
    }

    public static void assertClose(Tensor actual, Tensor expected, double tolerance, String what) {
        double err = Fixture.relativeError(actual, expected);
        assertTrue(err <= tolerance, String.format(Locale.ROOT, "%s: relative error %.3g > %.1g", what, err, tolerance));
    }

    /** Copies the case's "state/<key>" tensors into the module's parameters (all required) and buffers (when present). */
    public static void loadState(Module module, Fixture.Case c) {
        module.namedParameters().forEach((key, p) -> p.assign(c.tensor("state/" + key)));
        module.namedBuffers().forEach((key, b) -> {
            if (c.has("state/" + key)) {
                b.assign(c.tensor("state/" + key));
            }
        });
    }

    /**
     * Loads the case into {@code module} (built in {@code dtype}), runs it on x with dy as the
     * upstream gradient and checks y, dx, every "grad/<key>" (and no gradient where the case has none)
     * and every "after/<key>" buffer. Returns the largest relative error seen.
     */
    public static double check(Module module, Fixture.Case c, DType dtype, double tolerance) {
        loadState(module, c);
        module.train(c.boolParam("train"));
        Variable x = Variable.parameter(c.tensor("x").to(dtype));
        Variable y = module.forward(x);
        y.backward(c.tensor("dy").to(dtype));
        double worst = 0;
        worst = Math.max(worst, compare(y.value(), c.tensor("y"), tolerance, c + " y"));
        worst = Math.max(worst, compare(x.grad(), c.tensor("dx"), tolerance, c + " dx"));
        for (Map.Entry<String, Parameter> e : module.namedParameters().entrySet()) {
            String key = "grad/" + e.getKey();
            if (c.has(key)) {
                assertNotNull(e.getValue().grad(), c + ": no gradient for " + e.getKey());
                worst = Math.max(worst, compare(e.getValue().grad(), c.tensor(key), tolerance, c + " " + key));
            } else {
                assertNull(e.getValue().grad(), c + ": PyTorch gives no gradient for " + e.getKey());
            }
        }
        for (Map.Entry<String, Buffer> e : module.namedBuffers().entrySet()) {
            String key = "after/" + e.getKey();
            if (c.has(key)) {
                worst = Math.max(worst, compare(e.getValue().value(), c.tensor(key), tolerance, c + " " + key));
            }
        }
        return worst;
    }

    private static double compare(Tensor actual, Tensor expected, double tolerance, String what) {
        assertClose(actual, expected, tolerance, what);
        return Fixture.relativeError(actual, expected);
    }
}
