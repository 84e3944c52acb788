package org.jclef.clef.risk;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The seven SCORE2 inputs, any of which may be missing (null).
 *
 * @param sex              sex
 * @param age              years
 * @param sbp              systolic blood pressure, mmHg
 * @param totalCholesterol total cholesterol, mmol/L ({@link Cholesterol} converts from mg/dL)
 * @param hdl              HDL cholesterol, mmol/L
 * @param smoker           current smoker
 * @param diabetes         diabetes
 */
public record Score2Inputs(Sex sex, Double age, Double sbp, Double totalCholesterol, Double hdl, Boolean smoker,
                           Boolean diabetes) {
    /** Number of inputs, the denominator of the missing fraction. */
    public static final int COUNT = 7;

    private static final Pattern FIRST_NUMBER = Pattern.compile("([-+]?\\d+(?:\\.\\d+)?)");

    /** All inputs given. */
    public static Score2Inputs of(Sex sex, double age, double sbp, double totalCholesterol, double hdl,
                                  boolean smoker, boolean diabetes) {
        return new Score2Inputs(sex, age, sbp, totalCholesterol, hdl, smoker, diabetes);
    }

    /** Names of the missing inputs, in declaration order. */
    public List<String> missing() {
        List<String> out = new ArrayList<>();
        if (sex == null) {
            out.add("sex");
        }
        if (age == null) {
            out.add("age");
        }
        if (sbp == null) {
            out.add("sbp");
        }
        if (totalCholesterol == null) {
            out.add("total_cholesterol");
        }
        if (hdl == null) {
            out.add("hdl");
        }
        if (smoker == null) {
            out.add("smoker");
        }
        if (diabetes == null) {
            out.add("diabetes");
        }
        return out;
    }

    /** The {@code m} of the spec's missing-metadata mechanism: missing inputs / 7. */
    public double missingFraction() {
        return missing().size() / (double) COUNT;
    }

    /**
     * Reads what a record's metadata offers (keys compared case-insensitively): {@code age},
     * {@code sex}; {@code sbp} or a {@code … blood pressure …} entry written {@code sys/dia}
     * (mmHg); {@code total_cholesterol}/{@code tc} and {@code hdl} in mmol/L; {@code smoker}/
     * {@code smoking} and {@code diabetes} as yes/no/true/false/1/0. A {@code …diagnoses…} entry
     * that mentions diabetes sets diabetes. Anything not found stays missing; nothing is guessed.
     */
    public static Score2Inputs fromMetadata(Map<String, String> metadata) {
        Sex sex = null;
        Double age = null;
        Double sbp = null;
        Double tc = null;
        Double hdl = null;
        Boolean smoker = null;
        Boolean diabetes = null;
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            String key = e.getKey().strip().toLowerCase(Locale.ROOT);
            String value = e.getValue().strip();
            switch (key) {
                case "age" -> age = number(value);
                case "sex" -> sex = sexOrNull(value);
                case "sbp", "systolic_bp" -> sbp = number(value);
                case "total_cholesterol", "tc" -> tc = number(value);
                case "hdl" -> hdl = number(value);
                case "smoker", "smoking", "current smoker" -> smoker = yesNo(value);
                case "diabetes" -> diabetes = yesNo(value);
                default -> {
                    if (key.contains("blood pressure") && sbp == null && value.contains("/")) {
                        sbp = number(value.substring(0, value.indexOf('/')));
                    } else if (key.contains("diagnos") && value.toLowerCase(Locale.ROOT).contains("diabetes")) {
                        diabetes = Boolean.TRUE;
                    }
                }
            }
        }
        return new Score2Inputs(sex, age, sbp, tc, hdl, smoker, diabetes);
    }

    private static Double number(String text) {
        Matcher m = FIRST_NUMBER.matcher(text);
        return m.find() && m.start() == 0 ? Double.valueOf(m.group(1)) : null;
    }

    private static Sex sexOrNull(String text) {
        try {
            return Sex.parse(text);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    private static Boolean yesNo(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "yes", "y", "true", "1", "current" -> Boolean.TRUE;
            case "no", "n", "false", "0", "never", "former" -> Boolean.FALSE;
            default -> null;
        };
    }
}
