package org.jclef.clef.train;

import java.util.List;

/**
 * What the loss knows about one patient (spec §3.6, §4.6).
 *
 * @param risk          the SCORE2 10-year risk as a fraction, NaN when it is unknown (the loss then
 *                      treats it as the metadata mode says)
 * @param rateMeta      m, the fraction of the seven SCORE2 inputs that are missing (0 for a
 *                      precomputed risk unless the CSV gives rate_meta), read by the mask path only
 * @param source        where the risk came from
 * @param missingInputs the SCORE2 inputs that were missing
 */
public record PatientMetadata(double risk, double rateMeta, Source source, List<String> missingInputs) {

    /** Where a patient's risk came from. */
    public enum Source {
        /** A risk column of the metadata CSV. */
        PRECOMPUTED,
        /** The SCORE2 / SCORE2-OP calculator on complete inputs. */
        SCORE2,
        /** Nowhere: some inputs are missing. */
        NONE
    }

    public PatientMetadata {
        missingInputs = List.copyOf(missingInputs);
    }

    public boolean hasRisk() {
        return source != Source.NONE;
    }
}
