package org.jclef.clef.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClefRecipeTest {

    private static double[] signal(int n, long seed) {
        Random rnd = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.sin(2 * Math.PI * 1.2 * i / 500.0) + 0.05 * rnd.nextGaussian() + 0.3;
        }
        return x;
    }

    private static float[] manual(double[] x500) {
        double[] y = BandPassFilter.clef(500).apply(NanRepair.repair(x500));
        ZScore.normalizeInPlace(y);
        float[] out = new float[5000];
        for (int i = 0; i < Math.min(5000, y.length); i++) {
            out[i] = (float) y[i];
        }
        return out;
    }

    @Test
    void versionIsStamped() {
        assertEquals("clef-v1", ClefRecipe.VERSION);
    }

    @Test
    void tenSecondsAt500HzIsRepairFilterZscore() {
        double[] x = signal(5000, 1);
        x[17] = Double.NaN;
        float[] in = ClefRecipe.modelInput(x, 500);
        assertArrayEquals(manual(x), in);
        double mean = 0;
        for (float v : in) {
            mean += v;
        }
        assertEquals(0.0, mean / 5000, 1e-6);
    }

    @Test
    void longerInputsAreCroppedToTheFirst5000Samples() {
        double[] x = signal(7000, 2);
        assertArrayEquals(manual(Arrays.copyOf(x, 5000)), ClefRecipe.modelInput(x, 500));
    }

    @Test
    void shorterInputsAreZeroPaddedAfterTheZscore() {
        double[] x = signal(3000, 3);
        float[] in = ClefRecipe.modelInput(x, 500);
        assertArrayEquals(manual(x), in);
        for (int i = 3000; i < 5000; i++) {
            assertEquals(0f, in[i]);
        }
    }

    @Test
    void otherRatesAreResampledFirst() {
        double[] x100 = new double[1000];
        for (int i = 0; i < x100.length; i++) {
            x100[i] = Math.sin(2 * Math.PI * 1.2 * i / 100.0);
        }
        float[] in = ClefRecipe.modelInput(x100, 100);
        assertArrayEquals(manual(Resampler.resample(x100, 100, 500)), in);
    }

    @Test
    void tooShortInputsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> ClefRecipe.modelInput(new double[30], 500));
    }
}
