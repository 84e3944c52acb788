package org.jclef.clef.eval;

/**
 * The targets of one data split, by task type (spec §7.1): what a linear probe predicts.
 */
public sealed interface Targets {

    /** Number of samples. */
    int size();

    /** "binary", "multiclass", "multilabel" or "regression". */
    String task();

    /** Binary labels, each 0 or 1. */
    record Binary(int[] labels) implements Targets {
        public Binary {
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] != 0 && labels[i] != 1) {
                    throw new IllegalArgumentException("Targets.Binary: label " + i + " is " + labels[i]
                            + ", expected 0 or 1");
                }
            }
        }

        @Override
        public int size() {
            return labels.length;
        }

        @Override
        public String task() {
            return "binary";
        }
    }

    /** Class labels in [0, numClasses). */
    record Multiclass(int[] labels, int numClasses) implements Targets {
        public Multiclass {
            if (numClasses < 2) {
                throw new IllegalArgumentException("Targets.Multiclass: need at least 2 classes, got " + numClasses);
            }
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] < 0 || labels[i] >= numClasses) {
                    throw new IllegalArgumentException("Targets.Multiclass: label " + i + " is " + labels[i]
                            + ", expected 0 … " + (numClasses - 1));
                }
            }
        }

        @Override
        public int size() {
            return labels.length;
        }

        @Override
        public String task() {
            return "multiclass";
        }
    }

    /** Multilabel indicator rows [N][L], each entry 0 or 1. */
    record Multilabel(int[][] labels) implements Targets {
        public Multilabel {
            if (labels.length == 0 || labels[0].length == 0) {
                throw new IllegalArgumentException("Targets.Multilabel: need at least one sample and one label");
            }
            int width = labels[0].length;
            for (int i = 0; i < labels.length; i++) {
                if (labels[i].length != width) {
                    throw new IllegalArgumentException("Targets.Multilabel: row " + i + " has " + labels[i].length
                            + " labels, expected " + width);
                }
                for (int l = 0; l < width; l++) {
                    if (labels[i][l] != 0 && labels[i][l] != 1) {
                        throw new IllegalArgumentException("Targets.Multilabel: label [" + i + "][" + l + "] is "
                                + labels[i][l] + ", expected 0 or 1");
                    }
                }
            }
        }

        /** Number of label columns L. */
        public int width() {
            return labels[0].length;
        }

        @Override
        public int size() {
            return labels.length;
        }

        @Override
        public String task() {
            return "multilabel";
        }
    }

    /** A finite continuous target per sample. */
    record Continuous(double[] values) implements Targets {
        public Continuous {
            for (int i = 0; i < values.length; i++) {
                if (!Double.isFinite(values[i])) {
                    throw new IllegalArgumentException("Targets.Continuous: value " + i + " is " + values[i]
                            + ", expected a finite number");
                }
            }
        }

        @Override
        public int size() {
            return values.length;
        }

        @Override
        public String task() {
            return "regression";
        }
    }
}
