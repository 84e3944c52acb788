package org.jclef.clef.eval;

/** What a linear probe minimises or maximises on the validation split to choose C or α. */
public enum SelectionCriterion {
    /**
     * Validation loss (the default): mean log loss for classification — per label column for
     * multilabel, the multinomial cross-entropy for multiclass — and mean squared error for
     * regression. Smooth, and defined even when a class is missing from the validation split.
     */
    LOSS,
    /**
     * Validation AUROC (classification only): per label column for multilabel, macro one-vs-rest
     * over the classes present for multiclass. Where it is undefined (a column constant in the
     * validation split) the probe falls back to the loss for that column, with a warning.
     */
    AUROC,
    /** Validation mean absolute error (regression only; the metric spec §7.4 reports). */
    MAE
}
