package org.jclef.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jclef.autograd.Functions;
import org.jclef.autograd.Ops;
import org.jclef.autograd.Variable;
import org.jclef.nn.Parameter;
import org.jclef.nn.Parity;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;
import org.jclef.tensor.io.Fixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SGD, Adam and AdamW against torch.optim (fixture optim.safetensors): four steps on three
 * parameters with given gradients; the third never has a gradient and must not move (no decay
 * either). Float64 to 1e-12 relative error, float32 to 1e-6.
 */
class OptimizerParityTest {
    private static final Fixture FIXTURE = Fixture.load("fixtures/optim.safetensors");
    private static final List<String> NAMES = List.of("a", "b", "unused");

    static Stream<Arguments> cases() {
        List<Fixture.Case> cases = FIXTURE.cases();
        assertFalse(cases.isEmpty());
        return cases.stream().flatMap(c -> Stream.of(Arguments.of(c, DType.F64, 1e-12), Arguments.of(c, DType.F32, 1e-6)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void matchesTorchOptim(Fixture.Case c, DType dtype, double tolerance) {
        Map<String, Parameter> params = new LinkedHashMap<>();
        for (String name : NAMES) {
            params.put(name, Parameter.of(c.tensor("init/" + name).to(dtype)));
        }
        Optimizer optimizer = build(c, params);
        for (int s = 0; s < c.intParam("steps"); s++) {
            optimizer.zeroGrad();
            for (String name : List.of("a", "b")) {
                setGradient(params.get(name), c.tensor("grad" + s + "/" + name).to(dtype));
            }
            optimizer.step();
            for (String name : NAMES) {
                Parity.assertClose(params.get(name).value(), c.tensor("after" + s + "/" + name), tolerance,
                        c + " step " + s + " " + name);
            }
        }
        assertArrayEquals(c.tensor("init/unused").toDoubleArray(), params.get("unused").value().toDoubleArray());
    }

    /** Makes g the parameter's gradient: ∂/∂p Σ p ⊙ g = g, exactly. */
    static void setGradient(Parameter p, Tensor g) {
        Functions.sum(Ops.mul(p.variable(), Variable.constant(g))).backward();
    }

    static Optimizer build(Fixture.Case c, Map<String, Parameter> params) {
        double lr = c.doubleParam("lr");
        double weightDecay = c.params().containsKey("weight_decay") ? c.doubleParam("weight_decay") : 0;
        return switch (c.stringParam("op")) {
            case "sgd" -> new Sgd(params, new Sgd.Hyper(lr, optional(c, "momentum", 0), optional(c, "dampening", 0),
                    weightDecay, c.params().containsKey("nesterov") && c.boolParam("nesterov")));
            case "adam", "adamw" -> {
                double defaultDecay = c.stringParam("op").equals("adamw") ? 1e-2 : 0;
                Adam.Hyper hyper = new Adam.Hyper(lr, optional(c, "beta1", 0.9), optional(c, "beta2", 0.999),
                        optional(c, "eps", 1e-8), optional(c, "weight_decay", defaultDecay));
                yield c.stringParam("op").equals("adam") ? Adam.adam(params, hyper) : Adam.adamW(params, hyper);
            }
            default -> throw new IllegalArgumentException("unknown optimiser in " + c);
        };
    }

    private static double optional(Fixture.Case c, String key, double fallback) {
        return c.params().containsKey(key) ? c.doubleParam(key) : fallback;
    }
}
