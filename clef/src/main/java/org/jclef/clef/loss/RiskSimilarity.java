package org.jclef.clef.loss;

/**
 * The metadata side of the CLEF loss: the risk similarity of spec §4.2 and the InfoNCE negative
 * weights of §4.3. Plain double arithmetic on arrays: these matrices depend on metadata only and
 * enter the loss as constants (no gradient). Matrices are row-major {@code double[]}.
 */
public final class RiskSimilarity {
    /** The ε of the batch min–max, in the denominator (max − min + ε). */
    public static final double RANGE_EPS = 1e-6;

    private RiskSimilarity() {
    }

    /**
     * S (§4.2 steps 1–5), {@code [B, B]}: Δ_ij = (r_i − r_j)², min–max normalised over all B² entries
     * (Δ̂ = (Δ − min Δ)/(max Δ − min Δ + 1e−6)), floor-shifted d = (1 − t)·Δ̂ + t with d_ii = 0,
     * in {@link MetadataMode#MISSING_MASK} attenuated as d_ij·exp(−m_i·m_j), and S = 1 − d. NaN and
     * ±∞ (risk or rate_meta) count as 0.
     *
     * @throws IllegalArgumentException if the mask path is asked for without rate_meta
     */
    public static double[] similarity(BatchMetadata metadata, double floor, MetadataMode mode) {
        int b = metadata.patients();
        double[] r = finiteOrZero(metadata.risk());
        double[] delta = new double[b * b];
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < b; j++) {
                double diff = r[i] - r[j];
                double v = diff * diff;
                delta[i * b + j] = v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        double range = max - min + RANGE_EPS;
        double[] d = new double[b * b];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < b; j++) {
                d[i * b + j] = i == j ? 0 : (1 - floor) * ((delta[i * b + j] - min) / range) + floor;
            }
        }
        if (mode == MetadataMode.MISSING_MASK) {
            if (!metadata.hasRateMeta()) {
                throw new IllegalArgumentException("ClefLoss: metadata mode " + mode
                        + " needs rate_meta for every patient, but the batch metadata has none");
            }
            double[] m = finiteOrZero(metadata.rateMeta());
            for (int i = 0; i < b; i++) {
                for (int j = 0; j < b; j++) {
                    d[i * b + j] *= Math.exp(-m[i] * m[j]);
                }
            }
        }
        double[] s = new double[b * b];
        for (int k = 0; k < s.length; k++) {
            s[k] = 1 - d[k];
        }
        return s;
    }

    /**
     * M (§4.2 step 6), {@code [N, N]} with N = 2B: M_ab = S_{a mod B, b mod B}, the same B × B block in
     * all four quadrants.
     */
    public static double[] tile(double[] s, int b) {
        if (s.length != b * b) {
            throw new IllegalArgumentException("RiskSimilarity.tile: " + s.length + " values for a " + b + " × " + b
                    + " similarity");
        }
        int n = 2 * b;
        double[] m = new double[n * n];
        for (int a = 0; a < n; a++) {
            for (int c = 0; c < n; c++) {
                m[a * n + c] = s[(a % b) * b + c % b];
            }
        }
        return m;
    }

    /**
     * log w (§4.3), {@code [N, N]}: w_ab = exp(1 − M_ab) / Σ_c exp(1 − M_ac), the softmax over the
     * full row (self and positive entries included), computed as a stable log-softmax.
     */
    public static double[] logWeights(double[] m, int n) {
        if (m.length != n * n) {
            throw new IllegalArgumentException("RiskSimilarity.logWeights: " + m.length + " values for an " + n
                    + " × " + n + " matrix");
        }
        double[] logW = new double[n * n];
        for (int a = 0; a < n; a++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < n; c++) {
                max = Math.max(max, 1 - m[a * n + c]);
            }
            double sum = 0;
            for (int c = 0; c < n; c++) {
                sum += Math.exp(1 - m[a * n + c] - max);
            }
            double logZ = max + Math.log(sum);
            for (int c = 0; c < n; c++) {
                logW[a * n + c] = 1 - m[a * n + c] - logZ;
            }
        }
        return logW;
    }

    private static double[] finiteOrZero(double[] values) {
        double[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            if (!Double.isFinite(out[i])) {
                out[i] = 0;
            }
        }
        return out;
    }
}
