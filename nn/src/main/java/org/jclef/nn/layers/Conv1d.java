package org.jclef.nn.layers;

import java.util.Arrays;
import org.jclef.autograd.Ops;
import org.jclef.autograd.Variable;
import org.jclef.nn.Init;
import org.jclef.nn.Module;
import org.jclef.nn.Parameter;
import org.jclef.tensor.Conv1dGeometry;

/**
 * Grouped 1-D convolution (PyTorch's {@code nn.Conv1d}, dilation 1): valid cross-correlation,
 * optionally with explicit zero padding per call.
 *
 * <p>Parameters: {@code weight: [C_out, C_in/groups, K]}, {@code bias: [C_out]} (optional), both
 * initialised ~ U(−1/√fan_in, 1/√fan_in) with fan_in = (C_in/groups)·K.
 */
public final class Conv1d extends Module {
    private final int inChannels;
    private final int outChannels;
    private final int kernelSize;
    private final int stride;
    private final int groups;
    private final Parameter weight;
    private final Parameter bias;

    public Conv1d(Init init, int inChannels, int outChannels, int kernelSize, int stride, int groups, boolean bias) {
        if (inChannels < 1 || outChannels < 1 || kernelSize < 1 || stride < 1 || groups < 1
                || inChannels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException("Conv1d: invalid configuration in=" + inChannels + " out=" + outChannels
                    + " kernel=" + kernelSize + " stride=" + stride + " groups=" + groups
                    + " (expected positive sizes, channels divisible by groups)");
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.groups = groups;
        double bound = Init.defaultBound((long) (inChannels / groups) * kernelSize);
        this.weight = registerParameter("weight", init.uniform(bound, outChannels, inChannels / groups, kernelSize));
        this.bias = bias ? registerParameter("bias", init.uniform(bound, outChannels)) : null;
    }

    /** Unpadded convolution. {@code x: [N, C_in, L]} → {@code [N, C_out, (L − K)/stride + 1]}. */
    @Override
    public Variable forward(Variable x) {
        return forward(x, 0, 0);
    }

    /**
     * Convolution of {@code x} with {@code padLeft} and {@code padRight} zeros around it (without
     * copying x). {@code x: [N, C_in, L]} → {@code [N, C_out, (L + padLeft + padRight − K)/stride + 1]}.
     */
    public Variable forward(Variable x, int padLeft, int padRight) {
        if (x.rank() != 3 || x.dim(1) != inChannels) {
            throw new IllegalArgumentException("Conv1d: expected input [N, " + inChannels + ", L], got "
                    + Arrays.toString(x.shape()));
        }
        return Ops.conv1d(x, weight.variable(), bias == null ? null : bias.variable(),
                new Conv1dGeometry(stride, padLeft, padRight, groups));
    }

    public Parameter weight() {
        return weight;
    }

    /** The bias, or null for a convolution without one. */
    public Parameter bias() {
        return bias;
    }

    public int inChannels() {
        return inChannels;
    }

    public int outChannels() {
        return outChannels;
    }

    public int kernelSize() {
        return kernelSize;
    }

    public int stride() {
        return stride;
    }

    public int groups() {
        return groups;
    }
}
