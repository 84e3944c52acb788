package org.jclef.bench;

import java.util.Locale;

/** Durations for tables: three significant digits in s, ms or µs. */
final class Times {

    private Times() {
    }

    static String format(double seconds) {
        if (!Double.isFinite(seconds)) {
            return String.valueOf(seconds);
        }
        double abs = Math.abs(seconds);
        if (abs >= 1) {
            return String.format(Locale.ROOT, "%.3g s", seconds);
        }
        if (abs >= 1e-3) {
            return String.format(Locale.ROOT, "%.3g ms", seconds * 1e3);
        }
        return String.format(Locale.ROOT, "%.3g µs", seconds * 1e6);
    }
}
