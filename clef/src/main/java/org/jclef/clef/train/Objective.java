package org.jclef.clef.train;

import java.util.List;
import java.util.Map;
import org.jclef.clef.loss.LossOutput;
import org.jclef.nn.Parameter;
import org.jclef.tensor.Tensor;

/**
 * What one training step minimises, and everything besides the encoder that it keeps between
 * steps: {@link ContrastiveObjective} (CLEF, NT-Xent), {@link ByolObjective} (predictor and EMA
 * target), {@link MocoObjective} (EMA key encoder and key queue).
 */
interface Objective {

    /** The parameters the optimiser updates, by name (the encoder's first, as in its state dict). */
    Map<String, Parameter> parameters();

    /** Builds the step's graph on {@code batch} and returns the loss to back-propagate. */
    LossOutput loss(ViewBatch batch);

    /** Runs after the optimiser step (MoCo enqueues the step's keys). */
    default void afterStep() {
    }

    /** Names of the loss terms {@link #loss} reports besides the total, in order. */
    List<String> terms();

    /** Everything besides the encoder and the optimiser that a checkpoint must hold (live tensors). */
    Map<String, Tensor> state();

    /** Restores {@link #state()}; checks everything before changing anything. */
    void loadState(Map<String, Tensor> state);

    /** One line for the run log. */
    String describe();
}
