package org.jclef.clef.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EpochPlanTest {

    @Test
    void epochOrderIsASeededPermutationThatChangesEachEpoch() {
        int[] e0 = ItemSeeds.epochOrder(42, 0, 100);
        int[] sorted = e0.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 100; i++) {
            assertEquals(i, sorted[i]);
        }
        assertArrayEquals(e0, ItemSeeds.epochOrder(42, 0, 100));
        assertFalse(Arrays.equals(e0, ItemSeeds.epochOrder(42, 1, 100)));
        assertFalse(Arrays.equals(e0, ItemSeeds.epochOrder(43, 0, 100)));
    }

    @Test
    void itemStreamsDependOnSeedEpochAndItemOnly() {
        long a = ItemSeeds.views(7, 3, 11).nextLong();
        assertEquals(a, ItemSeeds.views(7, 3, 11).nextLong());
        assertTrue(a != ItemSeeds.views(7, 3, 12).nextLong());
        assertTrue(a != ItemSeeds.views(7, 4, 11).nextLong());
        assertTrue(a != ItemSeeds.views(8, 3, 11).nextLong());
        assertTrue(ItemSeeds.init(7, 0) != ItemSeeds.init(7, 1));
    }

    @Test
    void lastPartialBatchIsKeptUnlessItHoldsOnePatient() {
        EpochPlan plan = new EpochPlan(10, 4, 1);
        assertEquals(3, plan.batchesPerEpoch());
        assertEquals(2, plan.batchPatients(2));
        assertEquals(0, plan.droppedPerEpoch());
        int[] order = ItemSeeds.epochOrder(1, 0, 10);
        assertArrayEquals(Arrays.copyOfRange(order, 8, 10), plan.batchItems(order, 2));

        EpochPlan single = new EpochPlan(9, 4, 1);
        assertEquals(2, single.batchesPerEpoch());
        assertEquals(1, single.droppedPerEpoch());
        assertThrows(IllegalArgumentException.class, () -> single.batchPatients(2));
    }

    @Test
    void tooFewPatientsOrTooSmallABatchIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new EpochPlan(1, 4, 0));
        assertTrue(e.getMessage().contains("at least 2 patients"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new EpochPlan(10, 1, 0));
    }
}
