package org.jclef.clef.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jclef.autograd.GradMode;
import org.jclef.autograd.Ops;
import org.jclef.autograd.Variable;
import org.jclef.clef.loss.ByolLoss;
import org.jclef.clef.loss.LossOutput;
import org.jclef.clef.model.Net1D;
import org.jclef.nn.Init;
import org.jclef.nn.Parameter;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;

/**
 * BYOL (spec §4.7): the online encoder and a predictor are trained; an EMA target encoder
 * (τ = 0.996), updated before its forward pass, provides the regression targets. One step:
 * <pre>
 *   target ← EMA(target, online)
 *   z = online([v1; v2]);  p1 = predictor(z[0:B]),  p2 = predictor(z[B:2B])
 *   zt = target([v1; v2]) without gradient
 *   L = ByolLoss(p1, p2, zt[0:B], zt[B:2B])
 * </pre>
 */
final class ByolObjective implements Objective {
    private final Net1D online;
    private final ByolPredictor predictor;
    private final EmaTarget target;

    ByolObjective(Net1D online, long predictorSeed) {
        this.online = online;
        this.predictor = new ByolPredictor(Init.seeded(DType.F32, predictorSeed), online.embeddingDim());
        this.target = new EmaTarget(online, ByolLoss.TARGET_MOMENTUM);
    }

    @Override
    public Map<String, Parameter> parameters() {
        Map<String, Parameter> out = new LinkedHashMap<>(online.namedParameters());
        predictor.namedParameters().forEach((k, p) -> out.put("predictor." + k, p));
        return out;
    }

    @Override
    public LossOutput loss(ViewBatch batch) {
        int b = batch.patients();
        target.update();
        Variable z = online.forward(Variable.constant(batch.views()));
        Variable p1 = predictor.forward(Ops.slice(z, 0, b));
        Variable p2 = predictor.forward(Ops.slice(z, b, 2 * b));
        Tensor zt;
        try (var _ = GradMode.noGrad()) {
            zt = target.network().forward(Variable.constant(batch.views())).value();
        }
        Variable loss = ByolLoss.compute(p1, p2, Variable.constant(zt.slice(0, b)), Variable.constant(zt.slice(b, 2 * b)));
        return new LossOutput(loss, Map.of());
    }

    @Override
    public List<String> terms() {
        return List.of();
    }

    @Override
    public Map<String, Tensor> state() {
        Map<String, Tensor> out = new LinkedHashMap<>(StateMaps.prefixed("predictor", predictor.stateDict()));
        out.putAll(StateMaps.prefixed("target", target.state()));
        return out;
    }

    @Override
    public void loadState(Map<String, Tensor> state) {
        Map<String, Tensor> pred = StateMaps.part("predictor", state);
        Map<String, Tensor> tgt = StateMaps.part("target", state);
        if (pred.size() + tgt.size() != state.size()) {
            throw new IllegalArgumentException("BYOL state: unexpected entries besides predictor/ and target/");
        }
        predictor.loadStateDict(pred);
        target.loadState(tgt);
    }

    @Override
    public String describe() {
        return "BYOL: predictor Linear(" + online.embeddingDim() + ", " + online.embeddingDim() / 2
                + ") → BatchNorm1d → ReLU → Linear, EMA target τ = " + target.momentum() + " (updated before its forward)";
    }
}
