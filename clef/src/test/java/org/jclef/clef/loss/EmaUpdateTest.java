package org.jclef.clef.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;
import org.junit.jupiter.api.Test;

class EmaUpdateTest {

    @Test
    void movesEachTargetTowardsItsOnlineTensor() {
        Tensor target = Tensor.of(new double[] {1, 2, 3}, 3);
        Tensor bias = Tensor.of(new float[] {10, -10}, 2);
        Tensor online = Tensor.of(new double[] {5, 6, 7}, 3);
        Tensor onlineBias = Tensor.of(new float[] {0, 0}, 2);
        EmaUpdate.apply(List.of(target, bias), List.of(online, onlineBias), 0.75);
        assertArrayEquals(new double[] {2, 3, 4}, target.toDoubleArray(), 1e-15);
        assertArrayEquals(new float[] {7.5f, -7.5f}, bias.toFloatArray());
        assertArrayEquals(new double[] {5, 6, 7}, online.toDoubleArray(), 0, "online untouched");
    }

    @Test
    void momentumZeroCopiesAndOneKeeps() {
        Tensor target = Tensor.of(new double[] {1, 2}, 2);
        EmaUpdate.apply(List.of(target), List.of(Tensor.of(new double[] {8, 9}, 2)), 1);
        assertArrayEquals(new double[] {1, 2}, target.toDoubleArray(), 0);
        EmaUpdate.apply(List.of(target), List.of(Tensor.of(new double[] {8, 9}, 2)), 0);
        assertArrayEquals(new double[] {8, 9}, target.toDoubleArray(), 0);
    }

    @Test
    void rejectsMismatchedParameters() {
        Tensor a = Tensor.zeros(DType.F32, 2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EmaUpdate.apply(List.of(a), List.of(Tensor.zeros(DType.F32, 3, 2)), 0.9));
        assertTrue(e.getMessage().contains("parameter 0") && e.getMessage().contains("[3, 2]"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> EmaUpdate.apply(List.of(a), List.of(Tensor.zeros(DType.F64, 2, 3)), 0.9));
        assertThrows(IllegalArgumentException.class, () -> EmaUpdate.apply(List.of(a), List.of(), 0.9));
        assertThrows(IllegalArgumentException.class, () -> EmaUpdate.apply(List.of(a), List.of(a.copy()), 1.01));
    }
}
