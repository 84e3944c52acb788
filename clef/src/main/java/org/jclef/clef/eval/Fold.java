package org.jclef.clef.eval;

/**
 * One fold of a k-fold split: sample indices, each array in increasing order.
 *
 * @param train indices of the samples to fit on (all folds but this one)
 * @param test indices of this fold's held-out samples
 */
public record Fold(int[] train, int[] test) {
}
