package org.jclef.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TensorTest {

    @Test
    void createsAndIndexesRowMajor() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertEquals(6.0, x.get(1, 2));
        assertEquals(2.0, x.get(0, 1));
        assertEquals(2, x.rank());
        assertEquals(3, x.dim(-1));
        x.set(9, 0, 0);
        assertEquals(9.0, x.getFlat(0));
    }

    @Test
    void reshapeIsAViewAndInfersMinusOne() {
        Tensor x = Tensor.zeros(2, 3, 4);
        Tensor y = x.reshape(6, -1);
        assertArrayEquals(new int[] {6, 4}, y.shape());
        y.set(7, 5, 3);
        assertEquals(7.0, x.get(1, 2, 3), "reshape shares storage");
    }

    @Test
    void sliceSelectsRowsAlongAxisZero() {
        Tensor x = Tensor.of(new float[] {0, 1, 2, 3, 4, 5, 6, 7}, 4, 2);
        Tensor rows = x.slice(1, 3);
        assertArrayEquals(new int[] {2, 2}, rows.shape());
        assertEquals(2.0, rows.get(0, 0));
        assertEquals(5.0, rows.get(1, 1));
        assertEquals(2, rows.offset());
        rows.set(-1, 0, 0);
        assertEquals(-1.0, x.get(1, 0), "slice shares storage");
    }

    @Test
    void copyIsIndependentAndConvertsTypes() {
        Tensor x = Tensor.of(new float[] {1.5f, -2f}, 2);
        Tensor c = x.copy();
        c.setFlat(0, 0);
        assertEquals(1.5, x.getFlat(0));
        Tensor d = x.to(DType.F64);
        assertEquals(DType.F64, d.dtype());
        assertArrayEquals(new double[] {1.5, -2}, d.toDoubleArray());
    }

    @Test
    void seededRandomIsReproducibleAndInRange() {
        Tensor a = Tensor.uniform(DType.F32, new SplittableRandom(7), -1, 1, 100);
        Tensor b = Tensor.uniform(DType.F32, new SplittableRandom(7), -1, 1, 100);
        assertArrayEquals(a.toFloatArray(), b.toFloatArray());
        for (float v : a.toFloatArray()) {
            assertTrue(v >= -1 && v < 1);
        }
        Tensor n = Tensor.normal(DType.F64, new SplittableRandom(1), 10_000);
        double mean = 0;
        for (double v : n.toDoubleArray()) {
            mean += v / 10_000;
        }
        assertEquals(0, mean, 0.05);
        assertNotEquals(a.getFlat(0), Tensor.uniform(DType.F32, new SplittableRandom(8), -1, 1, 1).getFlat(0));
    }

    @Test
    void toStringShowsShapeTypeAndSmallValues() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
        assertEquals("Tensor[2, 2] F32 [[1.00000, 2.00000], [3.00000, 4.00000]]", x.toString());
        assertEquals("Tensor[100, 100] F32", Tensor.zeros(100, 100).toString());
    }

    @Test
    void rejectsBadShapesAndIndices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, -1));
        assertTrue(e.getMessage().contains("negative dimension"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[5], 2, 3));
        assertTrue(e.getMessage().contains("length 5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).reshape(4, -1));
        assertTrue(e.getMessage().contains("cannot infer"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).slice(1, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> Tensor.zeros(2, 3).get(2, 0));
        assertThrows(IllegalStateException.class, () -> Tensor.zeros(2).doubles());
    }

    @Test
    void broadcastShapesFollowNumpyRules() {
        assertArrayEquals(new int[] {4, 3, 5}, Shapes.broadcast("t", new int[] {4, 3, 5}, new int[] {3, 1}));
        assertArrayEquals(new int[] {0, 1, 0}, Shapes.broadcastStrides(new int[] {3, 1}, new int[] {4, 3, 5}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Shapes.broadcast("add", new int[] {2, 3}, new int[] {4}));
        assertTrue(e.getMessage().startsWith("add: shapes [2, 3] and [4] do not broadcast"), e.getMessage());
    }
}
