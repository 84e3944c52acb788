package org.jclef.clef.train;

import org.jclef.clef.loss.BatchMetadata;
import org.jclef.tensor.Tensor;

/**
 * One training batch of B patients (spec §3.6): the views stacked as [all view 1; all view 2]
 * into {@code views: [2B, 1, L]}, so rows a and a + B are a positive pair, and the patients'
 * metadata in the same order. The tensor lives in a buffer the {@link BatchLoader} reuses: it is
 * valid until the next {@link BatchLoader#next()}.
 *
 * @param epoch    the epoch (0-based)
 * @param batch    the batch's index within the epoch
 * @param items    the dataset indices of its patients, in batch order
 * @param views    {@code [2B, 1, L]}
 * @param metadata the patients' risks (and rate_meta in the mask mode)
 */
public record ViewBatch(int epoch, int batch, int[] items, Tensor views, BatchMetadata metadata) {

    /** B, the number of patients. */
    public int patients() {
        return items.length;
    }
}
