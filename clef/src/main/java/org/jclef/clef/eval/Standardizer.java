package org.jclef.clef.eval;

/**
 * Per-feature standardisation z = (x − mean) / std, fitted on the training set only and applied
 * unchanged to validation and test sets, as scikit-learn's {@code StandardScaler}: population std
 * (divides by n), and a feature that is constant on the training set (to rounding, by
 * scikit-learn's test var ≤ n·ε·var + (n·mean·ε)²) keeps scale 1, so it becomes 0 there.
 *
 * <pre>{@code
 * Standardizer s = Standardizer.fit(trainEmbeddings);   // float[N][D]
 * float[][] train = s.transform(trainEmbeddings);
 * float[][] test = s.transform(testEmbeddings);
 * }</pre>
 */
public final class Standardizer {
    private final double[] mean;
    private final double[] scale;

    private Standardizer(double[] mean, double[] scale) {
        this.mean = mean;
        this.scale = scale;
    }

    /**
     * Fits on rows x[N][D] (N ≥ 1, all rows of length D, finite values); sums in double.
     */
    public static Standardizer fit(float[][] x) {
        int d = checkMatrix(x, -1, "Standardizer.fit");
        int n = x.length;
        double[] mean = new double[d];
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[] var = new double[d];
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                double c = row[j] - mean[j];
                var[j] += c * c;
            }
        }
        double eps = Math.ulp(1.0);
        double[] scale = new double[d];
        for (int j = 0; j < d; j++) {
            var[j] /= n;
            double bound = n * eps * var[j] + (n * mean[j] * eps) * (n * mean[j] * eps);
            scale[j] = var[j] <= bound ? 1 : Math.sqrt(var[j]);
        }
        return new Standardizer(mean, scale);
    }

    /** A standardizer with given per-feature means and scales (scales > 0). */
    public static Standardizer of(double[] mean, double[] scale) {
        if (mean.length != scale.length) {
            throw new IllegalArgumentException("Standardizer.of: " + mean.length + " means but " + scale.length
                    + " scales");
        }
        for (int j = 0; j < scale.length; j++) {
            if (!Double.isFinite(mean[j]) || !(scale[j] > 0) || !Double.isFinite(scale[j])) {
                throw new IllegalArgumentException("Standardizer.of: feature " + j + " has mean " + mean[j]
                        + " and scale " + scale[j] + ", expected a finite mean and a finite scale > 0");
            }
        }
        return new Standardizer(mean.clone(), scale.clone());
    }

    /** Returns new rows (x − mean) / scale, computed in double and rounded to float. */
    public float[][] transform(float[][] x) {
        checkMatrix(x, mean.length, "Standardizer.transform");
        float[][] out = new float[x.length][mean.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < mean.length; j++) {
                out[i][j] = (float) ((x[i][j] - mean[j]) / scale[j]);
            }
        }
        return out;
    }

    /** Number of features D. */
    public int features() {
        return mean.length;
    }

    /** Per-feature training means (a copy). */
    public double[] mean() {
        return mean.clone();
    }

    /** Per-feature scales: training std, or 1 for a constant feature (a copy). */
    public double[] scale() {
        return scale.clone();
    }

    @Override
    public String toString() {
        return "Standardizer[" + mean.length + " features]";
    }

    /**
     * Checks x[N][D]: N ≥ 1, every row of length D (of the first row when expected is −1),
     * finite values. Returns D.
     */
    static int checkMatrix(float[][] x, int expected, String owner) {
        if (x.length == 0) {
            throw new IllegalArgumentException(owner + ": no rows");
        }
        int d = expected < 0 ? x[0].length : expected;
        if (d == 0) {
            throw new IllegalArgumentException(owner + ": rows have no features");
        }
        for (int i = 0; i < x.length; i++) {
            if (x[i] == null || x[i].length != d) {
                throw new IllegalArgumentException(owner + ": row " + i + " has "
                        + (x[i] == null ? "no array" : x[i].length + " features") + ", expected " + d);
            }
            for (int j = 0; j < d; j++) {
                if (!Float.isFinite(x[i][j])) {
                    throw new IllegalArgumentException(owner + ": value [" + i + "][" + j + "] is " + x[i][j]
                            + ", expected a finite number");
                }
            }
        }
        return d;
    }
}
