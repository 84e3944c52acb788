package org.jclef.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jclef.tensor.Conv1dGeometry;
import org.jclef.tensor.DType;
import org.jclef.tensor.Pool1dGeometry;
import org.jclef.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The same graphs in F32 and F64 agree in value and gradient to float precision. */
class Float32Test {
    private final Inputs in = new Inputs(11);

    /** Runs f in both dtypes from the same F64 inputs and compares the output and every gradient. */
    private static void agree(Function<List<Variable>, Variable> f, Tensor... inputs) {
        List<Variable> p64 = new ArrayList<>(), p32 = new ArrayList<>();
        for (Tensor t : inputs) {
            p64.add(Variable.parameter(t.copy()));
            p32.add(Variable.parameter(t.to(DType.F32)));
        }
        Variable y64 = f.apply(p64), y32 = f.apply(p32);
        assertEquals(DType.F32, y32.dtype());
        close("value", y64.value(), y32.value());
        y64.backward();
        y32.backward();
        for (int i = 0; i < inputs.length; i++) {
            assertEquals(DType.F32, p32.get(i).grad().dtype());
            close("gradient of input " + i, p64.get(i).grad(), p32.get(i).grad());
        }
    }

    private static void close(String what, Tensor expected, Tensor actual) {
        double scale = 0;
        for (int i = 0; i < expected.size(); i++) {
            scale = Math.max(scale, Math.abs(expected.getFlat(i)));
        }
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.getFlat(i), actual.getFlat(i), 1e-5 * Math.max(scale, 1), what + " element " + i);
        }
    }

    @Test
    void convolutionalBlock() {
        Conv1dGeometry g = new Conv1dGeometry(2, 1, 2, 2);
        agree(v -> {
            Variable h = Ops.swish(Ops.conv1d(v.get(0), v.get(1), v.get(2), g));
            h = Ops.maxPool1d(h, new Pool1dGeometry(2, 2, 0, 1, 0.0));
            Variable gate = Ops.sigmoid(Ops.mean(h, 2));
            return Functions.mean(Ops.mul(h, gate));
        }, in.distinct(2, 4, 11), in.normalish(6, 2, 4), in.normalish(6));
    }

    @Test
    void contrastiveStyleLoss() {
        agree(v -> {
            Variable s = Functions.cosineSimilarityMatrix(v.get(0), v.get(0));
            Variable range = Ops.sub(Functions.max(s), Functions.min(s));
            Variable scaled = Ops.div(Ops.sub(s, Functions.min(s)), Functions.addScalar(range, 1e-6));
            Variable ce = Functions.crossEntropy(Functions.mulScalar(s, 1 / 0.07), new int[] {2, 3, 0, 1});
            return Ops.add(ce, Functions.mse(scaled, Variable.constant(Tensor.full(s.dtype(), 0.5, 4, 4))));
        }, in.normalish(4, 8));
    }

    @Test
    void linearLayerOverABatchedSequence() {
        agree(v -> Functions.mean(Functions.square(Ops.add(Ops.matmul(v.get(0), false, v.get(1), true), v.get(2)))),
                in.normalish(2, 5, 3), in.normalish(4, 3), in.normalish(4));
    }
}
