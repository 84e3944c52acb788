package org.jclef.clef.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.jclef.clef.io.EcgRecord;
import org.jclef.clef.io.LeadNames;
import org.jclef.clef.io.SharedDataFolders;
import org.jclef.clef.io.WfdbReader;
import org.jclef.clef.signal.BandPassFilter;
import org.jclef.clef.signal.NanRepair;
import org.jclef.clef.signal.ZScore;
import org.junit.jupiter.api.Test;

class ViewSamplerTest {

    private static double[][] window(long seed) {
        Random rnd = new Random(seed);
        double[][] w = new double[12][5000];
        for (int l = 0; l < 12; l++) {
            for (int t = 0; t < 5000; t++) {
                w[l][t] = Math.sin(2 * Math.PI * (1 + l) * t / 500.0) + 0.1 * rnd.nextGaussian();
            }
        }
        w[3][100] = Double.NaN;
        return w;
    }

    /** The spec's §3.3 order written out by hand, drawing from the generator in the documented order. */
    private static float[] manualView(double[] lead, String name, NoiseSource noise, SplittableRandom rng) {
        double[] x = BandPassFilter.clef(500).apply(NanRepair.repair(lead));
        NoiseOption option = NoiseOption.values()[rng.nextInt(5)];
        if (option != NoiseOption.IDENTITY) {
            double[] n = noise.sample(option, name, x.length, rng);
            for (int i = 0; i < x.length; i++) {
                x[i] += n[i];
            }
        }
        if (rng.nextDouble() < 0.2) {
            double ratio = rng.nextDouble(0.1, 0.3);
            int len = (int) Math.floor(5000 * ratio);
            int start = rng.nextInt(5000 - len + 1);
            java.util.Arrays.fill(x, start, start + len, 0.0);
        }
        ZScore.normalizeInPlace(x);
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) x[i];
        }
        return out;
    }

    @Test
    void followsTheSpecOrderAndIsReproducible() {
        double[][] w = window(1);
        List<String> names = LeadNames.STANDARD_12;
        ViewSampler sampler = ViewSampler.clef(new SyntheticNoise());
        for (long seed = 0; seed < 12; seed++) {
            ViewSampler.Views v = sampler.sample(w, names, new SplittableRandom(seed));
            SplittableRandom replay = new SplittableRandom(seed);
            int l1 = replay.nextInt(12);
            int l2 = replay.nextDouble() < 0.8 ? l1 : replay.nextInt(12);
            assertEquals(l1, v.firstDraws().lead());
            assertEquals(l2, v.secondDraws().lead());
            assertArrayEquals(manualView(w[l1], names.get(l1), sampler.noise(), replay), v.first(), "seed " + seed);
            assertArrayEquals(manualView(w[l2], names.get(l2), sampler.noise(), replay), v.second(), "seed " + seed);
            ViewSampler.Views again = sampler.sample(w, names, new SplittableRandom(seed));
            assertArrayEquals(v.first(), again.first());
            assertArrayEquals(v.second(), again.second());
        }
    }

    @Test
    void viewsAreZscoredAndDifferBetweenSeeds() {
        ViewSampler sampler = ViewSampler.clef(new SyntheticNoise());
        ViewSampler.Views a = sampler.sample(window(2), LeadNames.STANDARD_12, new SplittableRandom(100));
        ViewSampler.Views b = sampler.sample(window(2), LeadNames.STANDARD_12, new SplittableRandom(101));
        double mean = 0;
        double ss = 0;
        for (float f : a.first()) {
            mean += f;
            ss += f * f;
        }
        assertEquals(0.0, mean / 5000, 1e-5);
        assertEquals(1.0, ss / 5000, 1e-4);
        assertNotEquals(a.first()[1234], b.first()[1234]);
    }

    @Test
    void samplesTheFirst5000SamplesOfARealRecord() throws Exception {
        EcgRecord r = WfdbReader.read(SharedDataFolders.require("ludb").resolve("data/1.hea"));
        ViewSampler.Views v = ViewSampler.clef(new SyntheticNoise()).sample(r, 5000, new SplittableRandom(3));
        assertEquals(5000, v.first().length);
        assertEquals(5000, v.second().length);
        assertThrows(IllegalArgumentException.class,
                () -> ViewSampler.clef(new SyntheticNoise()).sample(r, 6000, new SplittableRandom(3)));
    }

    @Test
    void rejectsMismatchedInputs() {
        ViewSampler sampler = ViewSampler.clef(new SyntheticNoise());
        assertThrows(IllegalArgumentException.class,
                () -> sampler.sample(window(1), List.of("I"), new SplittableRandom(1)));
    }
}
