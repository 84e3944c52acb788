package org.jclef.clef.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The distributions of spec §3.2–§3.5, checked on many seeded draws. */
class DrawsTest {
    private static final int N = 200_000;

    @Test
    void leadPairIsTheSameLeadWithProbabilityPoint817() {
        SplittableRandom rng = new SplittableRandom(1);
        int same = 0;
        int[] first = new int[12];
        for (int i = 0; i < N; i++) {
            LeadPair p = LeadPair.draw(12, rng);
            if (p.first() == p.second()) {
                same++;
            }
            first[p.first()]++;
        }
        assertEquals(0.8 + 0.2 / 12, same / (double) N, 0.004);
        for (int c : first) {
            assertEquals(1.0 / 12, c / (double) N, 0.003);
        }
    }

    @Test
    void noiseOptionsAreUniform() {
        SplittableRandom rng = new SplittableRandom(2);
        int[] counts = new int[5];
        for (int i = 0; i < N; i++) {
            counts[NoiseOption.draw(rng).ordinal()]++;
        }
        for (int c : counts) {
            assertEquals(0.2, c / (double) N, 0.004);
        }
    }

    @Test
    void maskHasProbabilityPoint2AndRatioBetweenPoint1AndPoint3() {
        SplittableRandom rng = new SplittableRandom(3);
        int masked = 0;
        double meanLength = 0;
        for (int i = 0; i < N; i++) {
            ZeroMask m = ZeroMask.draw(5000, rng);
            if (m.length() > 0) {
                masked++;
                assertTrue(m.length() >= 500 && m.length() < 1500, "length " + m.length());
                assertTrue(m.start() >= 0 && m.start() + m.length() <= 5000, m.toString());
                meanLength += m.length();
            } else {
                assertEquals(ZeroMask.NONE, m);
            }
        }
        assertEquals(0.2, masked / (double) N, 0.004);
        assertEquals(1000, meanLength / masked, 5);
        double[] x = {1, 1, 1, 1, 1};
        new ZeroMask(1, 3).apply(x);
        assertEquals(1.0, x[0]);
        assertEquals(0.0, x[3]);
        assertEquals(1.0, x[4]);
    }
}
