package org.jclef.clef.eval;

/**
 * How a macro average over label columns (multilabel) or one-vs-rest classes (multiclass) treats a
 * column whose metric is undefined, e.g. AUROC of a column with no positive or no negative sample.
 */
public enum MacroRule {
    /**
     * The macro average is NaN as soon as one column is undefined. This is the reference
     * implementation's behaviour (spec §7.4: NaN if any label column is constant in the test set,
     * or a class is absent from it) and the default of {@link ProbeConfig}.
     */
    STRICT,
    /** The macro average is the mean over the defined columns; NaN only when none is defined. */
    SKIP_UNDEFINED
}
