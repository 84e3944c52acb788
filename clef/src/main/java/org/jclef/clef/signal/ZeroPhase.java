package org.jclef.clef.signal;

/**
 * Zero-phase forward-backward filtering with SciPy's {@code filtfilt} / {@code sosfiltfilt}
 * semantics (default odd padding), spec §3.4:
 * <ol>
 *   <li>padlen P = 3·(number of coefficients) (33 for the 10th-order CLEF filter);</li>
 *   <li>odd extension {@code [2x₀ − x_P, …, 2x₀ − x₁, x₀ … x_{L−1}, 2x_{L−1} − x_{L−2}, …,
 *       2x_{L−1} − x_{L−1−P}]};</li>
 *   <li>forward pass from the state {@code zi·ext[0]};</li>
 *   <li>reverse, filter again from {@code zi·(first sample of the reversed sequence)}, reverse;</li>
 *   <li>drop P samples at each end.</li>
 * </ol>
 * Needs L > P.
 */
public final class ZeroPhase {

    private ZeroPhase() {
    }

    /** Transfer-function form. {@code zi: [n]} is the unit-step initial state. */
    public static double[] filtfilt(TransferFunction tf, double[] zi, double[] x) {
        int padlen = 3 * (tf.order() + 1);
        double[] b = tf.b();
        double[] a = tf.a();
        double[] ext = oddExtension(x, padlen);
        pass(b, a, zi, ext);
        reverse(ext);
        pass(b, a, zi, ext);
        reverse(ext);
        return crop(ext, padlen, x.length);
    }

    /**
     * Second-order-sections form ({@code sosfiltfilt}): each pass runs the cascade section by
     * section, each section starting from its {@code zi[s]} scaled by the pass's first input
     * sample. {@code zi: [sections, 2]}.
     */
    public static double[] sosfiltfilt(SecondOrderSections sos, double[][] zi, double[] x) {
        int padlen = 3 * (2 * sos.count() + 1 - trailingZeroCount(sos));
        double[] ext = oddExtension(x, padlen);
        cascade(sos, zi, ext);
        reverse(ext);
        cascade(sos, zi, ext);
        reverse(ext);
        return crop(ext, padlen, x.length);
    }

    /** The odd extension of step 2, length L + 2P. */
    static double[] oddExtension(double[] x, int padlen) {
        int n = x.length;
        if (n <= padlen) {
            throw new IllegalArgumentException("filtfilt: the signal has " + n
                    + " samples; zero-phase filtering with odd padding needs more than " + padlen);
        }
        double[] ext = new double[n + 2 * padlen];
        double first = x[0];
        double last = x[n - 1];
        for (int i = 0; i < padlen; i++) {
            ext[i] = 2 * first - x[padlen - i];
            ext[padlen + n + i] = 2 * last - x[n - 2 - i];
        }
        System.arraycopy(x, 0, ext, padlen, n);
        return ext;
    }

    private static void pass(double[] b, double[] a, double[] zi, double[] signal) {
        double[] z = new double[zi.length];
        double x0 = signal[0];
        for (int i = 0; i < z.length; i++) {
            z[i] = zi[i] * x0;
        }
        LinearFilter.filter(b, a, z, signal, signal);
    }

    private static void cascade(SecondOrderSections sos, double[][] zi, double[] signal) {
        double x0 = signal[0];
        for (int s = 0; s < sos.count(); s++) {
            TransferFunction section = sos.section(s);
            double[] z = {zi[s][0] * x0, zi[s][1] * x0};
            LinearFilter.filter(section.b(), section.a(), z, signal, signal);
        }
    }

    /** SciPy shortens sosfiltfilt's padding by the number of sections whose b₂ and a₂ are both 0. */
    private static int trailingZeroCount(SecondOrderSections sos) {
        int zb = 0;
        int za = 0;
        for (int s = 0; s < sos.count(); s++) {
            TransferFunction section = sos.section(s);
            if (section.b()[2] == 0) {
                zb++;
            }
            if (section.a()[2] == 0) {
                za++;
            }
        }
        return Math.min(zb, za);
    }

    private static void reverse(double[] v) {
        for (int i = 0, j = v.length - 1; i < j; i++, j--) {
            double t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
    }

    private static double[] crop(double[] ext, int padlen, int n) {
        double[] y = new double[n];
        System.arraycopy(ext, padlen, y, 0, n);
        return y;
    }
}
