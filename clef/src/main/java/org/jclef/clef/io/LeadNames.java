package org.jclef.clef.io;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Standard lead names and the spellings found in ECG files: case-insensitive, with or without a
 * "lead" prefix, Roman or "D" numerals for the limb leads ({@code i, II, DI, lead II}),
 * {@code avr/AVR/aVR}, {@code v1 … v6}, and the Frank leads {@code vx/vy/vz → X/Y/Z}.
 */
public final class LeadNames {
    /** The conventional 12-lead order. */
    public static final List<String> STANDARD_12 =
            List.of("I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6");

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("i", "I"), Map.entry("ii", "II"), Map.entry("iii", "III"),
            Map.entry("di", "I"), Map.entry("dii", "II"), Map.entry("diii", "III"),
            Map.entry("avr", "aVR"), Map.entry("avl", "aVL"), Map.entry("avf", "aVF"),
            Map.entry("v1", "V1"), Map.entry("v2", "V2"), Map.entry("v3", "V3"),
            Map.entry("v4", "V4"), Map.entry("v5", "V5"), Map.entry("v6", "V6"),
            Map.entry("x", "X"), Map.entry("y", "Y"), Map.entry("z", "Z"),
            Map.entry("vx", "X"), Map.entry("vy", "Y"), Map.entry("vz", "Z"));

    private LeadNames() {
    }

    /** The standard name for {@code label}, or null when it is not a lead jclef knows. */
    public static String standardName(String label) {
        if (label == null) {
            return null;
        }
        String key = label.strip().toLowerCase(Locale.ROOT);
        if (key.startsWith("lead")) {
            key = key.substring(4).strip();
            if (key.startsWith("-") || key.startsWith("_")) {
                key = key.substring(1);
            }
        }
        return ALIASES.get(key);
    }

    /** The standard name for {@code label}, or the label itself (trimmed) when it has none. */
    public static String canonical(String label) {
        String s = standardName(label);
        return s != null ? s : label.strip();
    }

    /** Whether two labels name the same lead (standard names compared, else case-insensitive labels). */
    public static boolean same(String a, String b) {
        return canonical(a).equalsIgnoreCase(canonical(b));
    }
}
