package org.jclef.clef.loss;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.jclef.autograd.Functions;
import org.jclef.autograd.GradMode;
import org.jclef.autograd.Ops;
import org.jclef.autograd.Variable;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;

/**
 * MoCo's loss (spec §4.7): with q̂, k̂ the L2-normalised queries and keys (the MoCo convention; the
 * queue holds unit keys), each query's logits are [q̂·k̂⁺, q̂·queue] / τ, 1 + K of them, and the loss
 * is their mean cross-entropy with target 0 (the positive).
 *
 * <p>One step, as the trainer wires it: only view 1 is a query (the backbone) and only view 2 a key
 * (not symmetrised); the key encoder is updated with {@link EmaUpdate} at the config's momentum
 * <em>before</em> the key forward, which runs without gradient; {@link #compute} reads the queue as
 * it stands (a copy, as the reference clones it); after the step, {@link #updateQueue} adds the keys
 * once or, by default like the reference, twice ({@link MocoConfig.Enqueue}).
 */
public final class MocoLoss {
    private final MocoConfig config;

    public MocoLoss(MocoConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("MocoLoss: config is null");
        }
        this.config = config;
    }

    public MocoConfig config() {
        return config;
    }

    /** A queue of the configured size for keys of dimension {@code dim}, initialised as the spec says. */
    public MocoQueue newQueue(int dim, DType dtype, RandomGenerator rng) {
        return new MocoQueue(dim, config.queueSize(), dtype, rng);
    }

    /**
     * The loss, rank 0.
     *
     * @param q queries (view 1 through the backbone), {@code [B, D]}
     * @param k keys (view 2 through the key encoder), {@code [B, D]}, normally constants
     * @param queue the negative keys, dimension D, the same dtype
     */
    public Variable compute(Variable q, Variable k, MocoQueue queue) {
        if (q.rank() != 2 || q.dim(0) < 1 || !Arrays.equals(q.shape(), k.shape()) || queue.dim() != q.dim(1)
                || queue.dtype() != q.dtype()) {
            throw new IllegalArgumentException("MocoLoss: expected q and k [B, D] and a queue of dimension D with "
                    + "their dtype, got q " + Arrays.toString(q.shape()) + " " + q.dtype() + ", k "
                    + Arrays.toString(k.shape()) + ", queue [" + queue.dim() + ", " + queue.capacity() + "] "
                    + queue.dtype());
        }
        int keys = queue.capacity();
        Variable qn = Functions.normalize(q, 1);
        Variable positive = Ops.sum(Ops.mul(qn, Functions.normalize(k, 1)), 1);
        Variable negatives = Ops.matmul(qn, Variable.constant(queue.snapshot()));
        Variable logits = Ops.add(Ops.padAxis(positive, 1, 0, keys), Ops.padAxis(negatives, 1, 1, 0));
        // Cross-entropy with target 0, written as logsumexp_j(ℓ_j − ℓ_0): subtracting the positive
        // before the log-sum-exp avoids cancelling two values near 1/τ when the loss is small.
        Variable relative = Functions.mulScalar(Ops.sub(logits, positive), 1 / config.temperature());
        return Functions.mean(Ops.logSumExp(relative, 1));
    }

    /** Normalises the rows of {@code keys: [B, D]} and enqueues them as many times as the config says. */
    public void updateQueue(MocoQueue queue, Tensor keys) {
        Tensor unit;
        try (var _ = GradMode.noGrad()) {
            unit = Functions.normalize(Variable.constant(keys), 1).value();
        }
        for (int i = 0; i < config.enqueue().times(); i++) {
            queue.enqueue(unit);
        }
    }
}
