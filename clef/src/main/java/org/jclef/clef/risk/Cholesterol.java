package org.jclef.clef.risk;

/** Cholesterol unit conversion: 1 mmol/L = 38.67 mg/dL (spec §5.4). */
public final class Cholesterol {
    public static final double MG_DL_PER_MMOL_L = 38.67;

    private Cholesterol() {
    }

    public static double mgPerDlToMmolPerL(double mgPerDl) {
        return mgPerDl / MG_DL_PER_MMOL_L;
    }

    public static double mmolPerLToMgPerDl(double mmolPerL) {
        return mmolPerL * MG_DL_PER_MMOL_L;
    }
}
