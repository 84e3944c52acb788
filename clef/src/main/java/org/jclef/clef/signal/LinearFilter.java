package org.jclef.clef.signal;

/**
 * One causal pass of an IIR filter in direct form II transposed (SciPy's {@code lfilter}).
 *
 * <p>For each sample, with state {@code z: [n]}: {@code y = z₀ + b₀·x}; then
 * {@code z_i ← (z_{i+1} + b_{i+1}·x) − a_{i+1}·y} for i = 0 … n−2 in increasing order; then
 * {@code z_{n−1} ← b_n·x − a_n·y}. Each operation is rounded separately, in exactly this order
 * (Java never fuses multiply-adds implicitly), which is what makes the ill-conditioned 10th-order
 * CLEF filter reproduce SciPy bit for bit (spec §3.4).
 */
public final class LinearFilter {

    private LinearFilter() {
    }

    /**
     * Filters {@code x} into {@code y} (may be the same array), updating {@code z} in place.
     * Shapes: {@code b, a: [n + 1]} with {@code a₀ = 1}, {@code z: [n]}, {@code x, y: [L]}.
     */
    public static void filter(double[] b, double[] a, double[] z, double[] x, double[] y) {
        int n = a.length - 1;
        if (b.length != n + 1 || z.length != n || y.length < x.length) {
            throw new IllegalArgumentException("lfilter: expected b [" + (n + 1) + "], z [" + n + "], y [>= "
                    + x.length + "], got b [" + b.length + "], z [" + z.length + "], y [" + y.length + "]");
        }
        for (int t = 0; t < x.length; t++) {
            double xt = x[t];
            double yt = z[0] + b[0] * xt;
            for (int i = 0; i < n - 1; i++) {
                z[i] = (z[i + 1] + b[i + 1] * xt) - a[i + 1] * yt;
            }
            z[n - 1] = b[n] * xt - a[n] * yt;
            y[t] = yt;
        }
    }
}
