package org.jclef.clef.loss;

/** Which patient metadata shapes the CLEF risk dissimilarity (spec §4.6). */
public enum MetadataMode {
    /**
     * The reference behaviour: only the SCORE2 risk is used, and a missing (NaN) or infinite risk
     * counts as 0, so a patient without SCORE2 is treated as a zero-risk patient.
     */
    RISK_ONLY,
    /**
     * The missing-metadata mask path (disabled in the reference): with m_i the rate_meta of patient
     * i, every dissimilarity is attenuated as d_ij ← d_ij·exp(−m_i·m_j), so pairs whose metadata are
     * both incomplete get smaller negative weights and alignment-target gaps. A NaN or infinite
     * rate_meta counts as 0 (no attenuation), like a missing risk.
     */
    MISSING_MASK
}
