package org.jclef.nn.layers;

import java.util.Arrays;
import org.jclef.autograd.Functions;
import org.jclef.autograd.Ops;
import org.jclef.autograd.Variable;
import org.jclef.nn.Buffer;
import org.jclef.nn.Init;
import org.jclef.nn.Module;
import org.jclef.nn.Parameter;
import org.jclef.tensor.Backend;
import org.jclef.tensor.Backends;
import org.jclef.tensor.BinaryOp;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;

/**
 * Batch normalisation over channels (PyTorch's {@code nn.BatchNorm1d}, affine, tracking running
 * statistics): y = (x − μ)/√(σ² + ε)·weight + bias per channel.
 *
 * <p>In training mode μ and σ² are the batch mean and biased variance over N (and L), and the
 * running statistics move towards them: running_mean ← (1 − m)·running_mean + m·μ,
 * running_var ← (1 − m)·running_var + m·σ²·n/(n − 1) (the unbiased variance), and the batch
 * counter grows by one. In evaluation mode the running statistics are used.
 *
 * <p>State: {@code weight} (1), {@code bias} (0) parameters; {@code running_mean} (0),
 * {@code running_var} (1) buffers of shape [C] in the model's dtype; {@code num_batches_tracked},
 * PyTorch's int64 scalar, stored as a rank-0 <b>F64</b> tensor: it holds every count below 2^53
 * exactly, and safetensors' I64 entries read back as F64.
 */
public final class BatchNorm1d extends Module {
    public static final double DEFAULT_EPS = 1e-5;
    public static final double DEFAULT_MOMENTUM = 0.1;

    private final int features;
    private final double eps;
    private final double momentum;
    private final Parameter weight;
    private final Parameter bias;
    private final Buffer runningMean;
    private final Buffer runningVar;
    private final Buffer numBatchesTracked;

    public BatchNorm1d(Init init, int features) {
        this(init, features, DEFAULT_EPS, DEFAULT_MOMENTUM);
    }

    public BatchNorm1d(Init init, int features, double eps, double momentum) {
        if (features < 1 || !(eps > 0) || !(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("BatchNorm1d: invalid features=" + features + " eps=" + eps
                    + " momentum=" + momentum + " (expected features >= 1, eps > 0, momentum in [0, 1])");
        }
        this.features = features;
        this.eps = eps;
        this.momentum = momentum;
        this.weight = registerParameter("weight", init.constant(1, features));
        this.bias = registerParameter("bias", init.constant(0, features));
        this.runningMean = registerBuffer("running_mean", new Buffer(Tensor.zeros(init.dtype(), features)));
        this.runningVar = registerBuffer("running_var", new Buffer(Tensor.full(init.dtype(), 1, features)));
        this.numBatchesTracked = registerBuffer("num_batches_tracked", new Buffer(Tensor.scalar(DType.F64, 0)));
    }

    /** {@code x: [N, C, L]} or {@code [N, C]} → the same shape. */
    @Override
    public Variable forward(Variable x) {
        if ((x.rank() != 2 && x.rank() != 3) || x.dim(1) != features) {
            throw new IllegalArgumentException("BatchNorm1d: expected input [N, " + features + ", L] or [N, "
                    + features + "], got " + Arrays.toString(x.shape()));
        }
        int[] channelShape = x.rank() == 3 ? new int[] {features, 1} : new int[] {features};
        Variable normalized = isTraining() ? normalizeWithBatchStatistics(x) : normalizeWithRunningStatistics(x, channelShape);
        Variable scaled = Ops.mul(normalized, Ops.reshape(weight.variable(), channelShape));
        return Ops.add(scaled, Ops.reshape(bias.variable(), channelShape));
    }

    /** (x − μ)/√(σ² + ε) with the batch's statistics, which also update the running ones. */
    private Variable normalizeWithBatchStatistics(Variable x) {
        long count = x.size() / features;
        if (count < 2) {
            throw new IllegalArgumentException("BatchNorm1d: training needs more than one value per channel, got input "
                    + Arrays.toString(x.shape()));
        }
        Variable mean = meanOverBatchAndTime(x);
        Variable centered = Ops.sub(x, mean);
        Variable variance = meanOverBatchAndTime(Functions.square(centered));
        updateRunningStatistics(mean.value(), variance.value(), count);
        return Ops.div(centered, Ops.sqrt(Functions.addScalar(variance, eps)));
    }

    /** Mean over axis 0 and, for rank 3, axis 2: {@code [N, C, L] → [1, C, 1]}, {@code [N, C] → [1, C]}. */
    private static Variable meanOverBatchAndTime(Variable x) {
        Variable overTime = x.rank() == 3 ? Ops.mean(x, 2) : x;
        return Ops.mean(overTime, 0);
    }

    private void updateRunningStatistics(Tensor mean, Tensor biasedVariance, long count) {
        Backend be = Backends.current();
        blend(be, runningMean.value(), mean.reshape(features), 1.0);
        blend(be, runningVar.value(), biasedVariance.reshape(features), (double) count / (count - 1));
        Tensor counter = numBatchesTracked.value();
        be.affine(counter, 1, 1, counter);
    }

    /** {@code running ← (1 − m)·running + m·scale·batch}. */
    private void blend(Backend be, Tensor running, Tensor batch, double scale) {
        Tensor step = Tensor.zerosLike(running);
        be.affine(batch, momentum * scale, 0, step);
        be.affine(running, 1 - momentum, 0, running);
        be.binary(BinaryOp.ADD, running, step, running);
    }

    /** (x − running_mean)/√(running_var + ε); the statistics are constants. */
    private Variable normalizeWithRunningStatistics(Variable x, int[] channelShape) {
        Tensor denominator = Tensor.zerosLike(runningVar.value());
        Backend be = Backends.current();
        be.affine(runningVar.value(), 1, eps, denominator);
        be.powScalar(denominator, -0.5, denominator);
        Variable centered = Ops.sub(x, Variable.constant(runningMean.value().reshape(channelShape)));
        return Ops.mul(centered, Variable.constant(denominator.reshape(channelShape)));
    }

    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }

    public Tensor runningMean() {
        return runningMean.value();
    }

    public Tensor runningVar() {
        return runningVar.value();
    }

    /** Training batches seen so far. */
    public long numBatchesTracked() {
        return (long) numBatchesTracked.value().item();
    }

    public int features() {
        return features;
    }
}
