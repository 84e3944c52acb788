package org.jclef.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.jclef.nn.Init;
import org.jclef.nn.Module;
import org.jclef.nn.Parity;
import org.jclef.tensor.DType;
import org.jclef.tensor.io.Fixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every layer against PyTorch (tools/torch-fixtures/nn_fixtures.py, file nn_layers.safetensors):
 * output, input gradient, parameter gradients and BatchNorm's running statistics, in float32
 * (relative error ≤ 1e-5) and float64 (≤ 1e-12).
 */
class LayerParityTest {
    private static final Fixture FIXTURE = Fixture.load("fixtures/nn_layers.safetensors");

    static Stream<Arguments> cases() {
        List<Fixture.Case> cases = FIXTURE.cases();
        assertFalse(cases.isEmpty());
        return cases.stream().flatMap(c -> Stream.of(Arguments.of(c, DType.F32, 1e-5), Arguments.of(c, DType.F64, 1e-12)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void matchesPyTorch(Fixture.Case c, DType dtype, double tolerance) {
        Module module = build(c, Init.seeded(dtype, 7));
        double worst = Parity.check(module, c, dtype, tolerance);
        System.out.printf(Locale.ROOT, "layer parity %s %s: worst relative error %.3g%n", c, dtype, worst);
        if (module instanceof BatchNorm1d bn) {
            assertEquals(c.boolParam("train") ? 1 : 0, bn.numBatchesTracked());
        }
    }

    private static Module build(Fixture.Case c, Init init) {
        return switch (c.stringParam("op")) {
            case "conv1d_same" -> new Conv1dSame(init, c.intParam("in"), c.intParam("out"), c.intParam("kernel"),
                    c.intParam("stride"), c.intParam("groups"));
            case "linear" -> new Linear(init, c.intParam("in"), c.intParam("out"));
            case "se" -> new SqueezeExcite(init, c.intParam("channels"), c.intParam("reduction"));
            case "maxpool_same" -> new MaxPool1dSame(c.intParam("kernel"));
            case "batchnorm" -> new BatchNorm1d(init, c.intParam("features"));
            default -> throw new IllegalArgumentException("unknown op in " + c);
        };
    }
}
