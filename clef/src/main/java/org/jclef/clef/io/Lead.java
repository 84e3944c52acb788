package org.jclef.clef.io;

import java.util.Locale;

/**
 * One signal of a record, in physical units.
 *
 * @param name    the standard lead name ({@link LeadNames}), or the label when it is not a known lead
 * @param label   the name exactly as in the file
 * @param units   physical units, normalised for voltages to {@code mV}, {@code uV} or {@code V}
 * @param samples the values (NaN where the file marks a sample invalid); not copied
 */
public record Lead(String name, String label, String units, double[] samples) {

    /** Lower-case unit spellings → the normalised voltage units. */
    public static String normaliseUnits(String units) {
        String u = units.strip();
        return switch (u.toLowerCase(Locale.ROOT)) {
            case "mv" -> "mV";
            case "uv", "µv", "μv" -> "uV";
            case "v" -> "V";
            default -> u;
        };
    }

    /** Factor from this lead's units to millivolts. */
    public double millivoltsPerUnit() {
        return switch (units) {
            case "mV" -> 1.0;
            case "uV" -> 1e-3;
            case "V" -> 1e3;
            default -> throw new IllegalArgumentException("lead " + label + ": units '" + units
                    + "' are not a voltage (expected mV, uV or V)");
        };
    }

    /** The samples converted to millivolts (a new array). */
    public double[] millivolts() {
        double f = millivoltsPerUnit();
        double[] out = new double[samples.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = samples[i] * f;
        }
        return out;
    }
}
