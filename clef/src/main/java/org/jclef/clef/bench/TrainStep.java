package org.jclef.clef.bench;

import java.util.SplittableRandom;
import org.jclef.autograd.Variable;
import org.jclef.clef.loss.BatchMetadata;
import org.jclef.clef.loss.ClefLoss;
import org.jclef.clef.loss.ClefLossConfig;
import org.jclef.clef.loss.LossOutput;
import org.jclef.clef.model.Net1D;
import org.jclef.clef.model.Net1DConfig;
import org.jclef.nn.optim.Adam;
import org.jclef.tensor.Backend;
import org.jclef.tensor.Backends;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;

/**
 * One CLEF pretraining step (spec §6) on a fixed random batch: the Net1D forward pass on
 * {@code x: [2B, 1, L]} (B patients, two views each), the CLEF loss on the {@code [2B, D]}
 * embeddings with random risks, the backward pass and an AdamW update (lr 1e−4, weight decay 5e−4).
 * Data loading and augmentation are not included.
 *
 * <p>The layers and the optimiser use the process-wide backend, so the constructor installs
 * {@code backend} with {@link org.jclef.tensor.Backends#use}.
 */
public final class TrainStep implements Workload {
    private static final double LEARNING_RATE = 1e-4;
    private static final double WEIGHT_DECAY = 5e-4;

    private final Net1DConfig config;
    private final int patients;
    private final int length;
    private final Backend backend;
    private final Net1D net;
    private final ClefLoss loss = new ClefLoss(ClefLossConfig.defaults());
    private final Adam optimizer;
    private final Tensor views;
    private final BatchMetadata metadata;
    private double lastLoss = Double.NaN;

    public TrainStep(Net1DConfig config, int patients, int length, Backend backend) {
        if (patients < 1 || length < 1) {
            throw new IllegalArgumentException("TrainStep: expected at least one patient and one sample, got "
                    + patients + " patients of " + length + " samples");
        }
        this.config = config;
        this.patients = patients;
        this.length = length;
        this.backend = backend;
        Backends.use(backend, "train-step benchmark");
        this.net = Net1D.create(config, 42);
        net.train();
        this.optimizer = Adam.adamW(net.namedParameters(), Adam.Hyper.of(LEARNING_RATE, WEIGHT_DECAY));
        SplittableRandom rng = new SplittableRandom(7);
        this.views = Tensor.normal(DType.F32, rng, 2 * patients, config.inChannels(), length);
        double[] risk = new double[patients];
        for (int i = 0; i < patients; i++) {
            risk[i] = 0.2 * rng.nextDouble();
        }
        this.metadata = BatchMetadata.ofRisks(risk);
    }

    @Override
    public String description() {
        return "train step " + config.name() + ": " + patients + " patients (" + 2 * patients + " views × " + length
                + " samples), CLEF loss, AdamW, on " + BenchBackends.describe(backend);
    }

    @Override
    public double flops() {
        return Net1DLayers.trainStepFlops(config, 2 * patients, length);
    }

    @Override
    public void run() {
        LossOutput out = loss.compute(net.forward(Variable.constant(views)), metadata);
        out.loss().backward();
        optimizer.step();
        optimizer.zeroGrad();
        lastLoss = out.loss().item();
    }

    /** The loss of the last step (NaN before the first), to check the steps compute something. */
    public double lastLoss() {
        return lastLoss;
    }
}
