package org.jclef.clef.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RiskSimilarityTest {
    private static final double T = 0.2;

    @Test
    void t6RisksByHand() {
        // r = (0.05, 0.10, NaN → 0): Δ01 = Δ02 = 0.0025, Δ12 = 0.01, min 0, max 0.01.
        double[] s = RiskSimilarity.similarity(BatchMetadata.ofRisks(0.05, 0.10, Double.NaN), T, MetadataMode.RISK_ONLY);
        double s01 = 1 - (0.8 * 0.0025 / 0.010001 + 0.2);
        double s12 = 1 - (0.8 * 0.01 / 0.010001 + 0.2);
        assertArrayEquals(new double[] {1, s01, s01, s01, 1, s12, s01, s12, 1}, s, 1e-15);
    }

    @Test
    void nanAndInfiniteRisksCountAsZero() {
        double[] withMissing = RiskSimilarity.similarity(
                BatchMetadata.ofRisks(0.3, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY), T,
                MetadataMode.RISK_ONLY);
        double[] withZeros = RiskSimilarity.similarity(BatchMetadata.ofRisks(0.3, 0, 0, 0), T, MetadataMode.RISK_ONLY);
        assertArrayEquals(withZeros, withMissing, 0);
        assertEquals(1 - T, withMissing[1 * 4 + 2], 1e-15, "two zero risks: Δ̂ = 0, d = t");
    }

    @Test
    void offDiagonalSimilarityLiesBetweenZeroAndOneMinusFloor() {
        double[] s = RiskSimilarity.similarity(BatchMetadata.ofRisks(0.01, 0.5, 0.2, 0.33, 0.07), T, MetadataMode.RISK_ONLY);
        double min = 1, max = 0;
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                double v = s[i * 5 + j];
                if (i == j) {
                    assertEquals(1, v, 0);
                } else {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        assertTrue(max < 1 - T && max > 0.5, "distinct risks stay below 1 − t, got " + max);
        assertTrue(min >= 0 && min < 1e-4, "the most distant pair reaches ≈ 0, got " + min);
    }

    @Test
    void equalRisksGiveTheFloorEverywhere() {
        double[] s = RiskSimilarity.similarity(BatchMetadata.ofRisks(0.2, 0.2, 0.2), T, MetadataMode.RISK_ONLY);
        assertArrayEquals(new double[] {1, 0.8, 0.8, 0.8, 1, 0.8, 0.8, 0.8, 1}, s, 1e-15);
    }

    @Test
    void maskPathAttenuatesPairsWhoseMetadataAreBothIncomplete() {
        double[] risk = {0.05, 0.10, 0.3};
        double[] plain = RiskSimilarity.similarity(BatchMetadata.ofRisks(risk), T, MetadataMode.RISK_ONLY);
        double[] masked = RiskSimilarity.similarity(new BatchMetadata(risk, new double[] {0.5, Double.NaN, 1.0}), T,
                MetadataMode.MISSING_MASK);
        for (int i = 0; i < 3; i++) {
            assertEquals(1, masked[i * 3 + i], 0, "diagonal stays S = 1");
        }
        assertEquals(1 - (1 - plain[2]) * Math.exp(-0.5), masked[2], 1e-15, "d02·exp(−0.5·1.0)");
        assertEquals(plain[1], masked[1], 0, "NaN rate_meta: factor 1");
        assertEquals(plain[5], masked[5], 0, "NaN rate_meta: factor 1");
        assertThrows(IllegalArgumentException.class,
                () -> RiskSimilarity.similarity(BatchMetadata.ofRisks(risk), T, MetadataMode.MISSING_MASK));
    }

    @Test
    void tilingRepeatsTheBlockInAllFourQuadrants() {
        double[] m = RiskSimilarity.tile(new double[] {1, 0.3, 0.3, 1}, 2);
        assertArrayEquals(new double[] {
            1, 0.3, 1, 0.3,
            0.3, 1, 0.3, 1,
            1, 0.3, 1, 0.3,
            0.3, 1, 0.3, 1}, m, 0);
    }

    @Test
    void weightsAreRowSoftmaxesOfTheDissimilarity() {
        int b = 3, n = 6;
        double[] m = RiskSimilarity.tile(
                RiskSimilarity.similarity(BatchMetadata.ofRisks(0.05, 0.10, Double.NaN), T, MetadataMode.RISK_ONLY), b);
        double[] logW = RiskSimilarity.logWeights(m, n);
        for (int a = 0; a < n; a++) {
            double sum = 0, z = 0;
            for (int c = 0; c < n; c++) {
                sum += Math.exp(logW[a * n + c]);
                z += Math.exp(1 - m[a * n + c]);
            }
            assertEquals(1, sum, 1e-15);
            assertEquals(-Math.log(z), logW[a * n + a], 1e-15, "self weight e⁰/Z_a");
            assertEquals(logW[a * n + a], logW[a * n + (a + b) % n], 0, "positive weight = self weight");
        }
    }
}
