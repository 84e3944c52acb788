package org.jclef.clef.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ZScoreTest {

    @Test
    void usesThePopulationStdPlusEpsilon() {
        double[] x = {1, 2, 3, 4};
        ZScore.normalizeInPlace(x);
        double std = Math.sqrt(1.25);
        assertEquals(-1.5 / (std + 1e-8), x[0], 1e-15);
        assertEquals(1.5 / (std + 1e-8), x[3], 1e-15);
    }

    @Test
    void constantSignalsBecomeZero() {
        double[] x = {3, 3, 3};
        ZScore.normalizeInPlace(x);
        assertEquals(0.0, x[1], 0.0);
    }
}
