package org.jclef.clef.signal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Anti-aliased rational resampling by a polyphase FIR filter, with SciPy's
 * {@code resample_poly(x, up, down)} semantics (default Kaiser window, β = 5; zero padding at the
 * edges):
 * <ul>
 *   <li>up/down are reduced by their gcd; the output has ⌈L·up/down⌉ samples;</li>
 *   <li>the low-pass has 2·h + 1 taps, h = 10·max(up, down), cut-off 1/max(up, down) of the
 *       Nyquist rate of the up-sampled signal (windowed sinc, normalised to unit DC gain, times
 *       up);</li>
 *   <li>output sample i sits at input time i·down/up (no delay):
 *       {@code y[i] = Σ_n x[n]·taps[i·down − n·up + h]}.</li>
 * </ul>
 * Rates are turned into up/down through millihertz, so e.g. 360 → 500 Hz is up 25, down 18.
 * Near the ends the filter sees zeros beyond the signal, which attenuates the first and last
 * ≈ 10 input samples slightly (as SciPy's default does).
 */
public final class Resampler {
    /** Larger up/down factors would need filters of more than 20,001 taps. */
    public static final int MAX_FACTOR = 1000;
    private static final double KAISER_BETA = 5.0;
    private static final Map<Long, double[]> TAPS = new ConcurrentHashMap<>();

    private Resampler() {
    }

    /** Resamples {@code x} sampled at {@code fromHz} to {@code toHz}; returns {@code x} copied when equal. */
    public static double[] resample(double[] x, double fromHz, double toHz) {
        long from = millihertz(fromHz);
        long to = millihertz(toHz);
        long g = gcd(from, to);
        long up = to / g;
        long down = from / g;
        if (up > MAX_FACTOR || down > MAX_FACTOR) {
            throw new IllegalArgumentException("resample " + fromHz + " Hz -> " + toHz + " Hz: the rational factor "
                    + up + "/" + down + " exceeds " + MAX_FACTOR + "; resample in two steps or round the rates");
        }
        return resamplePoly(x, (int) up, (int) down);
    }

    /** {@code resample_poly(x, up, down)}; output length ⌈L·up/down⌉ after reducing up/down. */
    public static double[] resamplePoly(double[] x, int up, int down) {
        if (up < 1 || down < 1) {
            throw new IllegalArgumentException("resample: up and down must be >= 1, got " + up + ", " + down);
        }
        int g = (int) gcd(up, down);
        up /= g;
        down /= g;
        if (up == 1 && down == 1) {
            return x.clone();
        }
        double[] taps = taps(up, down);
        int half = (taps.length - 1) / 2;
        long total = (long) x.length * up;
        int nOut = (int) (total / down + (total % down == 0 ? 0 : 1));
        double[] y = new double[nOut];
        for (int i = 0; i < nOut; i++) {
            long t = (long) i * down + half;
            long nLow = Math.max(0, ceilDiv(t - (taps.length - 1), up));
            long nHigh = Math.min(x.length - 1, Math.floorDiv(t, up));
            double acc = 0;
            for (long n = nLow; n <= nHigh; n++) {
                acc += taps[(int) (t - n * up)] * x[(int) n];
            }
            y[i] = acc;
        }
        return y;
    }

    /** The polyphase prototype filter, already multiplied by {@code up}. */
    static double[] taps(int up, int down) {
        return TAPS.computeIfAbsent(((long) up << 32) | down, key -> designTaps(up, down));
    }

    private static double[] designTaps(int up, int down) {
        int maxRate = Math.max(up, down);
        double cutoff = 1.0 / maxRate;
        int half = 10 * maxRate;
        int n = 2 * half + 1;
        double alpha = 0.5 * (n - 1);
        double[] h = new double[n];
        double sum = 0;
        double i0Beta = besselI0(KAISER_BETA);
        for (int k = 0; k < n; k++) {
            double m = k - alpha;
            double r = (k - alpha) / alpha;
            double window = besselI0(KAISER_BETA * Math.sqrt(1 - r * r)) / i0Beta;
            h[k] = cutoff * sinc(cutoff * m) * window;
            sum += h[k];
        }
        for (int k = 0; k < n; k++) {
            h[k] = h[k] / sum * up;
        }
        return h;
    }

    private static double sinc(double x) {
        if (x == 0) {
            return 1.0;
        }
        double px = Math.PI * x;
        return Math.sin(px) / px;
    }

    /** Modified Bessel function of the first kind, order 0 (power series; converges for all x used here). */
    static double besselI0(double x) {
        double q = x * x / 4;
        double term = 1;
        double sum = 1;
        for (int k = 1; k < 500; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }

    private static long millihertz(double hz) {
        double mhz = hz * 1000;
        long rounded = Math.round(mhz);
        if (!(hz > 0) || Math.abs(mhz - rounded) > 1e-6 * Math.max(1, mhz)) {
            throw new IllegalArgumentException("resample: sampling rate " + hz
                    + " Hz must be positive and a whole number of millihertz");
        }
        return rounded;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
