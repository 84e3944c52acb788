package org.jclef.clef.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NanRepairTest {
    private static final double N = Double.NaN;

    @Test
    void interpolatesInteriorGapsAndClampsTheEdges() {
        double[] x = {N, N, 1, N, N, 4, 5, N};
        assertEquals(5, NanRepair.repairInPlace(x));
        assertArrayEquals(new double[] {1, 1, 1, 2, 3, 4, 5, 5}, x, 1e-15);
    }

    @Test
    void allMissingBecomesZeros() {
        double[] x = {N, N, N};
        assertEquals(3, NanRepair.repairInPlace(x));
        assertArrayEquals(new double[3], x);
    }

    @Test
    void completeSignalsAreUntouched() {
        double[] x = {0.5, -1, 2};
        assertArrayEquals(x.clone(), NanRepair.repair(x));
        assertEquals(0, NanRepair.repairInPlace(x));
    }

    @Test
    void infinitiesCountAsMissing() {
        double[] y = NanRepair.repair(new double[] {0, Double.POSITIVE_INFINITY, 2});
        assertArrayEquals(new double[] {0, 1, 2}, y, 0.0);
    }
}
