package org.jclef.clef.model;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.jclef.autograd.Variable;
import org.jclef.nn.Buffer;
import org.jclef.nn.Init;
import org.jclef.nn.Parameter;
import org.jclef.tensor.DType;
import org.jclef.tensor.io.Fixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Net1D's BasicBlock against the PyTorch port (tools/torch-fixtures/nn_fixtures.py, file
 * net1d_blocks.safetensors): the network's first block, widening and downsampling on odd lengths,
 * uneven channel padding, a plain block, and BatchNorm enabled in train and eval mode. Float32 to
 * 1e-5 and float64 to 1e-12 relative error.
 */
class BasicBlockParityTest {
    private static final Fixture FIXTURE = Fixture.load("fixtures/net1d_blocks.safetensors");

    static Stream<Arguments> cases() {
        return FIXTURE.cases().stream()
                .flatMap(c -> Stream.of(Arguments.of(c, DType.F32, 1e-5), Arguments.of(c, DType.F64, 1e-12)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void matchesPyTorch(Fixture.Case c, DType dtype, double tolerance) {
        int out = c.intParam("out");
        Net1DConfig config = Net1DConfig.SMALL.withBatchNorm(c.boolParam("batch_norm"));
        Net1D.BasicBlock block = new Net1D.BasicBlock(config, Init.seeded(dtype, 3), c.intParam("in"), out,
                (int) Math.floor(out * c.doubleParam("ratio")), c.intParam("stride"), c.intParam("groups"),
                c.boolParam("downsample"), c.boolParam("first"));
        block.namedParameters().forEach((key, p) -> p.assign(c.tensor("state/" + key)));
        block.namedBuffers().forEach((key, b) -> {
            if (c.has("state/" + key)) {
                b.assign(c.tensor("state/" + key));
            }
        });
        block.train(c.boolParam("train"));

        Variable x = Variable.parameter(c.tensor("x").to(dtype));
        Variable y = block.forward(x);
        y.backward(c.tensor("dy").to(dtype));

        double worst = Parity.assertClose(y.value(), c.tensor("y"), tolerance, c + " y");
        worst = Math.max(worst, Parity.assertClose(x.grad(), c.tensor("dx"), tolerance, c + " dx"));
        double gradientScale = 0;
        for (String key : block.namedParameters().keySet()) {
            if (c.has("grad/" + key)) {
                gradientScale = Math.max(gradientScale, Parity.maxAbs(c.tensor("grad/" + key)));
            }
        }
        for (Map.Entry<String, Parameter> e : block.namedParameters().entrySet()) {
            String key = "grad/" + e.getKey();
            if (c.has(key)) {
                assertNotNull(e.getValue().grad(), c + ": no gradient for " + e.getKey());
                worst = Math.max(worst, Parity.assertCloseOrZero(e.getValue().grad(), c.tensor(key), gradientScale,
                        tolerance, c + " " + key));
            } else {
                assertNull(e.getValue().grad(), c + ": PyTorch gives no gradient for " + e.getKey());
            }
        }
        for (Map.Entry<String, Buffer> e : block.namedBuffers().entrySet()) {
            if (c.has("after/" + e.getKey())) {
                worst = Math.max(worst, Parity.assertClose(e.getValue().value(), c.tensor("after/" + e.getKey()),
                        tolerance, c + " after/" + e.getKey()));
            }
        }
        System.out.printf(Locale.ROOT, "BasicBlock parity %s %s: worst relative error %.3g%n", c, dtype, worst);
    }
}
