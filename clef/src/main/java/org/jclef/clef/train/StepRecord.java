package org.jclef.clef.train;

import java.util.List;

/**
 * One optimiser step, as logged to the metrics file.
 *
 * @param step           steps taken including this one (1-based)
 * @param epoch          the epoch it belongs to (0-based)
 * @param batch          its batch within the epoch
 * @param patients       B
 * @param lr             the learning rate it used
 * @param loss           the total loss
 * @param terms          the loss terms, in the objective's order (e.g. nce, align)
 * @param gradNorm       the global 2-norm of the gradients before any clipping
 * @param stepSeconds    forward + backward + optimiser time
 * @param waitSeconds    time spent waiting for the batch (0 when the loaders are ahead)
 * @param elapsedSeconds training time since the run started (across resumptions)
 */
public record StepRecord(long step, int epoch, int batch, int patients, double lr, double loss, List<Double> terms,
                         double gradNorm, double stepSeconds, double waitSeconds, double elapsedSeconds) {

    public StepRecord {
        terms = List.copyOf(terms);
    }
}
