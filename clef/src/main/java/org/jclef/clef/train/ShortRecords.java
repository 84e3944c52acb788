package org.jclef.clef.train;

import java.util.Locale;

/** What to do with a record shorter than the training window. */
public enum ShortRecords {
    /** Leave it out of the data set (logged with its id). */
    SKIP,
    /**
     * Keep it: each lead is extended to the window by repeating its last sample (the NaN-repair rule
     * for trailing gaps, spec §3.3 step 1) before the views are processed.
     */
    PAD;

    public static ShortRecords parse(String text, String source) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "skip" -> SKIP;
            case "pad" -> PAD;
            default -> throw new IllegalArgumentException(source + ": '" + text + "', expected skip or pad");
        };
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
