package org.jclef.clef.loss;

import java.util.Arrays;

/**
 * The metadata a loss reads for one batch of B patients, in batch order: the SCORE2 risk of each
 * patient and, for the {@link MetadataMode#MISSING_MASK} path only, its rate_meta. Missing values
 * are NaN (spec §3.6). The arrays are copied in and out.
 *
 * @param risk SCORE2 risk per patient (any unit: the loss is scale-invariant), NaN where missing
 * @param rateMeta rate_meta per patient, or null when the mask path is not used
 */
public record BatchMetadata(double[] risk, double[] rateMeta) {

    public BatchMetadata {
        if (risk == null) {
            throw new IllegalArgumentException("BatchMetadata: risk array is null");
        }
        if (rateMeta != null && rateMeta.length != risk.length) {
            throw new IllegalArgumentException("BatchMetadata: " + rateMeta.length + " rate_meta values for "
                    + risk.length + " risks; expected one per patient");
        }
        risk = risk.clone();
        rateMeta = rateMeta == null ? null : rateMeta.clone();
    }

    /** Risks only (the reference's metadata). */
    public static BatchMetadata ofRisks(double... risk) {
        return new BatchMetadata(risk, null);
    }

    /** Number of patients B. */
    public int patients() {
        return risk.length;
    }

    public boolean hasRateMeta() {
        return rateMeta != null;
    }

    @Override
    public double[] risk() {
        return risk.clone();
    }

    @Override
    public double[] rateMeta() {
        return rateMeta == null ? null : rateMeta.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BatchMetadata m && Arrays.equals(risk, m.risk) && Arrays.equals(rateMeta, m.rateMeta);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(risk) + Arrays.hashCode(rateMeta);
    }

    @Override
    public String toString() {
        return "BatchMetadata[risk=" + Arrays.toString(risk) + ", rateMeta=" + Arrays.toString(rateMeta) + "]";
    }
}
