package org.jclef.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The tape itself: backward order and depth, accumulation, recording modes, errors. */
class VariableTest {

    private static Variable param(double... values) {
        return Variable.parameter(Tensor.of(values, values.length));
    }

    @Test
    void backwardOfAHundredThousandSequentialAddsNeedsNoDeepStack() throws Exception {
        int depth = 100_000;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<Double> gradient = new AtomicReference<>();
        // A small stack: a recursive topological sort would overflow it after a few thousand frames.
        Thread worker = new Thread(null, () -> {
            try {
                Variable x = Variable.parameter(Tensor.scalar(DType.F64, 0.5));
                Variable y = x;
                for (int i = 0; i < depth; i++) {
                    y = Ops.add(y, x);
                }
                assertEquals(0.5 * (depth + 1), y.item(), 1e-9);
                y.backward();
                gradient.set(x.grad().item());
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "deep-chain", 256 * 1024);
        worker.start();
        worker.join();
        if (failure.get() != null) {
            throw new AssertionError("deep chain failed", failure.get());
        }
        assertEquals(depth + 1, gradient.get(), 0.0);
    }

    @Test
    void fanOutAccumulates() {
        // y = x·x + x, dy/dx = 2x + 1
        Variable x = param(3, -2);
        Variable y = Functions.sum(Ops.add(Ops.mul(x, x), x));
        y.backward();
        assertArrayEquals(new double[] {7, -3}, x.grad().toDoubleArray(), 0);
    }

    @Test
    void diamondGraphVisitsSharedNodeOnce() {
        // h = 2x; y = h·h + 3h; dy/dx = (2h + 3)·2
        Variable x = param(1.5);
        Variable h = Functions.mulScalar(x, 2);
        Variable y = Functions.sum(Ops.add(Ops.mul(h, h), Functions.mulScalar(h, 3)));
        y.backward();
        assertEquals((2 * 3.0 + 3) * 2, x.grad().item(), 1e-12);
    }

    @Test
    void leafGradientsAccumulateAcrossBackwardUntilZeroed() {
        Variable x = param(1, 2);
        Functions.sum(Functions.mulScalar(x, 3)).backward();
        Functions.sum(Functions.mulScalar(x, 3)).backward();
        assertArrayEquals(new double[] {6, 6}, x.grad().toDoubleArray(), 0);
        x.zeroGrad();
        assertNull(x.grad());
        Functions.sum(Functions.mulScalar(x, 3)).backward();
        assertArrayEquals(new double[] {3, 3}, x.grad().toDoubleArray(), 0);
    }

    @Test
    void intermediateGradientsAreDroppedUnlessRetained() {
        Variable x = param(1, 2);
        Variable dropped = Functions.mulScalar(x, 2);
        Variable kept = Functions.mulScalar(x, 5).retainGrad();
        Functions.sum(Ops.add(dropped, kept)).backward();
        assertNull(dropped.grad());
        assertArrayEquals(new double[] {1, 1}, kept.grad().toDoubleArray(), 0);
        assertArrayEquals(new double[] {7, 7}, x.grad().toDoubleArray(), 0);
    }

    @Test
    void constantsGetNoGradientAndResultsOfConstantsRecordNothing() {
        Variable w = param(2, 3);
        Variable c = Variable.constant(Tensor.of(new double[] {5, 7}, 2));
        Variable constantOnly = Ops.mul(c, c);
        assertFalse(constantOnly.requiresGrad());
        assertTrue(constantOnly.isLeaf());
        Functions.sum(Ops.mul(w, c)).backward();
        assertNull(c.grad());
        assertArrayEquals(new double[] {5, 7}, w.grad().toDoubleArray(), 0);
    }

    @Test
    void noGradRecordsNoGraphAndRestoresOnClose() {
        Variable x = param(1, 2);
        try (var _ = GradMode.noGrad()) {
            assertFalse(GradMode.isEnabled());
            Variable y = Functions.sum(Ops.mul(x, x));
            assertFalse(y.requiresGrad());
            assertTrue(y.isLeaf());
            assertEquals(5, y.item(), 0);
            assertThrows(IllegalStateException.class, y::backward);
            try (var _ = GradMode.enableGrad()) {
                assertTrue(Ops.mul(x, x).requiresGrad());
            }
            assertFalse(GradMode.isEnabled());
        }
        assertTrue(GradMode.isEnabled());
        assertTrue(Ops.mul(x, x).requiresGrad());
    }

    @Test
    void noGradIsPerThread() throws Exception {
        AtomicReference<Boolean> otherThreadRecords = new AtomicReference<>();
        try (var _ = GradMode.noGrad()) {
            Thread t = new Thread(() -> otherThreadRecords.set(Ops.exp(param(1)).requiresGrad()));
            t.start();
            t.join();
        }
        assertTrue(otherThreadRecords.get());
    }

    @Test
    void detachSharesTheValueAndStopsGradients() {
        Variable x = param(1, 2);
        Variable h = Functions.mulScalar(x, 2);
        Variable d = h.detach();
        assertSame(h.value(), d.value());
        assertFalse(d.requiresGrad());
        // y = sum(h · detach(h)): only the first factor carries gradient, dy/dx = 2·h.
        Functions.sum(Ops.mul(h, d)).backward();
        assertArrayEquals(new double[] {4, 8}, x.grad().toDoubleArray(), 0);
    }

    @Test
    void frozenLeafGetsNoGradient() {
        Variable x = param(1, 2).requiresGrad(false);
        Variable w = param(3, 4);
        Functions.sum(Ops.mul(x, w)).backward();
        assertNull(x.grad());
        assertNotNull(w.grad());
        assertThrows(IllegalStateException.class, () -> Ops.exp(w).requiresGrad(false));
    }

    @Test
    void backwardWithASeedOnANonScalar() {
        Variable x = param(1, 2, 3);
        Variable y = Functions.mulScalar(x, 2);
        y.backward(Tensor.of(new double[] {1, 10, 100}, 3));
        assertArrayEquals(new double[] {2, 20, 200}, x.grad().toDoubleArray(), 0);
    }

    @Test
    void backwardErrorsSayWhatWasExpected() {
        Variable x = param(1, 2, 3);
        Variable y = Ops.exp(x);
        IllegalArgumentException notScalar = assertThrows(IllegalArgumentException.class, y::backward);
        assertTrue(notScalar.getMessage().contains("not a scalar"), notScalar.getMessage());
        assertTrue(notScalar.getMessage().contains("[3]"), notScalar.getMessage());
        IllegalArgumentException badSeed = assertThrows(IllegalArgumentException.class,
                () -> y.backward(Tensor.zeros(DType.F64, 2)));
        assertTrue(badSeed.getMessage().contains("seed [2]"), badSeed.getMessage());
        IllegalArgumentException badDType = assertThrows(IllegalArgumentException.class,
                () -> y.backward(Tensor.zeros(DType.F32, 3)));
        assertTrue(badDType.getMessage().contains("F32"), badDType.getMessage());
        IllegalStateException noGrad = assertThrows(IllegalStateException.class,
                () -> Variable.constant(Tensor.scalar(DType.F64, 1)).backward());
        assertTrue(noGrad.getMessage().contains("does not require a gradient"), noGrad.getMessage());
    }

    @Test
    void opsRejectBadShapesNamingTheOpAndShapes() {
        Variable a = param(1, 2, 3);
        Variable b = param(1, 2);
        IllegalArgumentException add = assertThrows(IllegalArgumentException.class, () -> Ops.add(a, b));
        assertTrue(add.getMessage().startsWith("add:") && add.getMessage().contains("[3]")
                && add.getMessage().contains("[2]"), add.getMessage());
        Variable f32 = Variable.constant(Tensor.zeros(DType.F32, 3));
        IllegalArgumentException mix = assertThrows(IllegalArgumentException.class, () -> Ops.mul(a, f32));
        assertTrue(mix.getMessage().startsWith("mul:") && mix.getMessage().contains("F32"), mix.getMessage());
        Variable m23 = Variable.constant(Tensor.zeros(DType.F64, 2, 3));
        IllegalArgumentException mm = assertThrows(IllegalArgumentException.class, () -> Ops.matmul(m23, m23));
        assertTrue(mm.getMessage().startsWith("matmul:"), mm.getMessage());
        IllegalArgumentException sq = assertThrows(IllegalArgumentException.class, () -> Functions.squeeze(m23, 1));
        assertTrue(sq.getMessage().contains("squeeze") && sq.getMessage().contains("[2, 3]"), sq.getMessage());
        IllegalArgumentException conv = assertThrows(IllegalArgumentException.class,
                () -> Ops.conv1d(m23, m23, null, org.jclef.tensor.Conv1dGeometry.valid()));
        assertTrue(conv.getMessage().startsWith("conv1d:"), conv.getMessage());
        IllegalArgumentException narrow = assertThrows(IllegalArgumentException.class, () -> Ops.narrow(m23, 1, 2, 2));
        assertTrue(narrow.getMessage().startsWith("narrow:"), narrow.getMessage());
        IllegalArgumentException concat = assertThrows(IllegalArgumentException.class,
                () -> Ops.concat(java.util.List.of(m23, a)));
        assertTrue(concat.getMessage().startsWith("concat:"), concat.getMessage());
        IllegalArgumentException scalarReduce = assertThrows(IllegalArgumentException.class,
                () -> Ops.sum(Variable.scalar(DType.F64, 1), 0));
        assertTrue(scalarReduce.getMessage().startsWith("sum:"), scalarReduce.getMessage());
    }
}
