package org.jclef.clef.risk;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The SCORE2 / SCORE2-OP 10-year cardiovascular risk calculator (spec §5). The model follows the
 * age (40–69 → SCORE2, ≥ 70 → SCORE2-OP); ages below 40 use SCORE2 and are flagged as outside
 * the validated range. The region is a required parameter: the authors' choice is unpublished.
 *
 * <p>Inputs are validated: age in (0, 120] years; SBP in [60, 300] mmHg; total cholesterol in
 * [1, 20] mmol/L and HDL in [0.1, 5] mmol/L (values that look like mg/dL are rejected with a
 * hint to convert), HDL below total cholesterol. Missing inputs do not throw: the profile has no
 * risk and lists what is missing.
 *
 * <p>Example: a 50-year-old male smoker, SBP 140, TC 6.3, HDL 1.4, moderate region →
 * x = 0.3221, p₀ = 0.0541, risk 0.0811.
 */
public final class Score2 {

    private Score2() {
    }

    /** The risk for complete inputs; throws if any is missing or out of range. */
    public static double risk(Score2Inputs inputs, Region region) {
        RiskProfile p = evaluate(inputs, region);
        if (!p.hasRisk()) {
            throw new IllegalArgumentException("SCORE2: missing inputs " + p.missingInputs());
        }
        return p.risk().getAsDouble();
    }

    /** Evaluates {@code inputs}; invalid values throw {@link IllegalArgumentException}. */
    public static RiskProfile evaluate(Score2Inputs inputs, Region region) {
        if (region == null) {
            throw new IllegalArgumentException("SCORE2: the risk region is required (low, moderate, high, very-high)");
        }
        validate(inputs);
        List<String> flags = new ArrayList<>();
        Score2Model model = inputs.age() == null ? null : Score2Model.forAge(inputs.age());
        if (inputs.age() != null && inputs.age() < 40) {
            flags.add("age " + format(inputs.age()) + " is below 40, outside SCORE2's validated range (40-69); "
                    + "SCORE2 was applied anyway");
        }
        List<String> missing = inputs.missing();
        if (!missing.isEmpty()) {
            return new RiskProfile(OptionalDouble.empty(), model, region, Double.NaN, Double.NaN, missing,
                    inputs.missingFraction(), flags);
        }
        double x = model.linearPredictor(inputs.sex(), inputs.age(), inputs.sbp(), inputs.totalCholesterol(),
                inputs.hdl(), inputs.smoker(), inputs.diabetes());
        double p0 = model.uncalibratedRisk(inputs.sex(), x);
        double p = model.calibratedRisk(inputs.sex(), region, p0);
        return new RiskProfile(OptionalDouble.of(p), model, region, x, p0, missing, 0.0, flags);
    }

    private static void validate(Score2Inputs in) {
        if (in.age() != null) {
            check("age", in.age(), 0, 120, "years", false);
            if (in.age() <= 0) {
                throw new IllegalArgumentException("SCORE2: age " + format(in.age()) + " must be positive");
            }
        }
        if (in.sbp() != null) {
            check("systolic blood pressure", in.sbp(), 60, 300, "mmHg", false);
        }
        if (in.totalCholesterol() != null) {
            check("total cholesterol", in.totalCholesterol(), 1, 20, "mmol/L", true);
        }
        if (in.hdl() != null) {
            check("HDL cholesterol", in.hdl(), 0.1, 5, "mmol/L", true);
        }
        if (in.hdl() != null && in.totalCholesterol() != null && in.hdl() >= in.totalCholesterol()) {
            throw new IllegalArgumentException("SCORE2: HDL cholesterol " + format(in.hdl())
                    + " mmol/L must be below total cholesterol " + format(in.totalCholesterol()) + " mmol/L");
        }
    }

    private static void check(String what, double value, double low, double high, String unit, boolean cholesterol) {
        if (!Double.isFinite(value) || value < low || value > high) {
            String hint = cholesterol && value > high && Cholesterol.mgPerDlToMmolPerL(value) <= high
                    ? " (this looks like mg/dL: divide by " + Cholesterol.MG_DL_PER_MMOL_L + " for mmol/L)" : "";
            throw new IllegalArgumentException("SCORE2: " + what + " " + format(value) + " " + unit
                    + " is outside the accepted range [" + format(low) + ", " + format(high) + "] " + unit + hint);
        }
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Double.toString(v);
    }
}
