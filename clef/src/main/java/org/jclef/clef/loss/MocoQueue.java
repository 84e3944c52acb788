package org.jclef.clef.loss;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;

/**
 * MoCo's queue of negative keys: a ring buffer of K key vectors stored as the columns of a
 * {@code [D, K]} tensor, so that the negative logits are one product {@code q · queue}.
 *
 * <p>Initialisation (spec §4.7): standard-normal entries drawn in row-major order of {@code [D, K]}
 * and stored in the queue's dtype, then every column divided by max(‖column‖₂, 1e−12). {@link #enqueue} overwrites the oldest
 * columns, starting at {@link #pointer()}; a batch that reaches the end continues at column 0 (the
 * reference MoCo requires K to be a multiple of the batch size, and then the two agree). Keys are
 * stored as given: {@link MocoLoss#updateQueue} normalises them first.
 */
public final class MocoQueue {
    private final Tensor keys;
    private int pointer;

    /**
     * A queue of {@code capacity} random unit keys of dimension {@code dim}.
     *
     * @param rng the seeded generator of the initial keys
     */
    public MocoQueue(int dim, int capacity, DType dtype, RandomGenerator rng) {
        if (dim < 1 || capacity < 1) {
            throw new IllegalArgumentException("MocoQueue: dimension " + dim + " and capacity " + capacity
                    + " must both be at least 1");
        }
        Tensor init = Tensor.zeros(dtype, dim, capacity);
        double[] sumSquares = new double[capacity];
        for (int i = 0; i < init.size(); i++) {
            init.setFlat(i, rng.nextGaussian());
            double v = init.getFlat(i);
            sumSquares[i % capacity] += v * v;
        }
        for (int i = 0; i < init.size(); i++) {
            init.setFlat(i, init.getFlat(i) / Math.max(Math.sqrt(sumSquares[i % capacity]), 1e-12));
        }
        this.keys = init;
    }

    /** D, the key dimension. */
    public int dim() {
        return keys.dim(0);
    }

    /** K, the number of keys held. */
    public int capacity() {
        return keys.dim(1);
    }

    public DType dtype() {
        return keys.dtype();
    }

    /** The column the next enqueued key goes to. */
    public int pointer() {
        return pointer;
    }

    /** A copy of the keys, {@code [D, K]}: what a step's logits are computed against. */
    public Tensor snapshot() {
        return keys.copy();
    }

    /**
     * Replaces the keys and the pointer with a saved state (a {@link #snapshot()} and its
     * {@link #pointer()}), so that a resumed training run continues exactly.
     */
    public void restore(Tensor saved, int savedPointer) {
        if (!saved.hasShape(dim(), capacity()) || saved.dtype() != keys.dtype()) {
            throw new IllegalArgumentException("MocoQueue.restore: expected keys [" + dim() + ", " + capacity() + "] "
                    + keys.dtype() + ", got " + Arrays.toString(saved.shape()) + " " + saved.dtype());
        }
        if (savedPointer < 0 || savedPointer >= capacity()) {
            throw new IllegalArgumentException("MocoQueue.restore: pointer " + savedPointer + " outside [0, "
                    + capacity() + ")");
        }
        keys.copyFrom(saved);
        pointer = savedPointer;
    }

    /**
     * Writes the rows of {@code batch: [B, D]} (1 ≤ B ≤ K, the queue's dtype) into the columns
     * pointer, pointer + 1, … (mod K) and advances the pointer by B.
     */
    public void enqueue(Tensor batch) {
        int k = capacity(), d = dim();
        if (batch.rank() != 2 || batch.dim(1) != d || batch.dim(0) < 1 || batch.dim(0) > k
                || batch.dtype() != keys.dtype()) {
            throw new IllegalArgumentException("MocoQueue.enqueue: expected keys [B, " + d + "] " + keys.dtype()
                    + " with 1 <= B <= " + k + ", got " + Arrays.toString(batch.shape()) + " " + batch.dtype());
        }
        int b = batch.dim(0);
        for (int i = 0; i < b; i++) {
            int column = (pointer + i) % k;
            for (int j = 0; j < d; j++) {
                keys.setFlat(j * k + column, batch.getFlat(i * d + j));
            }
        }
        pointer = (pointer + b) % k;
    }
}
