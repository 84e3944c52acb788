package org.jclef.clef.risk;

/**
 * The two published models with their coefficients (spec §5.1–§5.2), one table per sex, and the
 * regional recalibration constants.
 */
public enum Score2Model {
    /** Ages 40–69 (and, flagged, below 40). */
    SCORE2(
            new Coefficients(0.3742, 0.6012, 0.2777, 0.6457, 0.1458, -0.2698, -0.0755, -0.0255, -0.0281, 0.0426,
                    -0.0983, 0.9605, 0.0),
            new Coefficients(0.4648, 0.7744, 0.3131, 0.8096, 0.1002, -0.2606, -0.1088, -0.0277, -0.0226, 0.0613,
                    -0.1272, 0.9776, 0.0),
            new double[][] {{-0.5699, 0.7476}, {-0.1565, 0.8009}, {0.3207, 0.9360}, {0.5836, 0.8294}},
            new double[][] {{-0.7380, 0.7019}, {-0.3143, 0.7701}, {0.5710, 0.9369}, {0.9412, 0.8329}}),
    /** Ages 70 and above (older persons). */
    SCORE2_OP(
            new Coefficients(0.0634, 0.3524, 0.0094, 0.4245, 0.0850, -0.3564, -0.0247, -0.0005, 0.0073, 0.0091,
                    -0.0174, 0.7576, 0.0929),
            new Coefficients(0.0789, 0.4921, 0.0102, 0.6010, 0.0605, -0.3040, -0.0255, -0.0004, -0.0009, 0.0154,
                    -0.0107, 0.8082, 0.229),
            new double[][] {{-0.34, 1.19}, {0.01, 1.25}, {0.08, 1.15}, {0.05, 0.70}},
            new double[][] {{-0.52, 1.01}, {-0.10, 1.10}, {0.38, 1.09}, {0.38, 0.69}});

    /** Coefficients of the eleven terms, the baseline 10-year survival S₀ and the mean linear predictor x̄. */
    record Coefficients(double age, double smoking, double sbp, double diabetes, double totalCholesterol,
                        double hdl, double ageSmoking, double ageSbp, double ageTotalCholesterol, double ageHdl,
                        double ageDiabetes, double baselineSurvival, double meanLinearPredictor) {
    }

    private final Coefficients men;
    private final Coefficients women;
    private final double[][] menCalibration;
    private final double[][] womenCalibration;

    Score2Model(Coefficients men, Coefficients women, double[][] menCalibration, double[][] womenCalibration) {
        this.men = men;
        this.women = women;
        this.menCalibration = menCalibration;
        this.womenCalibration = womenCalibration;
    }

    /** SCORE2 below 70, SCORE2-OP from 70 (spec §5.3). */
    public static Score2Model forAge(double age) {
        return age >= 70 ? SCORE2_OP : SCORE2;
    }

    /** The age range the model was validated for, for messages. */
    public String ageRange() {
        return this == SCORE2 ? "40-69" : "70+";
    }

    public String displayName() {
        return this == SCORE2 ? "SCORE2" : "SCORE2-OP";
    }

    Coefficients coefficients(Sex sex) {
        return sex == Sex.MALE ? men : women;
    }

    /** (k₁, k₂) for the region. */
    double[] calibration(Sex sex, Region region) {
        return (sex == Sex.MALE ? menCalibration : womenCalibration)[region.ordinal()].clone();
    }

    /** The linear predictor x (spec §5.1/§5.2). SBP in mmHg, cholesterol in mmol/L. */
    double linearPredictor(Sex sex, double age, double sbp, double totalCholesterol, double hdl, boolean smoker,
                           boolean diabetes) {
        Coefficients c = coefficients(sex);
        double cage;
        double csbp;
        double ctc = totalCholesterol - 6;
        double chdl;
        if (this == SCORE2) {
            cage = (age - 60) / 5;
            csbp = (sbp - 120) / 20;
            chdl = (hdl - 1.3) / 0.5;
        } else {
            cage = age - 73;
            csbp = sbp - 150;
            chdl = hdl - 1.4;
        }
        double smoke = smoker ? 1 : 0;
        double diab = diabetes ? 1 : 0;
        return c.age() * cage + c.smoking() * smoke + c.sbp() * csbp + c.diabetes() * diab
                + c.totalCholesterol() * ctc + c.hdl() * chdl + c.ageSmoking() * cage * smoke
                + c.ageSbp() * cage * csbp + c.ageTotalCholesterol() * cage * ctc + c.ageHdl() * cage * chdl
                + c.ageDiabetes() * cage * diab;
    }

    /** p₀ = 1 − S₀^exp(x − x̄) (x̄ = 0 for SCORE2). */
    double uncalibratedRisk(Sex sex, double linearPredictor) {
        Coefficients c = coefficients(sex);
        return 1 - Math.pow(c.baselineSurvival(), Math.exp(linearPredictor - c.meanLinearPredictor()));
    }

    /** p = 1 − exp(−exp(k₁ + k₂·ln(−ln(1 − p₀)))). */
    double calibratedRisk(Sex sex, Region region, double uncalibrated) {
        double[] k = calibration(sex, region);
        return 1 - Math.exp(-Math.exp(k[0] + k[1] * Math.log(-Math.log(1 - uncalibrated))));
    }
}
