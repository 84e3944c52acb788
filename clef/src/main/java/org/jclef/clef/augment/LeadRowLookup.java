package org.jclef.clef.augment;

import java.util.List;
import org.jclef.clef.io.LeadNames;

/**
 * Which row of a 15-lead real-noise matrix goes with a view's lead. Rows: I → 0, II → 1,
 * III → 2, AVR → 3, AVL → 4, AVF → 5, V1 … V6 → 6 … 11, X, Y, Z → 12 … 14.
 */
public enum LeadRowLookup {
    /**
     * The reference behaviour (spec §9.2 quirk 1): an exact, case-sensitive match on those
     * upper-case names; anything else, including MIMIC's {@code aVR}, {@code aVL}, {@code aVF},
     * falls back to row 0 (lead-I noise).
     */
    REFERENCE_CASE_SENSITIVE,
    /** Alias-aware lookup ({@link LeadNames}); a lead with no row is an error. */
    BY_LEAD_NAME;

    private static final List<String> ROWS =
            List.of("I", "II", "III", "AVR", "AVL", "AVF", "V1", "V2", "V3", "V4", "V5", "V6", "X", "Y", "Z");

    public int row(String lead) {
        if (this == REFERENCE_CASE_SENSITIVE) {
            int r = ROWS.indexOf(lead);
            return Math.max(r, 0);
        }
        String standard = LeadNames.standardName(lead);
        int r = standard == null ? -1 : ROWS.indexOf(standard.toUpperCase(java.util.Locale.ROOT));
        if (r < 0) {
            throw new IllegalArgumentException("real noise: no noise row for lead '" + lead + "' (rows: " + ROWS + ")");
        }
        return r;
    }
}
