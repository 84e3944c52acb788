package org.jclef.clef.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.SplittableRandom;
import org.jclef.tensor.io.Fixture;
import org.jclef.autograd.Variable;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Properties of the CLEF loss that follow from the spec, and its input checks. */
class ClefLossTest {
    private static final ClefLoss LOSS = new ClefLoss(ClefLossConfig.defaults());
    private static final double[] RISK = {0.12, Double.NaN, 0.31, 0.05, 0.2};

    private static Tensor embeddings(long seed, int b, int d) {
        return Tensor.normal(DType.F64, new SplittableRandom(seed), 2 * b, d);
    }

    private static double loss(ClefLoss loss, Tensor z, BatchMetadata metadata) {
        return loss.compute(Variable.constant(z), metadata).loss().item();
    }

    /** z with its rows reordered: row i of the result is row {@code order[i]} of z. */
    private static Tensor rows(Tensor z, int[] order) {
        Tensor out = Tensor.zeros(z.dtype(), z.shape());
        for (int i = 0; i < order.length; i++) {
            out.slice(i, i + 1).copyFrom(z.slice(order[i], order[i] + 1));
        }
        return out;
    }

    @Test
    void swappingTheTwoViewsLeavesTheLossUnchanged() {
        Tensor z = embeddings(1, 5, 7);
        int[] swapped = {5, 6, 7, 8, 9, 0, 1, 2, 3, 4};
        assertEquals(loss(LOSS, z, BatchMetadata.ofRisks(RISK)), loss(LOSS, rows(z, swapped), BatchMetadata.ofRisks(RISK)),
                1e-13);
    }

    @Test
    void reorderingPatientsWithTheirRisksLeavesTheLossUnchanged() {
        Tensor z = embeddings(2, 5, 7);
        int[] patients = {3, 0, 4, 1, 2};
        int[] order = new int[10];
        double[] risk = new double[5];
        for (int i = 0; i < 5; i++) {
            order[i] = patients[i];
            order[i + 5] = patients[i] + 5;
            risk[i] = RISK[patients[i]];
        }
        assertEquals(loss(LOSS, z, BatchMetadata.ofRisks(RISK)), loss(LOSS, rows(z, order), BatchMetadata.ofRisks(risk)),
                1e-13);
    }

    @Test
    void scalingEmbeddingsLeavesTheLossUnchanged() {
        Tensor z = embeddings(3, 4, 6);
        Tensor scaled = z.copy();
        for (int a = 0; a < 8; a++) {
            for (int k = 0; k < 6; k++) {
                scaled.set(z.get(a, k) * (0.01 + 3 * a), a, k);
            }
        }
        BatchMetadata m = BatchMetadata.ofRisks(0.1, 0.2, 0.3, Double.NaN);
        assertEquals(loss(LOSS, z, m), loss(LOSS, scaled, m), 1e-12);
    }

    @Test
    void totalIsTheMeanOfTheEnabledTerms() {
        Tensor z = embeddings(4, 5, 3);
        BatchMetadata m = BatchMetadata.ofRisks(RISK);
        LossOutput both = LOSS.compute(Variable.constant(z), m);
        assertEquals((both.term("nce") + both.term("align")) / 2, both.loss().item(), 1e-15);
        LossOutput nce = new ClefLoss(ClefLossConfig.defaults().withTerms(true, false)).compute(Variable.constant(z), m);
        LossOutput align = new ClefLoss(ClefLossConfig.defaults().withTerms(false, true)).compute(Variable.constant(z), m);
        assertEquals(both.term("nce"), nce.loss().item(), 0);
        assertEquals(both.term("align"), align.loss().item(), 0);
        assertEquals(Set.of("nce"), nce.terms().keySet());
        assertEquals(Set.of("align"), align.terms().keySet());
    }

    @Test
    void missingAndInfiniteRisksAreZeroRisks() {
        Tensor z = embeddings(5, 4, 5);
        assertEquals(loss(LOSS, z, BatchMetadata.ofRisks(0.1, 0, 0, 0)),
                loss(LOSS, z, BatchMetadata.ofRisks(0.1, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)),
                0);
    }

    @Test
    void maskPathIsSelectableAndNeutralWithoutMissingMetadata() {
        Tensor z = embeddings(6, 4, 5);
        double[] risk = {0.1, 0.2, 0.05, 0.3};
        ClefLoss masked = new ClefLoss(ClefLossConfig.defaults().withMetadata(MetadataMode.MISSING_MASK));
        assertEquals(loss(LOSS, z, BatchMetadata.ofRisks(risk)),
                loss(masked, z, new BatchMetadata(risk, new double[] {0, 0, 0, Double.NaN})), 0);
        assertNotEquals(loss(LOSS, z, BatchMetadata.ofRisks(risk)),
                loss(masked, z, new BatchMetadata(risk, new double[] {0.9, 0.8, 0.7, 1.0})));
    }

    @Test
    void oneFullyMatchedPatientLeavesOnlyTheEpsilon() {
        // B = 1: no negatives and m_a = ℓ_{a,p(a)}, so each anchor's term is log(1 + 1e-8).
        Tensor z = Tensor.of(new double[] {1, 2, 3, -1, 0.5, 2}, 2, 3);
        LossOutput out = LOSS.compute(Variable.constant(z), BatchMetadata.ofRisks(Double.NaN));
        assertEquals(Math.log1p(ClefLoss.NCE_EPS), out.term("nce"), 1e-16);
        assertEquals(0, new NtXentLoss(0.07).compute(Variable.constant(z), null).loss().item(), 0);
    }

    @Test
    void float32AndFloat64Agree() {
        Tensor z = embeddings(7, 16, 32);
        BatchMetadata m = BatchMetadata.ofRisks(new SplittableRandom(8).doubles(16, 0, 0.4).toArray());
        Variable z64 = Variable.parameter(z);
        Variable z32 = Variable.parameter(z.to(DType.F32));
        Variable l64 = LOSS.compute(z64, m).loss();
        Variable l32 = LOSS.compute(z32, m).loss();
        assertEquals(DType.F32, l32.dtype());
        assertEquals(l64.item(), l32.item(), 1e-6 * Math.abs(l64.item()));
        l64.backward();
        l32.backward();
        assertTrue(Fixture.relativeError(z32.grad(), z64.grad()) < 1e-5);
    }

    @Test
    void rejectsBadEmbeddingsAndMetadata() {
        Variable odd = Variable.constant(Tensor.zeros(DType.F64, 5, 4));
        Variable rank1 = Variable.constant(Tensor.zeros(DType.F64, 4));
        Variable z = Variable.constant(embeddings(9, 3, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LOSS.compute(odd, BatchMetadata.ofRisks(1, 2)));
        assertTrue(e.getMessage().contains("[5, 4]") && e.getMessage().contains("[2B, D]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LOSS.compute(rank1, BatchMetadata.ofRisks(1, 2)));
        e = assertThrows(IllegalArgumentException.class, () -> LOSS.compute(z, BatchMetadata.ofRisks(1, 2)));
        assertTrue(e.getMessage().contains("3 patients") && e.getMessage().contains("2 risks"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LOSS.compute(z, null));
        e = assertThrows(IllegalArgumentException.class,
                () -> new ClefLoss(ClefLossConfig.defaults().withMetadata(MetadataMode.MISSING_MASK))
                        .compute(z, BatchMetadata.ofRisks(1, 2, 3)));
        assertTrue(e.getMessage().contains("rate_meta"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BatchMetadata(new double[3], new double[2]));
    }

    @Test
    void configDefaultsAndValidation() {
        ClefLossConfig d = ClefLossConfig.defaults();
        assertEquals(new ClefLossConfig(0.07, 0.2, true, true, MetadataMode.RISK_ONLY), d);
        assertThrows(IllegalArgumentException.class, () -> d.withTerms(false, false));
        assertThrows(IllegalArgumentException.class, () -> d.withTemperature(0));
        assertThrows(IllegalArgumentException.class, () -> d.withTemperature(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> d.withFloor(1.5));
        assertThrows(IllegalArgumentException.class, () -> d.withMetadata(null));
        assertEquals("CLEF loss: τ = 0.07, t = 0.2, terms nce + align, metadata RISK_ONLY (missing risk → 0)",
                d.describe());
        assertTrue(d.withMetadata(MetadataMode.MISSING_MASK).withTerms(true, false).describe()
                .contains("terms nce only, metadata MISSING_MASK"));
    }
}
