package org.jclef.tensor;

/**
 * A 1-D max-pool window: kernel, stride, and constant padding on each side.
 *
 * <p>Net1D's "same" max-pool pads one <b>zero</b> on the right (not −∞), so for odd lengths the
 * last output is max(x_last, 0): {@code new Pool1dGeometry(2, 2, 0, 1, 0.0)} for odd L.
 * Shapes: {@code x: [N, C, L_in]}, {@code y: [N, C, (L_in + padLeft + padRight − kernel)/stride + 1]}.
 */
public record Pool1dGeometry(int kernel, int stride, int padLeft, int padRight, double padValue) {

    public Pool1dGeometry {
        if (kernel < 1 || stride < 1 || padLeft < 0 || padRight < 0) {
            throw new IllegalArgumentException("maxPool1d: invalid geometry kernel=" + kernel + " stride="
                    + stride + " padLeft=" + padLeft + " padRight=" + padRight);
        }
    }

    public int outputLength(int inLength) {
        int padded = inLength + padLeft + padRight;
        if (padded < kernel) {
            throw new IllegalArgumentException("maxPool1d: padded input length " + padded
                    + " is shorter than the kernel (" + kernel + ")");
        }
        return (padded - kernel) / stride + 1;
    }
}
