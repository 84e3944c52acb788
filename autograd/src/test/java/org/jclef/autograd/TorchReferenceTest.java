package org.jclef.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.jclef.tensor.Conv1dGeometry;
import org.jclef.tensor.DType;
import org.jclef.tensor.Pool1dGeometry;
import org.jclef.tensor.Tensor;
import org.jclef.tensor.io.Fixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Small expressions rebuilt from the cases of {@code fixtures/autograd.safetensors} (written by
 * {@code tools/torch-fixtures/generate.py}) and compared with PyTorch's float64 values and
 * gradients, tie semantics included. Inputs and references are both F64, so every element is held
 * to {@value #TOLERANCE} (relative to the element's magnitude, absolute below 1).
 */
class TorchReferenceTest {
    private static final double TOLERANCE = 1e-12;
    private static Fixture fixture;

    @BeforeAll
    static void load() {
        fixture = Fixture.load("fixtures/autograd.safetensors");
    }

    /** A stored F64 tensor of the case; the exact tie checks are meaningless in any other type. */
    private static Tensor stored(Fixture.Case c, String name) {
        Tensor t = c.tensor(name);
        assertEquals(DType.F64, t.dtype(), c.name() + "/" + name + " dtype");
        return t;
    }

    private static Variable param(Fixture.Case c, String name) {
        return Variable.parameter(stored(c, name).copy());
    }

    private static Variable constant(Fixture.Case c, String name) {
        return Variable.constant(stored(c, name));
    }

    private static void assertClose(Fixture.Case c, String name, Tensor actual) {
        Tensor expected = stored(c, name);
        String where = c.name() + "/" + name;
        assertEquals(Arrays.toString(expected.shape()), Arrays.toString(actual.shape()), where + " shape");
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.getFlat(i);
            assertEquals(e, actual.getFlat(i), TOLERANCE * Math.max(1, Math.abs(e)), where + " element " + i);
        }
    }

    @Test
    void groupedStridedConvWithAsymmetricPadding() {
        Fixture.Case c = fixture.get("conv1d_g2_s2_p1-2");
        Variable x = param(c, "x"), w = param(c, "w"), b = param(c, "b");
        Conv1dGeometry g = new Conv1dGeometry(c.intParam("stride"), c.intParam("pad_left"), c.intParam("pad_right"),
                c.intParam("groups"));
        Variable y = Ops.conv1d(x, w, b, g);
        assertClose(c, "y", y.value());
        Functions.sum(Ops.mul(y, constant(c, "dy"))).backward();
        assertClose(c, "dx", x.grad());
        assertClose(c, "dw", w.grad());
        assertClose(c, "db", b.grad());
    }

    @Test
    void sameMaxPoolWithZeroPadAndTies() {
        Fixture.Case c = fixture.get("same_maxpool_zero_pad_ties");
        Variable x = param(c, "x");
        Pool1dGeometry g = new Pool1dGeometry(c.intParam("kernel"), c.intParam("stride"), c.intParam("pad_left"),
                c.intParam("pad_right"), Double.parseDouble(c.stringParam("pad_value")));
        Variable y = Ops.maxPool1d(x, g);
        assertClose(c, "y", y.value());
        Functions.sum(Ops.mul(y, constant(c, "dy"))).backward();
        assertClose(c, "dx", x.grad());
    }

    @Test
    void reductionTies() {
        Fixture.Case c = fixture.get("reduction_ties");
        Variable x = param(c, "x");
        Variable loss = Ops.add(
                Ops.add(Functions.sum(Ops.mul(Ops.max(x, 1), constant(c, "dy_amax"))),
                        Functions.sum(Ops.mul(Ops.min(x, 0), constant(c, "dy_amin")))),
                Ops.add(Functions.mulScalar(Functions.max(x), c.doubleParam("max_scale")),
                        Functions.mulScalar(Functions.min(x), c.doubleParam("min_scale"))));
        assertClose(c, "loss", loss.value());
        loss.backward();
        assertClose(c, "dx", x.grad());
    }

    @Test
    void elementwiseTies() {
        Fixture.Case c = fixture.get("elementwise_ties");
        Variable a = param(c, "a"), b = param(c, "b");
        Variable loss = Ops.add(
                Functions.sum(Ops.mul(Ops.maximum(a, b), constant(c, "dy_maximum"))),
                Functions.sum(Ops.mul(Ops.minimum(a, b), constant(c, "dy_minimum"))));
        assertClose(c, "loss", loss.value());
        loss.backward();
        assertClose(c, "da", a.grad());
        assertClose(c, "db", b.grad());
    }

    @Test
    void clefAlignmentTerm() {
        Fixture.Case c = fixture.get("clef_alignment");
        Variable z = param(c, "z");
        Variable s = Functions.cosineSimilarityMatrix(z, z);
        Variable min = Functions.min(s);
        Variable range = Functions.addScalar(Ops.sub(Functions.max(s), min), c.doubleParam("range_eps"));
        Variable loss = Functions.mse(Ops.div(Ops.sub(s, min), range), constant(c, "target"));
        assertClose(c, "loss", loss.value());
        loss.backward();
        assertClose(c, "dz", z.grad());
    }

    @Test
    void crossEntropyThroughASharedWeightBatchedMatmul() {
        Fixture.Case c = fixture.get("cross_entropy_batched_matmul");
        Variable h = param(c, "h"), w = param(c, "w");
        int[] targets = ((List<?>) c.params().get("targets")).stream()
                .mapToInt(t -> Math.toIntExact((Long) t))
                .toArray();
        Variable logits = Ops.reshape(Ops.matmul(h, false, w, true), targets.length, w.dim(0));
        assertClose(c, "log_softmax", Functions.logSoftmax(logits, 1).value());
        Variable loss = Functions.crossEntropy(logits, targets);
        assertClose(c, "loss", loss.value());
        loss.backward();
        assertClose(c, "dh", h.grad());
        assertClose(c, "dw", w.grad());
    }
}
