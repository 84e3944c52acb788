package org.jclef.tensor;

import java.util.Arrays;

/**
 * How a 1-D convolution slides: stride, explicit zero padding on each side, and channel groups.
 * Dilation is always 1. The kernel length comes from the weight tensor.
 *
 * <p>Shapes: {@code x: [N, C_in, L_in]}, {@code w: [C_out, C_in/groups, K]}, {@code bias: [C_out]},
 * {@code y: [N, C_out, L_out]} with {@code L_out = (L_in + padLeft + padRight − K)/stride + 1}.
 * Output channel {@code o} reads input channels of group {@code o / (C_out/groups)}.
 */
public record Conv1dGeometry(int stride, int padLeft, int padRight, int groups) {

    public Conv1dGeometry {
        if (stride < 1 || padLeft < 0 || padRight < 0 || groups < 1) {
            throw new IllegalArgumentException("conv1d: invalid geometry stride=" + stride + " padLeft="
                    + padLeft + " padRight=" + padRight + " groups=" + groups
                    + " (expected stride >= 1, pads >= 0, groups >= 1)");
        }
    }

    /** Stride 1, no padding, one group. */
    public static Conv1dGeometry valid() {
        return new Conv1dGeometry(1, 0, 0, 1);
    }

    /** The output length for an input of length {@code inLength} and a kernel of {@code kernel} taps. */
    public int outputLength(int inLength, int kernel) {
        int padded = inLength + padLeft + padRight;
        if (padded < kernel) {
            throw new IllegalArgumentException("conv1d: padded input length " + padded
                    + " is shorter than the kernel (" + kernel + ")");
        }
        return (padded - kernel) / stride + 1;
    }

    /**
     * Checks the shapes of a convolution's operands and returns {@code [N, C_in, L_in, C_out, K, L_out]}.
     * {@code bias} may be null.
     */
    public int[] check(Tensor x, Tensor w, Tensor bias, Tensor y) {
        if (x.rank() != 3 || w.rank() != 3 || y.rank() != 3) {
            throw new IllegalArgumentException("conv1d: expected x [N, C_in, L], w [C_out, C_in/g, K], "
                    + "y [N, C_out, L_out]; got x " + Arrays.toString(x.shape()) + ", w "
                    + Arrays.toString(w.shape()) + ", y " + Arrays.toString(y.shape()));
        }
        int n = x.dim(0), cin = x.dim(1), lin = x.dim(2);
        int cout = w.dim(0), k = w.dim(2);
        if (cin % groups != 0 || cout % groups != 0) {
            throw new IllegalArgumentException("conv1d: C_in " + cin + " and C_out " + cout
                    + " must both be divisible by groups " + groups);
        }
        if (w.dim(1) != cin / groups) {
            throw new IllegalArgumentException("conv1d: weight " + Arrays.toString(w.shape())
                    + " has " + w.dim(1) + " input channels per group, expected C_in/groups = "
                    + cin / groups + " for x " + Arrays.toString(x.shape()));
        }
        int lout = outputLength(lin, k);
        if (!y.hasShape(n, cout, lout)) {
            throw new IllegalArgumentException("conv1d: output " + Arrays.toString(y.shape())
                    + " expected [" + n + ", " + cout + ", " + lout + "] for x "
                    + Arrays.toString(x.shape()) + ", w " + Arrays.toString(w.shape()) + ", " + this);
        }
        if (bias != null && !bias.hasShape(cout)) {
            throw new IllegalArgumentException("conv1d: bias " + Arrays.toString(bias.shape())
                    + " expected [" + cout + "]");
        }
        if (x.dtype() != w.dtype() || x.dtype() != y.dtype() || (bias != null && bias.dtype() != x.dtype())) {
            throw new IllegalArgumentException("conv1d: operands mix dtypes (x " + x.dtype() + ", w "
                    + w.dtype() + ", y " + y.dtype() + ")");
        }
        return new int[] {n, cin, lin, cout, k, lout};
    }
}
