package org.jclef.clef.train;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jclef.autograd.GradMode;
import org.jclef.autograd.Variable;
import org.jclef.clef.loss.LossOutput;
import org.jclef.clef.loss.MocoLoss;
import org.jclef.clef.loss.MocoQueue;
import org.jclef.clef.model.Net1D;
import org.jclef.nn.Parameter;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;

/**
 * MoCo (spec §4.7): view 1 through the online encoder gives the queries, view 2 through an EMA key
 * encoder (updated before its forward pass) the keys; the negatives are a queue of past keys,
 * enqueued after the optimiser step (twice by default, like the reference). One step:
 * <pre>
 *   key ← EMA(key, online)
 *   q = online(v1);  k = key(v2) without gradient
 *   L = MocoLoss(q, k, queue);  … optimiser step …;  enqueue(k)
 * </pre>
 */
final class MocoObjective implements Objective {
    private final Net1D online;
    private final EmaTarget key;
    private final MocoLoss loss;
    private final MocoQueue queue;
    private Tensor lastKeys;

    MocoObjective(Net1D online, MocoLoss loss, long queueSeed) {
        this.online = online;
        this.loss = loss;
        this.key = new EmaTarget(online, loss.config().momentum());
        this.queue = loss.newQueue(online.embeddingDim(), DType.F32, new SplittableRandom(queueSeed));
    }

    @Override
    public Map<String, Parameter> parameters() {
        return online.namedParameters();
    }

    @Override
    public LossOutput loss(ViewBatch batch) {
        int b = batch.patients();
        key.update();
        Variable q = online.forward(Variable.constant(batch.views().slice(0, b)));
        try (var _ = GradMode.noGrad()) {
            lastKeys = key.network().forward(Variable.constant(batch.views().slice(b, 2 * b))).value();
        }
        return new LossOutput(loss.compute(q, Variable.constant(lastKeys), queue), Map.of());
    }

    @Override
    public void afterStep() {
        loss.updateQueue(queue, lastKeys);
        lastKeys = null;
    }

    @Override
    public List<String> terms() {
        return List.of();
    }

    @Override
    public Map<String, Tensor> state() {
        Map<String, Tensor> out = new LinkedHashMap<>(StateMaps.prefixed("key", key.state()));
        out.put("queue/keys", queue.snapshot());
        out.put("queue/pointer", Tensor.scalar(DType.F64, queue.pointer()));
        return out;
    }

    @Override
    public void loadState(Map<String, Tensor> state) {
        Tensor keys = state.get("queue/keys");
        Tensor pointer = state.get("queue/pointer");
        Map<String, Tensor> keyState = StateMaps.part("key", state);
        if (keys == null || pointer == null || keyState.size() + 2 != state.size()) {
            throw new IllegalArgumentException("MoCo state: expected key/…, queue/keys and queue/pointer, got "
                    + state.keySet().size() + " entries");
        }
        double p = pointer.item();
        if (p != Math.rint(p) || p < 0 || p >= queue.capacity() || !keys.hasShape(queue.dim(), queue.capacity())) {
            throw new IllegalArgumentException("MoCo state: queue " + Arrays.toString(keys.shape())
                    + " with pointer " + p + ", expected [" + queue.dim() + ", " + queue.capacity()
                    + "] and a pointer in [0, " + queue.capacity() + ")");
        }
        key.loadState(keyState);
        queue.restore(keys.dtype() == DType.F32 ? keys : keys.to(DType.F32), (int) p);
    }

    @Override
    public String describe() {
        return "MoCo: EMA key encoder m = " + loss.config().momentum() + " (updated before its forward), queue of "
                + loss.config().queueSize() + " keys enqueued " + loss.config().enqueue().name().toLowerCase(Locale.ROOT)
                + " per step, τ = " + loss.config().temperature();
    }
}
