package org.jclef.clef.loss;

/**
 * Settings of the CLEF loss; {@link #defaults()} is the specification's (§4, §6).
 *
 * @param temperature τ of the InfoNCE logits s/τ (spec 0.07)
 * @param floor t, the risk-weight floor: off-diagonal dissimilarities lie in [t, 1] (spec 0.2)
 * @param nce whether the risk-weighted InfoNCE term is on
 * @param align whether the similarity-alignment term is on
 * @param metadata how metadata shapes the dissimilarity (spec default {@link MetadataMode#RISK_ONLY})
 */
public record ClefLossConfig(double temperature, double floor, boolean nce, boolean align, MetadataMode metadata) {
    public static final double DEFAULT_TEMPERATURE = 0.07;
    public static final double DEFAULT_FLOOR = 0.2;

    public ClefLossConfig {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("ClefLossConfig: temperature " + temperature
                    + " must be positive and finite");
        }
        if (!(floor >= 0 && floor <= 1)) {
            throw new IllegalArgumentException("ClefLossConfig: floor t = " + floor + " must lie in [0, 1]");
        }
        if (!nce && !align) {
            throw new IllegalArgumentException("ClefLossConfig: both terms are off; enable nce, align or both");
        }
        if (metadata == null) {
            throw new IllegalArgumentException("ClefLossConfig: metadata mode is null");
        }
    }

    /** τ = 0.07, t = 0.2, both terms, risk only (the reference configuration). */
    public static ClefLossConfig defaults() {
        return new ClefLossConfig(DEFAULT_TEMPERATURE, DEFAULT_FLOOR, true, true, MetadataMode.RISK_ONLY);
    }

    /**
     * One line for the training log. It names the metadata mode, which spec §4.6 asks a port to
     * log: {@code CLEF loss: τ = 0.07, t = 0.2, terms nce + align, metadata RISK_ONLY (missing risk → 0)}.
     */
    public String describe() {
        String terms = nce && align ? "nce + align" : nce ? "nce only" : "align only";
        String effect = metadata == MetadataMode.RISK_ONLY ? "missing risk → 0" : "d_ij·exp(−m_i·m_j), m = rate_meta";
        return "CLEF loss: τ = " + temperature + ", t = " + floor + ", terms " + terms + ", metadata " + metadata
                + " (" + effect + ")";
    }

    public ClefLossConfig withTemperature(double value) {
        return new ClefLossConfig(value, floor, nce, align, metadata);
    }

    public ClefLossConfig withFloor(double value) {
        return new ClefLossConfig(temperature, value, nce, align, metadata);
    }

    /** The same settings with the given terms on or off (at least one on). */
    public ClefLossConfig withTerms(boolean useNce, boolean useAlign) {
        return new ClefLossConfig(temperature, floor, useNce, useAlign, metadata);
    }

    public ClefLossConfig withMetadata(MetadataMode mode) {
        return new ClefLossConfig(temperature, floor, nce, align, mode);
    }
}
