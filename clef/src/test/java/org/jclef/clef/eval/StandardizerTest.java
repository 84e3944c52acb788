package org.jclef.clef.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StandardizerTest {

    @Test
    void fitsOnTrainAndAppliesUnchangedElsewhere() {
        float[][] train = {{1, 10, 5}, {3, 10, 5}, {5, 10, 5}};
        Standardizer s = Standardizer.fit(train);
        assertArrayEquals(new double[] {3, 10, 5}, s.mean(), 1e-15);
        assertArrayEquals(new double[] {Math.sqrt(8 / 3.0), 1, 1}, s.scale(), 1e-15);
        float[][] z = s.transform(new float[][] {{3, 10, 5}, {7, 12, 4}});
        assertArrayEquals(new float[] {0, 0, 0}, z[0], 0);
        assertEquals((float) (4 / Math.sqrt(8 / 3.0)), z[1][0], 0);
        assertEquals(2, z[1][1], 0, "constant feature: scale 1, centred only");
        assertEquals(-1, z[1][2], 0);
    }

    @Test
    void nearlyConstantFeatureKeepsScaleOne() {
        float big = 1e6f;
        float[][] train = {{big}, {big}, {Math.nextUp(big)}};
        double scale = Standardizer.fit(train).scale()[0];
        assertTrue(scale > 0.01, "a real spread of one ulp at 1e6 (0.0625) is kept: " + scale);
        assertEquals(1, Standardizer.fit(new float[][] {{0.1f}, {0.1f}}).scale()[0], 0);
    }

    @Test
    void badInputNamesTheCell() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Standardizer.fit(new float[][] {{1, 2}, {3, Float.NaN}}));
        assertTrue(e.getMessage().contains("value [1][1] is NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Standardizer.fit(new float[][] {{1, 2}, {3}}));
        assertTrue(e.getMessage().contains("row 1 has 1 features, expected 2"), e.getMessage());
        Standardizer s = Standardizer.fit(new float[][] {{1, 2}});
        e = assertThrows(IllegalArgumentException.class, () -> s.transform(new float[][] {{1, 2, 3}}));
        assertTrue(e.getMessage().contains("expected 2"), e.getMessage());
    }
}
