package org.jclef.clef.signal;

/**
 * Spec §3.3 step 1: missing samples (NaN; infinities are treated the same way) are replaced by
 * linear interpolation over the sample index with the valid samples as knots (NumPy
 * {@code interp} semantics: {@code slope·(t − t₀) + y₀}); leading and trailing gaps take the
 * nearest valid value; a signal without any valid sample becomes all zeros.
 */
public final class NanRepair {

    private NanRepair() {
    }

    /** Returns a repaired copy of {@code x} (the same values when nothing is missing). */
    public static double[] repair(double[] x) {
        double[] y = x.clone();
        repairInPlace(y);
        return y;
    }

    /** Repairs {@code x} in place; returns the number of samples replaced. */
    public static int repairInPlace(double[] x) {
        int n = x.length;
        int first = 0;
        while (first < n && !Double.isFinite(x[first])) {
            first++;
        }
        if (first == n) {
            java.util.Arrays.fill(x, 0.0);
            return n;
        }
        int replaced = first;
        for (int i = 0; i < first; i++) {
            x[i] = x[first];
        }
        int prev = first;
        for (int i = first + 1; i < n; i++) {
            if (!Double.isFinite(x[i])) {
                continue;
            }
            if (i > prev + 1) {
                double slope = (x[i] - x[prev]) / (i - prev);
                for (int j = prev + 1; j < i; j++) {
                    x[j] = slope * (j - prev) + x[prev];
                }
                replaced += i - prev - 1;
            }
            prev = i;
        }
        for (int i = prev + 1; i < n; i++) {
            x[i] = x[prev];
        }
        return replaced + (n - 1 - prev);
    }
}
