package org.jclef.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.jclef.tensor.Conv1dGeometry;
import org.jclef.tensor.Pool1dGeometry;
import org.jclef.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same expressions as autograd/scripts/torch_reference.py, compared with PyTorch's float64
 * values and gradients (committed in torch-reference.txt), tie semantics included.
 */
class TorchReferenceTest {
    private static final double TOLERANCE = 1e-12;
    private static Map<String, Tensor> reference;

    @BeforeAll
    static void load() throws IOException {
        reference = new HashMap<>();
        try (InputStream stream = TorchReferenceTest.class.getResourceAsStream("torch-reference.txt")) {
            assertNotNull(stream, "torch-reference.txt is missing from the test resources");
            BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.trim().split(" ");
                int rank = Integer.parseInt(f[1]);
                int[] shape = new int[rank];
                for (int d = 0; d < rank; d++) {
                    shape[d] = Integer.parseInt(f[2 + d]);
                }
                double[] values = new double[f.length - 2 - rank];
                for (int i = 0; i < values.length; i++) {
                    values[i] = Double.parseDouble(f[2 + rank + i]);
                }
                reference.put(f[0], Tensor.of(values, shape));
            }
        }
    }

    private static Tensor ref(String name) {
        Tensor t = reference.get(name);
        assertNotNull(t, "no tensor '" + name + "' in torch-reference.txt");
        return t;
    }

    private static Variable param(String name) {
        return Variable.parameter(ref(name).copy());
    }

    private static Variable constant(String name) {
        return Variable.constant(ref(name));
    }

    private static void assertClose(String name, Tensor actual) {
        Tensor expected = ref(name);
        assertEquals(Arrays.toString(expected.shape()), Arrays.toString(actual.shape()), name + " shape");
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.getFlat(i);
            assertEquals(e, actual.getFlat(i), TOLERANCE * Math.max(1, Math.abs(e)), name + " element " + i);
        }
    }

    @Test
    void groupedStridedConvWithAsymmetricPadding() {
        Variable x = param("conv.x"), w = param("conv.w"), b = param("conv.b");
        Variable y = Ops.conv1d(x, w, b, new Conv1dGeometry(2, 1, 2, 2));
        assertClose("conv.y", y.value());
        Functions.sum(Ops.mul(y, constant("conv.r"))).backward();
        assertClose("conv.dx", x.grad());
        assertClose("conv.dw", w.grad());
        assertClose("conv.db", b.grad());
    }

    @Test
    void sameMaxPoolWithZeroPadAndTies() {
        Variable x = param("pool.x");
        Variable y = Ops.maxPool1d(x, new Pool1dGeometry(2, 2, 0, 1, 0.0));
        assertClose("pool.y", y.value());
        Functions.sum(Ops.mul(y, constant("pool.r"))).backward();
        assertClose("pool.dx", x.grad());
    }

    @Test
    void reductionTies() {
        Variable x = param("ties.x");
        Variable r0 = Variable.constant(Tensor.of(new double[] {1, 2, 3}, 3, 1));
        Variable r1 = Variable.constant(Tensor.of(new double[] {1, 10, 100, 1000}, 1, 4));
        Variable loss = Ops.add(
                Ops.add(Functions.sum(Ops.mul(Ops.max(x, 1), r0)), Functions.sum(Ops.mul(Ops.min(x, 0), r1))),
                Ops.add(Functions.mulScalar(Functions.max(x), 7), Functions.mulScalar(Functions.min(x), 11)));
        assertClose("ties.loss", loss.value());
        loss.backward();
        assertClose("ties.dx", x.grad());
    }

    @Test
    void elementwiseTies() {
        Variable a = param("elementwise.a"), b = param("elementwise.b");
        Variable loss = Ops.add(
                Functions.sum(Ops.mul(Ops.maximum(a, b), Variable.constant(Tensor.of(new double[] {1, 2, 3, 4}, 4)))),
                Functions.sum(Ops.mul(Ops.minimum(a, b), Variable.constant(Tensor.of(new double[] {10, 20, 30, 40}, 4)))));
        assertClose("elementwise.loss", loss.value());
        loss.backward();
        assertClose("elementwise.da", a.grad());
        assertClose("elementwise.db", b.grad());
    }

    @Test
    void clefAlignmentTerm() {
        Variable z = param("align.z");
        Variable s = Functions.cosineSimilarityMatrix(z, z);
        Variable min = Functions.min(s);
        Variable range = Functions.addScalar(Ops.sub(Functions.max(s), min), 1e-6);
        Variable loss = Functions.mse(Ops.div(Ops.sub(s, min), range), constant("align.target"));
        assertClose("align.loss", loss.value());
        loss.backward();
        assertClose("align.dz", z.grad());
    }

    @Test
    void crossEntropyThroughASharedWeightBatchedMatmul() {
        Variable h = param("ce.h"), w = param("ce.w");
        double[] t = ref("ce.targets").toDoubleArray();
        int[] targets = new int[t.length];
        for (int i = 0; i < t.length; i++) {
            targets[i] = (int) t[i];
        }
        Variable logits = Ops.reshape(Ops.matmul(h, false, w, true), 6, 5);
        assertClose("ce.logSoftmax", Functions.logSoftmax(logits, 1).value());
        Variable loss = Functions.crossEntropy(logits, targets);
        assertClose("ce.loss", loss.value());
        loss.backward();
        assertClose("ce.dh", h.grad());
        assertClose("ce.dw", w.grad());
    }
}
