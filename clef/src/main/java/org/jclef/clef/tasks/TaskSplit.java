package org.jclef.clef.tasks;

import java.util.Arrays;

/** How a task's records are divided for fitting, model selection and testing. */
public sealed interface TaskSplit {

    /** A partition index per record: {@link #TRAIN}, {@link #VALIDATION} or {@link #TEST}. */
    int TRAIN = 0;
    int VALIDATION = 1;
    int TEST = 2;

    /** One line for reports. */
    String describe();

    /**
     * A fixed train / validation / test split (e.g. PTB-XL's folds 1–8 / 9 / 10).
     *
     * @param partition {@link #TRAIN}, {@link #VALIDATION} or {@link #TEST} per record
     * @param rule      how the partition was made, for reports
     */
    record Fixed(int[] partition, String rule) implements TaskSplit {
        public Fixed {
            int[] counts = new int[3];
            for (int i = 0; i < partition.length; i++) {
                if (partition[i] < TRAIN || partition[i] > TEST) {
                    throw new IllegalArgumentException("TaskSplit.Fixed: record " + i + " has partition "
                            + partition[i] + ", expected 0 (train), 1 (validation) or 2 (test)");
                }
                counts[partition[i]]++;
            }
            for (int p = 0; p < 3; p++) {
                if (counts[p] == 0) {
                    throw new IllegalArgumentException("TaskSplit.Fixed (" + rule + "): the "
                            + new String[] {"training", "validation", "test"}[p] + " partition is empty");
                }
            }
        }

        /** The record indices of one partition, in order. */
        public int[] indices(int part) {
            return java.util.stream.IntStream.range(0, partition.length).filter(i -> partition[i] == part).toArray();
        }

        @Override
        public String describe() {
            return rule + ": " + indices(TRAIN).length + " train / " + indices(VALIDATION).length + " validation / "
                    + indices(TEST).length + " test";
        }
    }

    /**
     * k-fold cross-validation: each fold is the test set once; the next fold (f + 1 mod k) chooses
     * the probe's regularisation (or stops fine-tuning), the other k − 2 folds fit. Metrics are
     * averaged over the rounds ({@link CrossValidatedMetrics}).
     *
     * @param foldIds a fold 0 … k−1 per record
     * @param folds   k ≥ 3 (a fold each for testing and validation, at least one for fitting)
     * @param rule    how the folds were made, for reports
     */
    record CrossValidation(int[] foldIds, int folds, String rule) implements TaskSplit {
        public CrossValidation {
            if (folds < 3) {
                throw new IllegalArgumentException("TaskSplit.CrossValidation: need at least 3 folds (test, "
                        + "validation, training), got " + folds);
            }
            int[] counts = new int[folds];
            for (int i = 0; i < foldIds.length; i++) {
                if (foldIds[i] < 0 || foldIds[i] >= folds) {
                    throw new IllegalArgumentException("TaskSplit.CrossValidation: record " + i + " has fold "
                            + foldIds[i] + ", expected 0 … " + (folds - 1));
                }
                counts[foldIds[i]]++;
            }
            if (Arrays.stream(counts).anyMatch(c -> c == 0)) {
                throw new IllegalArgumentException("TaskSplit.CrossValidation (" + rule + "): a fold is empty "
                        + Arrays.toString(counts));
            }
        }

        /** The train / validation / test partition of round {@code f} (fold f tests, fold f + 1 validates). */
        public Fixed round(int f) {
            int validation = (f + 1) % folds;
            int[] partition = new int[foldIds.length];
            for (int i = 0; i < foldIds.length; i++) {
                partition[i] = foldIds[i] == f ? TEST : foldIds[i] == validation ? VALIDATION : TRAIN;
            }
            return new Fixed(partition, rule + ", round " + (f + 1) + " of " + folds);
        }

        @Override
        public String describe() {
            return folds + "-fold cross-validation (" + rule + "), metrics averaged over the rounds";
        }
    }
}
