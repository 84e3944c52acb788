package org.jclef.clef.risk;

import java.util.List;
import java.util.OptionalDouble;

/**
 * The outcome of a SCORE2 evaluation.
 *
 * @param risk             calibrated 10-year risk as a fraction; empty when an input is missing
 * @param model            the model chosen by age; null when the age is missing
 * @param region           the risk region used
 * @param linearPredictor  x (NaN when not computed)
 * @param uncalibratedRisk p₀ (NaN when not computed)
 * @param missingInputs    names of the missing inputs
 * @param missingFraction  missing inputs / 7, the {@code m} (rate_meta) of spec §4.6
 * @param flags            warnings that do not stop the computation (e.g. age below 40)
 */
public record RiskProfile(OptionalDouble risk, Score2Model model, Region region, double linearPredictor,
                          double uncalibratedRisk, List<String> missingInputs, double missingFraction,
                          List<String> flags) {

    public RiskProfile {
        missingInputs = List.copyOf(missingInputs);
        flags = List.copyOf(flags);
    }

    /** Whether a risk was computed. */
    public boolean hasRisk() {
        return risk.isPresent();
    }

    /** The risk, or NaN when missing (the reference then uses 0, spec §4.6). */
    public double riskOrNaN() {
        return risk.orElse(Double.NaN);
    }
}
