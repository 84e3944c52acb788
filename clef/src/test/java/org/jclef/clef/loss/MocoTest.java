package org.jclef.clef.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.jclef.autograd.Variable;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The MoCo queue, the queue update policies and the loss's use of the queue. */
class MocoTest {

    private static double columnNorm(Tensor keys, int column) {
        double sum = 0;
        for (int d = 0; d < keys.dim(0); d++) {
            sum += keys.get(d, column) * keys.get(d, column);
        }
        return Math.sqrt(sum);
    }

    private static double[] column(Tensor keys, int column) {
        double[] out = new double[keys.dim(0)];
        for (int d = 0; d < out.length; d++) {
            out[d] = keys.get(d, column);
        }
        return out;
    }

    @Test
    void initialKeysAreSeededUnitColumnsOfStandardNormals() {
        MocoQueue queue = new MocoQueue(6, 50, DType.F64, new SplittableRandom(5));
        Tensor keys = queue.snapshot();
        assertArrayEquals(new int[] {6, 50}, keys.shape());
        SplittableRandom rng = new SplittableRandom(5);
        double[] raw = new double[6 * 50];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = rng.nextGaussian();
        }
        for (int c = 0; c < 50; c++) {
            assertEquals(1, columnNorm(keys, c), 1e-15);
            double norm = 0;
            for (int d = 0; d < 6; d++) {
                norm += raw[d * 50 + c] * raw[d * 50 + c];
            }
            assertEquals(raw[2 * 50 + c] / Math.sqrt(norm), keys.get(2, c), 1e-15, "row-major draws, column " + c);
        }
        Tensor f32 = new MocoQueue(6, 50, DType.F32, new SplittableRandom(5)).snapshot();
        assertEquals(DType.F32, f32.dtype());
        assertArrayEquals(keys.toFloatArray(), f32.toFloatArray(), 1e-6f, "the same draws, normalised in float32");
    }

    @Test
    void enqueueFillsColumnsInOrderAndWraps() {
        MocoQueue queue = new MocoQueue(2, 8, DType.F64, new SplittableRandom(1));
        Tensor before = queue.snapshot();
        queue.enqueue(Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 3, 2));
        assertEquals(3, queue.pointer());
        Tensor keys = queue.snapshot();
        assertArrayEquals(new double[] {3, 4}, column(keys, 1), 0);
        assertArrayEquals(column(before, 3), column(keys, 3), 0, "untouched");
        queue.enqueue(Tensor.of(new double[] {7, 8, 9, 10, 11, 12}, 3, 2));
        queue.enqueue(Tensor.of(new double[] {13, 14, 15, 16, 17, 18}, 3, 2));
        assertEquals(1, queue.pointer());
        keys = queue.snapshot();
        assertArrayEquals(new double[] {13, 14}, column(keys, 6), 0);
        assertArrayEquals(new double[] {15, 16}, column(keys, 7), 0);
        assertArrayEquals(new double[] {17, 18}, column(keys, 0), 0, "wrapped to the start");
        assertArrayEquals(new double[] {3, 4}, column(keys, 1), 0);
    }

    @Test
    void enqueueRejectsBadBatches() {
        MocoQueue queue = new MocoQueue(4, 6, DType.F32, new SplittableRandom(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> queue.enqueue(Tensor.zeros(DType.F32, 2, 3)));
        assertTrue(e.getMessage().contains("[B, 4]") && e.getMessage().contains("[2, 3]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> queue.enqueue(Tensor.zeros(DType.F32, 7, 4)));
        assertThrows(IllegalArgumentException.class, () -> queue.enqueue(Tensor.zeros(DType.F64, 2, 4)));
        assertThrows(IllegalArgumentException.class, () -> new MocoQueue(0, 6, DType.F32, new SplittableRandom(1)));
    }

    @Test
    void referencePolicyEnqueuesEachKeyBatchTwice() {
        MocoLoss moco = new MocoLoss(MocoConfig.defaults().withQueueSize(10));
        assertEquals(MocoConfig.Enqueue.TWICE, moco.config().enqueue());
        MocoQueue queue = moco.newQueue(2, DType.F64, new SplittableRandom(3));
        moco.updateQueue(queue, Tensor.of(new double[] {3, 4, 0, -2}, 2, 2));
        assertEquals(4, queue.pointer());
        Tensor keys = queue.snapshot();
        assertArrayEquals(new double[] {0.6, 0.8}, column(keys, 0), 1e-15, "normalised");
        assertArrayEquals(new double[] {0, -1}, column(keys, 1), 1e-15);
        assertArrayEquals(column(keys, 0), column(keys, 2), 0, "second copy");
        assertArrayEquals(column(keys, 1), column(keys, 3), 0);

        MocoLoss once = new MocoLoss(MocoConfig.defaults().withQueueSize(10).withEnqueue(MocoConfig.Enqueue.ONCE));
        MocoQueue other = once.newQueue(2, DType.F64, new SplittableRandom(3));
        once.updateQueue(other, Tensor.of(new double[] {3, 4, 0, -2}, 2, 2));
        assertEquals(2, other.pointer());
    }

    @Test
    void theLossUsesTheQueueAsItStoodWhenComputed() {
        SplittableRandom rng = new SplittableRandom(9);
        MocoLoss moco = new MocoLoss(MocoConfig.defaults().withQueueSize(16));
        MocoQueue queue = moco.newQueue(4, DType.F64, rng);
        Tensor qv = Tensor.normal(DType.F64, rng, 3, 4), kv = Tensor.normal(DType.F64, rng, 3, 4);

        Variable q1 = Variable.parameter(qv.copy());
        moco.compute(q1, Variable.constant(kv), queue).backward();

        Variable q2 = Variable.parameter(qv.copy());
        Variable loss = moco.compute(q2, Variable.constant(kv), queue);
        moco.updateQueue(queue, kv);
        loss.backward();
        assertArrayEquals(q1.grad().toDoubleArray(), q2.grad().toDoubleArray(), 0);
        assertTrue(moco.compute(Variable.constant(qv), Variable.constant(kv), queue).item() != loss.item(),
                "the updated queue changes the next step's loss");
    }

    @Test
    void lossByHandForOneQueryAndOneNegative() {
        // q̂ = (1, 0), k̂ = (0.6, 0.8), queue column (0, 1): logits (0.6, 0)/τ with τ = 0.5.
        MocoQueue queue = new MocoQueue(2, 1, DType.F64, new SplittableRandom(1));
        queue.enqueue(Tensor.of(new double[] {0, 1}, 1, 2));
        MocoLoss moco = new MocoLoss(new MocoConfig(0.5, 0.999, 1, MocoConfig.Enqueue.ONCE));
        double loss = moco.compute(Variable.constant(Tensor.of(new double[] {2, 0}, 1, 2)),
                Variable.constant(Tensor.of(new double[] {3, 4}, 1, 2)), queue).item();
        assertEquals(Math.log(1 + Math.exp(-1.2)), loss, 1e-15);
    }

    @Test
    void configDefaultsAreTheReference() {
        MocoConfig d = MocoConfig.defaults();
        assertEquals(new MocoConfig(0.07, 0.999, 65_536, MocoConfig.Enqueue.TWICE), d);
        assertThrows(IllegalArgumentException.class, () -> d.withQueueSize(0));
        assertThrows(IllegalArgumentException.class, () -> new MocoConfig(0.07, 1.5, 8, MocoConfig.Enqueue.ONCE));
    }
}
