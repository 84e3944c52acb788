package org.jclef.nn.checkpoint;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of {@link StateDictMatcher#match}: what a model expects against what a file holds.
 *
 * @param matched           keys present on both sides with equal shapes
 * @param missing           expected keys the file lacks, in the model's order
 * @param unexpected        file keys the model does not expect, in file order
 * @param shapeMismatches   keys on both sides whose shapes differ
 * @param skippedExpected   expected BatchNorm keys left out (when BatchNorm is skipped)
 * @param skippedLoaded     file BatchNorm keys left out (when BatchNorm is skipped)
 * @param hints             likely causes: a prefix to strip, another model size, …
 */
public record MatchReport(int matched, List<String> missing, List<String> unexpected,
                          List<ShapeMismatch> shapeMismatches, int skippedExpected,
                          int skippedLoaded, List<String> hints) {
    private static final int LISTED = 10;

    /** An expected key whose tensor in the file has another shape. */
    public record ShapeMismatch(String key, int[] expected, int[] loaded) {
        @Override
        public String toString() {
            return key + ": model " + Arrays.toString(expected) + ", file " + Arrays.toString(loaded);
        }
    }

    public MatchReport {
        missing = List.copyOf(missing);
        unexpected = List.copyOf(unexpected);
        shapeMismatches = List.copyOf(shapeMismatches);
        hints = List.copyOf(hints);
    }

    /** True when every expected key is present with its shape and nothing else is there. */
    public boolean isExact() {
        return missing.isEmpty() && unexpected.isEmpty() && shapeMismatches.isEmpty();
    }

    /** A readable account: counts, the keys of each kind (the first ten), skipped keys and hints. */
    public String describe() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "%d matched, %d missing, %d unexpected, %d with another shape", matched,
                missing.size(), unexpected.size(), shapeMismatches.size()));
        if (skippedExpected > 0 || skippedLoaded > 0) {
            sb.append(String.format(Locale.ROOT,
                    "; BatchNorm entries skipped: %d expected, %d in the file", skippedExpected,
                    skippedLoaded));
        }
        list(sb, "missing", missing);
        list(sb, "unexpected", unexpected);
        list(sb, "shape mismatches", shapeMismatches);
        for (String hint : hints) {
            sb.append("\n  hint: ").append(hint);
        }
        return sb.toString();
    }

    private static void list(StringBuilder sb, String title, List<?> items) {
        if (items.isEmpty()) {
            return;
        }
        sb.append("\n  ").append(title).append(':');
        for (Object item : items.subList(0, Math.min(LISTED, items.size()))) {
            sb.append("\n    ").append(item);
        }
        if (items.size() > LISTED) {
            sb.append("\n    … and ").append(items.size() - LISTED).append(" more");
        }
    }

    /** Throws, with {@link #describe()} as the message, unless the match {@link #isExact()}. */
    public void requireExact(String source) throws CheckpointException {
        if (!isExact()) {
            throw new CheckpointException(source, "state_dict does not match the model: " + describe());
        }
    }
}
