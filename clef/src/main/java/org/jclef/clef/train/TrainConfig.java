package org.jclef.clef.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jclef.clef.loss.ClefLossConfig;
import org.jclef.clef.loss.LossKind;
import org.jclef.clef.loss.MocoConfig;
import org.jclef.clef.model.Net1DConfig;

/**
 * The settings of a pretraining run. {@link #defaults} is spec §6: CLEF loss, 64 patients per
 * batch, at most 100 epochs, AdamW (lr 1e−4, decoupled weight decay 5e−4, betas (0.9, 0.999),
 * ε 1e−8), cosine annealing with warm restarts stepped per epoch (T₀ 10, T_mult 2, η_min 1e−6),
 * seed 42, 10 s windows at 500 Hz.
 *
 * @param model           the encoder
 * @param loss            the objective
 * @param clefLoss        the CLEF loss's settings (its temperature is also NT-Xent's)
 * @param moco            MoCo's settings (queue size, momentum, enqueue policy)
 * @param batchSize       B, patients per batch (2B views)
 * @param epochs          at most this many epochs
 * @param maxSteps        at most this many optimiser steps in all (resumed runs count from the start)
 * @param seed            the seed of every random draw (initialisation, order, augmentation)
 * @param window          samples per view at 500 Hz (spec 5000)
 * @param lr              AdamW's base learning rate (the schedule's η₀)
 * @param weightDecay     AdamW's decoupled weight decay
 * @param t0              the schedule's first cycle, in epochs
 * @param tMult           the schedule's cycle growth factor
 * @param etaMin          the schedule's floor
 * @param clipGradNorm    clip the global gradient norm to this (0: no clipping; the norm is logged either way)
 * @param checkpointEvery write a checkpoint every this many steps (and at the end)
 * @param loaders         loader threads producing batches ahead of the step
 */
public record TrainConfig(Net1DConfig model, LossKind loss, ClefLossConfig clefLoss, MocoConfig moco, int batchSize,
                          int epochs, long maxSteps, long seed, int window, double lr, double weightDecay, int t0,
                          int tMult, double etaMin, double clipGradNorm, int checkpointEvery, int loaders) {
    public static final int DEFAULT_BATCH = 64;
    public static final int DEFAULT_EPOCHS = 100;
    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_WINDOW = 5000;
    public static final double DEFAULT_LR = 1e-4;
    public static final double DEFAULT_WEIGHT_DECAY = 5e-4;
    public static final int DEFAULT_T0 = 10;
    public static final int DEFAULT_T_MULT = 2;
    public static final double DEFAULT_ETA_MIN = 1e-6;
    public static final int DEFAULT_CHECKPOINT_EVERY = 500;
    public static final int DEFAULT_LOADERS = 2;
    /** AdamW's betas and ε (spec §6; not configurable). */
    public static final double BETA1 = 0.9;
    public static final double BETA2 = 0.999;
    public static final double EPS = 1e-8;

    public TrainConfig {
        if (model == null || loss == null || clefLoss == null || moco == null) {
            throw new IllegalArgumentException("TrainConfig: model, loss, CLEF loss and MoCo settings are required");
        }
        check(batchSize >= 2, "batch size " + batchSize + " must be at least 2 patients (negatives come from the others)");
        check(epochs >= 1, "epochs " + epochs + " must be at least 1");
        check(maxSteps >= 1, "steps " + maxSteps + " must be at least 1");
        check(window > 33, "window " + window + " must exceed 33 samples (the band-pass's padding)");
        check(lr >= 0 && Double.isFinite(lr), "learning rate " + lr + " must be finite and >= 0");
        check(weightDecay >= 0 && Double.isFinite(weightDecay), "weight decay " + weightDecay + " must be finite and >= 0");
        check(t0 >= 1 && tMult >= 1, "T0 " + t0 + " and T_mult " + tMult + " must be at least 1");
        check(etaMin >= 0 && Double.isFinite(etaMin), "eta_min " + etaMin + " must be finite and >= 0");
        check(clipGradNorm >= 0 && Double.isFinite(clipGradNorm), "gradient clip " + clipGradNorm + " must be >= 0 (0: off)");
        check(checkpointEvery >= 1, "checkpoint interval " + checkpointEvery + " must be at least 1 step");
        check(loaders >= 1, "loader threads " + loaders + " must be at least 1");
        check(loss != LossKind.MOCO || moco.queueSize() >= batchSize, "MoCo queue of " + moco.queueSize()
                + " keys is smaller than a batch of " + batchSize + "; use --moco-queue >= --batch");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("TrainConfig: " + message);
        }
    }

    /** Spec §6 for {@code model} (no step cap, checkpoints every 500 steps, 2 loader threads). */
    public static TrainConfig defaults(Net1DConfig model) {
        return new TrainConfig(model, LossKind.CLEF, ClefLossConfig.defaults(), MocoConfig.defaults(), DEFAULT_BATCH,
                DEFAULT_EPOCHS, Long.MAX_VALUE, DEFAULT_SEED, DEFAULT_WINDOW, DEFAULT_LR, DEFAULT_WEIGHT_DECAY,
                DEFAULT_T0, DEFAULT_T_MULT, DEFAULT_ETA_MIN, 0, DEFAULT_CHECKPOINT_EVERY, DEFAULT_LOADERS);
    }

    public TrainConfig withLoss(LossKind kind) {
        return new TrainConfig(model, kind, clefLoss, moco, batchSize, epochs, maxSteps, seed, window, lr, weightDecay,
                t0, tMult, etaMin, clipGradNorm, checkpointEvery, loaders);
    }

    public TrainConfig withClefLoss(ClefLossConfig value) {
        return new TrainConfig(model, loss, value, moco, batchSize, epochs, maxSteps, seed, window, lr, weightDecay,
                t0, tMult, etaMin, clipGradNorm, checkpointEvery, loaders);
    }

    public TrainConfig withMoco(MocoConfig value) {
        return new TrainConfig(model, loss, clefLoss, value, batchSize, epochs, maxSteps, seed, window, lr, weightDecay,
                t0, tMult, etaMin, clipGradNorm, checkpointEvery, loaders);
    }

    /** The same run with a different length: {@code epochs} and {@code maxSteps} caps. */
    public TrainConfig withLength(int newEpochs, long newMaxSteps) {
        return new TrainConfig(model, loss, clefLoss, moco, batchSize, newEpochs, newMaxSteps, seed, window, lr,
                weightDecay, t0, tMult, etaMin, clipGradNorm, checkpointEvery, loaders);
    }

    public TrainConfig withBatch(int patients, int samples) {
        return new TrainConfig(model, loss, clefLoss, moco, patients, epochs, maxSteps, seed, samples, lr, weightDecay,
                t0, tMult, etaMin, clipGradNorm, checkpointEvery, loaders);
    }

    public TrainConfig withOptimizer(double newLr, double newWeightDecay, double newClip) {
        return new TrainConfig(model, loss, clefLoss, moco, batchSize, epochs, maxSteps, seed, window, newLr,
                newWeightDecay, t0, tMult, etaMin, newClip, checkpointEvery, loaders);
    }

    public TrainConfig withSchedule(int newT0, int newTMult, double newEtaMin) {
        return new TrainConfig(model, loss, clefLoss, moco, batchSize, epochs, maxSteps, seed, window, lr, weightDecay,
                newT0, newTMult, newEtaMin, clipGradNorm, checkpointEvery, loaders);
    }

    public TrainConfig withRun(long newSeed, int newCheckpointEvery, int newLoaders) {
        return new TrainConfig(model, loss, clefLoss, moco, batchSize, epochs, maxSteps, newSeed, window, lr,
                weightDecay, t0, tMult, etaMin, clipGradNorm, newCheckpointEvery, newLoaders);
    }

    /**
     * The settings that decide the training trajectory, as checkpoint metadata: a resumed run must
     * have the same ones. The run's length, checkpoint interval and loader count may change.
     */
    public Map<String, Object> trajectory() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model.toJson());
        m.put("loss", loss.cliName());
        if (loss == LossKind.CLEF || loss == LossKind.NTXENT) {
            m.put("temperature", clefLoss.temperature());
        }
        if (loss == LossKind.CLEF) {
            m.put("floor", clefLoss.floor());
            m.put("terms", (clefLoss.nce() ? "nce" : "") + (clefLoss.align() ? "+align" : ""));
            m.put("metadata_mode", clefLoss.metadata().name());
        }
        if (loss == LossKind.MOCO) {
            m.put("moco", moco.toString());
        }
        m.put("batch", (long) batchSize);
        m.put("seed", seed);
        m.put("window", (long) window);
        m.put("lr", lr);
        m.put("weight_decay", weightDecay);
        m.put("schedule", "cosine warm restarts T0=" + t0 + " T_mult=" + tMult + " eta_min=" + etaMin + " per epoch");
        m.put("clip_grad_norm", clipGradNorm);
        return m;
    }
}
