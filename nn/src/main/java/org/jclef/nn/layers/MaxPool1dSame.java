package org.jclef.nn.layers;

import java.util.Arrays;
import org.jclef.autograd.Ops;
import org.jclef.autograd.Variable;
import org.jclef.nn.Module;
import org.jclef.tensor.Pool1dGeometry;

/**
 * Max-pool with kernel = stride = k and "same" padding, as Net1D's {@code MyMaxPool1dPadSame}:
 * k − 1 <b>zeros</b> (not −∞) are padded, ⌊(k−1)/2⌋ on the left and the rest on the right, then
 * non-overlapping windows of k are reduced; L_out = ⌈L/k⌉.
 *
 * <p>For Net1D's k = 2 that is one zero on the right, which matters only for odd L: the last
 * output is max(x[L − 1], 0), and it sends no gradient to x when the zero wins (spec §9.1, quirk 1).
 */
public final class MaxPool1dSame extends Module {
    private final int kernelSize;

    public MaxPool1dSame(int kernelSize) {
        if (kernelSize < 1) {
            throw new IllegalArgumentException("MaxPool1dSame: kernel size " + kernelSize + " must be positive");
        }
        this.kernelSize = kernelSize;
    }

    /** {@code x: [N, C, L]} → {@code [N, C, ⌈L/k⌉]}. */
    @Override
    public Variable forward(Variable x) {
        if (x.rank() != 3) {
            throw new IllegalArgumentException("MaxPool1dSame: expected input [N, C, L], got " + Arrays.toString(x.shape()));
        }
        int pad = kernelSize - 1;
        return Ops.maxPool1d(x, new Pool1dGeometry(kernelSize, kernelSize, pad / 2, pad - pad / 2, 0.0));
    }

    public int kernelSize() {
        return kernelSize;
    }
}
