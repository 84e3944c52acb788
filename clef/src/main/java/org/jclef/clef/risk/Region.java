package org.jclef.clef.risk;

import java.util.Locale;

/** The four SCORE2 risk regions, each with its own recalibration (spec §5.2). */
public enum Region {
    LOW, MODERATE, HIGH, VERY_HIGH;

    /** {@code low, moderate, high, very-high} (also {@code very_high}, {@code veryhigh}), any case. */
    public static Region parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "low" -> LOW;
            case "moderate" -> MODERATE;
            case "high" -> HIGH;
            case "very-high", "veryhigh" -> VERY_HIGH;
            default -> throw new IllegalArgumentException("region '" + text
                    + "': expected low, moderate, high or very-high");
        };
    }

    /** The spelling {@link #parse} accepts. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
