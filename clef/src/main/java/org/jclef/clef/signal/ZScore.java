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
        double mean = mean(x);
        double denominator = populationStd(x, mean) + EPSILON;
        for (int i = 0; i < x.length; i++) {
            x[i] = (x[i] - mean) / denominator;
        }
    }

    /** Arithmetic mean of {@code x}, summed in index order. */
    public static double mean(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        return sum / x.length;
    }

    /** Population standard deviation of {@code x}. */
    public static double populationStd(double[] x) {
        return populationStd(x, mean(x));
    }

    /** Population standard deviation of {@code x} about its already computed {@code mean}. */
    public static double populationStd(double[] x, double mean) {
        double ss = 0;
        for (double v : x) {
            double d = v - mean;
            ss += d * d;
        }
        return Math.sqrt(ss / x.length);
    }
}
