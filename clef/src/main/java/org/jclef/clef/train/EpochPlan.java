package org.jclef.clef.train;

/**
 * How an epoch's items fall into batches (spec §3.6): the items are shuffled once per epoch
 * ({@link ItemSeeds#epochOrder}) and cut into batches of B patients in that order; the last,
 * partial batch is kept, except a batch of a single patient, which has no negatives and is dropped.
 *
 * @param items      dataset size n
 * @param batchSize  B, patients per batch
 * @param seed       the run seed
 */
public record EpochPlan(int items, int batchSize, long seed) {

    public EpochPlan {
        if (items < 2) {
            throw new IllegalArgumentException("pretraining needs at least 2 patients (contrastive negatives come from "
                    + "the other patients of a batch), the data set has " + items);
        }
        if (batchSize < 2) {
            throw new IllegalArgumentException("batch size " + batchSize + ": a contrastive batch needs at least 2 patients");
        }
    }

    /** Batches per epoch. */
    public int batchesPerEpoch() {
        int full = items / batchSize;
        int rest = items % batchSize;
        return full + (rest >= 2 ? 1 : 0);
    }

    /** Items left out of every epoch (1 when the last batch would hold a single patient, else 0). */
    public int droppedPerEpoch() {
        return items % batchSize == 1 ? 1 : 0;
    }

    /** Patients in batch {@code batch} of an epoch. */
    public int batchPatients(int batch) {
        checkBatch(batch);
        return Math.min(batchSize, items - batch * batchSize);
    }

    /** The dataset indices of batch {@code batch} of epoch {@code epoch}, in batch order. */
    public int[] batchItems(int[] epochOrder, int batch) {
        checkBatch(batch);
        int from = batch * batchSize;
        int[] out = new int[batchPatients(batch)];
        System.arraycopy(epochOrder, from, out, 0, out.length);
        return out;
    }

    private void checkBatch(int batch) {
        if (batch < 0 || batch >= batchesPerEpoch()) {
            throw new IllegalArgumentException("batch " + batch + " outside [0, " + batchesPerEpoch() + ")");
        }
    }
}
