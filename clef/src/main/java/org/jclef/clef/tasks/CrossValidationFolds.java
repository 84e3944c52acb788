package org.jclef.clef.tasks;

import org.jclef.clef.eval.Splits;
import org.jclef.clef.eval.Targets;
import org.jclef.clef.eval.WarningSink;

/** Stratified k-fold splits for any target type, from {@link Splits}. */
public final class CrossValidationFolds {
    private CrossValidationFolds() {
    }

    /**
     * Fold ids that spread the targets evenly: class-stratified (binary, multiclass), iterative
     * stratification (multilabel), target-sorted blocks (regression).
     */
    public static TaskSplit.CrossValidation stratified(Targets targets, int folds, long seed, WarningSink warnings) {
        int[] ids = switch (targets) {
            case Targets.Binary b -> Splits.stratified(b.labels(), folds, seed, warnings);
            case Targets.Multiclass m -> Splits.stratified(m.labels(), folds, seed, warnings);
            case Targets.Multilabel m -> Splits.multilabel(m.labels(), folds, seed);
            case Targets.Continuous c -> Splits.regression(c.values(), folds, seed);
        };
        String how = switch (targets) {
            case Targets.Continuous c -> "folds balanced over the target range";
            case Targets.Multilabel m -> "iterative multilabel stratification";
            default -> "stratified by class";
        };
        return new TaskSplit.CrossValidation(ids, folds, how + ", seed " + seed);
    }
}
