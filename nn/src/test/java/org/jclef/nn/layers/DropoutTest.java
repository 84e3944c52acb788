package org.jclef.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jclef.autograd.Functions;
import org.jclef.autograd.Variable;
import org.jclef.nn.Init;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;
import org.junit.jupiter.api.Test;

class DropoutTest {

    @Test
    void trainingZeroesAboutPAndScalesSurvivors() {
        Dropout dropout = new Dropout(Init.seeded(DType.F64, 1), 0.5);
        Variable x = Variable.parameter(Tensor.full(DType.F64, 3, 100, 100));
        Variable y = dropout.forward(x);
        int zeros = 0;
        for (int i = 0; i < y.size(); i++) {
            double v = y.value().getFlat(i);
            assertTrue(v == 0 || v == 6, "element " + i + " = " + v);
            zeros += v == 0 ? 1 : 0;
        }
        assertEquals(5000, zeros, 200);
        Functions.sum(y).backward();
        for (int i = 0; i < y.size(); i++) {
            assertEquals(y.value().getFlat(i) / 3, x.grad().getFlat(i));
        }
    }

    @Test
    void evaluationAndZeroProbabilityAreTheIdentity() {
        Variable x = Variable.constant(Tensor.full(DType.F32, 1, 4, 4));
        Dropout off = new Dropout(Init.seeded(DType.F32, 1), 0.0);
        assertSame(x, off.forward(x));
        Dropout on = new Dropout(Init.seeded(DType.F32, 1), 0.9);
        on.eval();
        assertSame(x, on.forward(x));
    }

    @Test
    void sameSeedSameMasks() {
        Tensor x = Tensor.full(DType.F32, 1, 64);
        float[] a = new Dropout(Init.seeded(DType.F32, 8), 0.3).forward(Variable.constant(x)).value().toFloatArray();
        float[] b = new Dropout(Init.seeded(DType.F32, 8), 0.3).forward(Variable.constant(x)).value().toFloatArray();
        assertArrayEquals(a, b);
    }

    @Test
    void probabilityOneDropsEverythingAndOthersAreRejected() {
        Tensor y = new Dropout(Init.seeded(DType.F32, 1), 1.0).forward(Variable.constant(Tensor.full(DType.F32, 2, 10)))
                .value();
        for (int i = 0; i < y.size(); i++) {
            assertEquals(0, y.getFlat(i));
        }
        assertThrows(IllegalArgumentException.class, () -> new Dropout(Init.seeded(DType.F32, 1), 1.5));
    }
}
