package org.jclef.clef.risk;

import java.util.Locale;

public enum Sex {
    MALE, FEMALE;

    /** {@code male/m/man} or {@code female/f/woman}, any case. */
    public static Sex parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "male", "m", "man" -> MALE;
            case "female", "f", "woman" -> FEMALE;
            default -> throw new IllegalArgumentException("sex '" + text + "': expected male or female");
        };
    }
}
