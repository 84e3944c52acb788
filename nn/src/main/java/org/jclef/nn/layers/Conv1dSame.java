package org.jclef.nn.layers;

import org.jclef.autograd.Variable;
import org.jclef.nn.Init;
import org.jclef.nn.Module;

/**
 * A convolution with "same" padding (Net1D's {@code MyConv1dPadSame}, wrapping a {@link Conv1d}
 * registered as {@code conv}, hence the keys {@code conv.weight} and {@code conv.bias}).
 *
 * <p>For an input of length L: L_out = ⌈L/s⌉, total pad p = max(0, (L_out − 1)·s + K − L), of
 * which ⌊p/2⌋ zeros go left and the rest right (the extra one goes right). Kernel 16: stride 2
 * and even L pads 7/7, odd L 7/8; stride 1 pads 7/8; kernel 1, stride 1 pads nothing.
 */
public final class Conv1dSame extends Module {
    private final Conv1d conv;

    /** The left and right zero padding of one call. */
    public record Padding(int left, int right) {
    }

    public Conv1dSame(Init init, int inChannels, int outChannels, int kernelSize, int stride, int groups) {
        this.conv = registerModule("conv", new Conv1d(init, inChannels, outChannels, kernelSize, stride, groups, true));
    }

    /** {@code x: [N, C_in, L]} → {@code [N, C_out, ⌈L/stride⌉]}. */
    @Override
    public Variable forward(Variable x) {
        Padding pad = padding(x.dim(2), conv.kernelSize(), conv.stride());
        return conv.forward(x, pad.left(), pad.right());
    }

    /** The "same" padding of a convolution with {@code kernel} taps and {@code stride} over {@code length} samples. */
    public static Padding padding(int length, int kernel, int stride) {
        int outLength = Math.ceilDiv(length, stride);
        int total = Math.max(0, (outLength - 1) * stride + kernel - length);
        return new Padding(total / 2, total - total / 2);
    }

    public Conv1d conv() {
        return conv;
    }
}
