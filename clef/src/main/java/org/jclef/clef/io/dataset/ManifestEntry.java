package org.jclef.clef.io.dataset;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * One record of a data set's manifest, before its signals are read.
 *
 * @param id       the data set's record id
 * @param header   the WFDB header to read
 * @param metadata demographics and other columns (standard keys {@code age}, {@code sex} as
 *                 {@code M}/{@code F}, plus data-set specific ones)
 * @param labels   the record's class labels in the data set's vocabulary, sorted
 */
public record ManifestEntry(String id, Path header, Map<String, String> metadata, Set<String> labels) {

    public ManifestEntry {
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        labels = Collections.unmodifiableSet(new TreeSet<>(labels));
    }

    /** A numeric metadata value; empty when absent or not a number. */
    public OptionalDouble number(String key) {
        String v = metadata.get(key);
        if (v == null || v.isBlank()) {
            return OptionalDouble.empty();
        }
        try {
            return OptionalDouble.of(Double.parseDouble(v.strip()));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /** An integer metadata value; empty when absent or not an integer. */
    public OptionalInt integer(String key) {
        OptionalDouble d = number(key);
        return d.isPresent() && d.getAsDouble() == Math.rint(d.getAsDouble())
                ? OptionalInt.of((int) d.getAsDouble()) : OptionalInt.empty();
    }

    /** Labels as a list (sorted). */
    public List<String> labelList() {
        return List.copyOf(labels);
    }
}
