package org.jclef.clef.tasks;

/**
 * Settings of end-to-end fine-tuning; {@link #reference()} is the reference's default protocol
 * (spec §7.3).
 *
 * @param learningRate Adam's learning rate (1e−3)
 * @param weightDecay  coupled L2 weight decay (1e−5)
 * @param batchSize    records per step (64)
 * @param maxEpochs    at most this many epochs (100)
 * @param patience     stop after this many epochs without a validation-loss improvement (5)
 * @param minDelta     an improvement must lower the validation loss by more than this (1e−3)
 * @param seed         seeds the head's initialisation and the batch order (42)
 */
public record FineTuneConfig(double learningRate, double weightDecay, int batchSize, int maxEpochs, int patience,
                             double minDelta, long seed) {

    public FineTuneConfig {
        if (!(learningRate > 0) || !(weightDecay >= 0) || batchSize < 1 || maxEpochs < 1 || patience < 1
                || !(minDelta >= 0)) {
            throw new IllegalArgumentException("FineTuneConfig: invalid settings " + this
                    + " (expected lr > 0, weight decay >= 0, batch >= 1, epochs >= 1, patience >= 1, min delta >= 0)");
        }
    }

    /**
     * Adam, lr 1e−3, weight decay 1e−5, batch 64, at most 100 epochs, early stopping on the
     * validation loss (patience 5, min delta 1e−3), cosine warm restarts per epoch with
     * T₀ = ⌊max epochs / 2⌋, the best-validation-loss weights for the test; seed 42.
     */
    public static FineTuneConfig reference() {
        return new FineTuneConfig(1e-3, 1e-5, 64, 100, 5, 1e-3, 42);
    }

    public FineTuneConfig withMaxEpochs(int epochs) {
        return new FineTuneConfig(learningRate, weightDecay, batchSize, epochs, patience, minDelta, seed);
    }

    public FineTuneConfig withBatchSize(int size) {
        return new FineTuneConfig(learningRate, weightDecay, size, maxEpochs, patience, minDelta, seed);
    }

    public FineTuneConfig withPatience(int epochs) {
        return new FineTuneConfig(learningRate, weightDecay, batchSize, maxEpochs, epochs, minDelta, seed);
    }

    public FineTuneConfig withLearningRate(double lr) {
        return new FineTuneConfig(lr, weightDecay, batchSize, maxEpochs, patience, minDelta, seed);
    }

    public FineTuneConfig withSeed(long value) {
        return new FineTuneConfig(learningRate, weightDecay, batchSize, maxEpochs, patience, minDelta, value);
    }
}
