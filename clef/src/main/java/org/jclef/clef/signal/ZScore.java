package org.jclef.clef.signal;

/**
 * Spec §3.3 step 5: {@code x ← (x − mean(x)) / (std(x) + 1e−8)} with the population standard
 * deviation (divide by n), computed in double precision.
 */
public final class ZScore {
    public static final double EPSILON = 1e-8;

    private ZScore() {
    }

    /** Normalises {@code x} in place. */
    public static void normalizeInPlace(double[] x) {
        if (x.length == 0) {
            return;
        }
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double ss = 0;
        for (double v : x) {
            double d = v - mean;
            ss += d * d;
        }
        double denominator = Math.sqrt(ss / x.length) + EPSILON;
        for (int i = 0; i < x.length; i++) {
            x[i] = (x[i] - mean) / denominator;
        }
    }

    /** Population standard deviation of {@code x}. */
    public static double populationStd(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double ss = 0;
        for (double v : x) {
            double d = v - mean;
            ss += d * d;
        }
        return Math.sqrt(ss / x.length);
    }
}
