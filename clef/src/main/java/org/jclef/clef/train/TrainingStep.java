package org.jclef.clef.train;

import java.util.ArrayList;
import java.util.List;
import org.jclef.clef.loss.ContrastiveLoss;
import org.jclef.clef.loss.LossOutput;
import org.jclef.clef.loss.MocoLoss;
import org.jclef.clef.model.Net1D;
import org.jclef.nn.Parameter;
import org.jclef.nn.optim.Adam;
import org.jclef.nn.optim.GradClip;

/**
 * One optimiser step of pretraining, the inner loop of {@link Pretrainer}: the objective's loss on
 * a batch, back-propagation, the global gradient norm (clipped when configured), AdamW (which
 * skips parameters without a gradient, such as Net1D's unused BatchNorm parameters, spec §6), the
 * gradients dropped, and the objective's after-step work (MoCo's enqueue).
 */
public final class TrainingStep {
    private final Objective objective;
    private final List<Parameter> parameters;
    private final Adam optimizer;
    private final double clipGradNorm;

    /** What one step computed. */
    public record Outcome(double loss, List<Double> terms, double gradNorm) {
    }

    private TrainingStep(Objective objective, Adam optimizer, double clipGradNorm) {
        this.objective = objective;
        this.parameters = List.copyOf(objective.parameters().values());
        this.optimizer = optimizer;
        this.clipGradNorm = clipGradNorm;
    }

    /** The configured objective around {@code encoder}, with AdamW over its parameters. */
    public static TrainingStep create(TrainConfig config, Net1D encoder) {
        Objective objective = switch (config.loss()) {
            case CLEF, NTXENT -> new ContrastiveObjective(encoder, ContrastiveLoss.of(config.loss(), config.clefLoss()));
            case BYOL -> new ByolObjective(encoder, ItemSeeds.init(config.seed(), 1));
            case MOCO -> new MocoObjective(encoder, new MocoLoss(config.moco()), ItemSeeds.init(config.seed(), 2));
        };
        Adam optimizer = Adam.adamW(objective.parameters(), new Adam.Hyper(config.lr(), TrainConfig.BETA1,
                TrainConfig.BETA2, TrainConfig.EPS, config.weightDecay()));
        return new TrainingStep(objective, optimizer, config.clipGradNorm());
    }

    /** Trains on {@code batch} once. */
    public Outcome run(ViewBatch batch) {
        LossOutput loss = objective.loss(batch);
        loss.loss().backward();
        double gradNorm = GradClip.clipGradNorm(parameters, clipGradNorm > 0 ? clipGradNorm : Double.POSITIVE_INFINITY);
        optimizer.step();
        optimizer.zeroGrad();
        objective.afterStep();
        List<Double> terms = new ArrayList<>();
        for (String t : objective.terms()) {
            terms.add(loss.term(t));
        }
        return new Outcome(loss.loss().item(), terms, gradNorm);
    }

    public Adam optimizer() {
        return optimizer;
    }

    Objective objective() {
        return objective;
    }
}
