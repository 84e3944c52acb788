package org.jclef.clef.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.jclef.clef.io.MatArray;
import org.jclef.clef.io.MatV5Reader;
import org.jclef.clef.signal.ZScore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoiseSourcesTest {

    /** Element (r, c) = r·10 + sin(c·(o+1)/7) for option ordinal o. */
    private static Map<NoiseOption, NoiseMatrix> matrices(int columns) {
        Map<NoiseOption, NoiseMatrix> out = new EnumMap<>(NoiseOption.class);
        for (NoiseOption o : NoiseOption.values()) {
            if (o == NoiseOption.IDENTITY) {
                continue;
            }
            float[] data = new float[15 * columns];
            for (int r = 0; r < 15; r++) {
                for (int c = 0; c < columns; c++) {
                    data[r * columns + c] = (float) (r * 10 + Math.sin(c * (o.ordinal() + 1) / 7.0));
                }
            }
            out.put(o, new NoiseMatrix(o.matrixName(), 15, columns, data));
        }
        return out;
    }

    @Test
    void realNoiseCropsOneRowAndRescalesItToStdPoint1() {
        Map<NoiseOption, NoiseMatrix> m = matrices(6000);
        RealNoise noise = new RealNoise(m, LeadRowLookup.BY_LEAD_NAME, "test");
        SplittableRandom rng = new SplittableRandom(5);
        SplittableRandom replay = new SplittableRandom(5);
        double[] row = noise.sample(NoiseOption.BASELINE_WANDER, "aVL", 5000, rng);
        int start = replay.nextInt(6000 - 5000);
        double[] crop = new double[5000];
        for (int i = 0; i < 5000; i++) {
            crop[i] = m.get(NoiseOption.BASELINE_WANDER).get(4, start + i);
        }
        double std = ZScore.populationStd(crop);
        for (int i = 0; i < 5000; i += 97) {
            assertEquals(crop[i] * 0.1 / std, row[i], 1e-12);
        }
        assertEquals(0.1, ZScore.populationStd(row), 1e-12);
        assertTrue(noise.describe().contains("BY_LEAD_NAME"));
    }

    @Test
    void referenceLookupIsCaseSensitiveWithRowZeroFallback() {
        assertEquals(3, LeadRowLookup.REFERENCE_CASE_SENSITIVE.row("AVR"));
        assertEquals(0, LeadRowLookup.REFERENCE_CASE_SENSITIVE.row("aVR"));
        assertEquals(0, LeadRowLookup.REFERENCE_CASE_SENSITIVE.row("aVF"));
        assertEquals(11, LeadRowLookup.REFERENCE_CASE_SENSITIVE.row("V6"));
        assertEquals(3, LeadRowLookup.BY_LEAD_NAME.row("aVR"));
        assertEquals(5, LeadRowLookup.BY_LEAD_NAME.row("avf"));
        assertEquals(12, LeadRowLookup.BY_LEAD_NAME.row("vx"));
        assertThrows(IllegalArgumentException.class, () -> LeadRowLookup.BY_LEAD_NAME.row("MLII"));
    }

    @Test
    void shortNoiseTilesItsFirstHalf() {
        RealNoise noise = new RealNoise(matrices(40), LeadRowLookup.REFERENCE_CASE_SENSITIVE, "test");
        double[] row = noise.sample(NoiseOption.MIXTURE, "I", 100, new SplittableRandom(1));
        for (int i = 0; i < 100; i++) {
            assertEquals(row[i % 20], row[i], 0.0);
        }
        assertEquals(0.1, ZScore.populationStd(row), 1e-12);
    }

    @Test
    void loadsTheMatV5AndTheFlatConversion(@TempDir Path dir) throws Exception {
        Path mat = Path.of(getClass().getResource("/org/jclef/clef/io/noise_v5_compressed.mat").toURI());
        RealNoise fromMat = RealNoise.fromMat(mat, LeadRowLookup.BY_LEAD_NAME);
        Map<String, MatArray> arrays = MatV5Reader.read(mat);
        for (NoiseOption o : NoiseOption.values()) {
            if (o == NoiseOption.IDENTITY) {
                continue;
            }
            MatArray array = arrays.get(o.matrixName());
            ByteBuffer buf = ByteBuffer.allocate(15 * 40 * 8).order(ByteOrder.LITTLE_ENDIAN);
            for (int r = 0; r < 15; r++) {
                for (int c = 0; c < 40; c++) {
                    buf.putDouble(array.get(r, c));
                }
            }
            Files.write(dir.resolve(o.matrixName() + ".f64"), buf.array());
        }
        assertEquals(7 * 100 + 3 + 0.25, arrays.get("motion_artefacts").get(7, 3), 0.0);
        RealNoise fromFlat = RealNoise.fromFlat(dir, RealNoise.FlatType.FLOAT64, 40, LeadRowLookup.BY_LEAD_NAME);
        for (NoiseOption o : new NoiseOption[] {NoiseOption.MOTION_ARTEFACT, NoiseOption.ELECTRODE_MOVEMENT,
            NoiseOption.BASELINE_WANDER, NoiseOption.MIXTURE}) {
            double[] a = fromMat.sample(o, "V2", 30, new SplittableRandom(9));
            double[] b = fromFlat.sample(o, "V2", 30, new SplittableRandom(9));
            assertArrayEquals(a, b, 0.0, o.toString());
            assertEquals(0.1, ZScore.populationStd(a), 1e-12);
        }
        assertThrows(java.io.IOException.class,
                () -> RealNoise.fromFlat(dir, RealNoise.FlatType.FLOAT64, 41, LeadRowLookup.BY_LEAD_NAME));
    }

    @Test
    void syntheticNoiseIsAReproducibleLabelledDeviation() {
        SyntheticNoise noise = new SyntheticNoise();
        assertFalse(noise.isReference());
        assertTrue(noise.describe().contains("DEVIATION"));
        for (NoiseOption o : new NoiseOption[] {NoiseOption.BASELINE_WANDER, NoiseOption.ELECTRODE_MOVEMENT,
            NoiseOption.MOTION_ARTEFACT, NoiseOption.MIXTURE}) {
            double[] a = noise.sample(o, "II", 5000, new SplittableRandom(11));
            double[] b = noise.sample(o, "aVR", 5000, new SplittableRandom(11));
            assertArrayEquals(a, b, 0.0, o + ": same seed, same noise, any lead");
            assertEquals(0.1, ZScore.populationStd(a), 1e-12, o.toString());
        }
        assertThrows(IllegalArgumentException.class,
                () -> noise.sample(NoiseOption.IDENTITY, "I", 10, new SplittableRandom(1)));
    }

    @Test
    void syntheticComponentsHaveTheirFrequencyBands() {
        SyntheticNoise noise = new SyntheticNoise();
        double bw = lagOneCorrelation(noise.baselineWander(5000, new SplittableRandom(1)));
        double em = lagOneCorrelation(noise.electrodeMotion(5000, new SplittableRandom(1)));
        double ma = lagOneCorrelation(noise.muscle(5000, new SplittableRandom(1)));
        assertTrue(bw > 0.9999, "baseline wander is slow: " + bw);
        assertTrue(em > 0.99 && em < bw, "electrode motion: " + em);
        assertTrue(ma < 0.5, "EMG-like noise is fast: " + ma);
    }

    @Test
    void poissonHasTheRequestedMean() {
        SplittableRandom rng = new SplittableRandom(4);
        double sum = 0;
        for (int i = 0; i < 100_000; i++) {
            sum += SyntheticNoise.poisson(2.0, rng);
        }
        assertEquals(2.0, sum / 100_000, 0.02);
    }

    private static double lagOneCorrelation(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double num = 0;
        double den = 0;
        for (int i = 0; i < x.length; i++) {
            den += (x[i] - mean) * (x[i] - mean);
            if (i > 0) {
                num += (x[i] - mean) * (x[i - 1] - mean);
            }
        }
        return num / den;
    }
}
