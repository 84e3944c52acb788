package org.jclef.clef.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jclef.autograd.Variable;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Spec §11 T6: B = 3, D = 4, τ = 0.07, t = 0.2, mask path off, risks (0.05, 0.10, NaN).
 *
 * <p>The spec's values agree with a float32 evaluation to all printed digits; float64 (torch or
 * jclef) gives L_nce = 0.72434517, L = 0.39551212, NT-Xent = 1.54215820: within the spec's 1e−6.
 * The T6 gradients are checked against PyTorch in {@link LossTorchParityTest} (cases clef_t6, ntxent_t6).
 */
class LossTestVectorTest {
    static final double[] Z = {
        1.0, 0.0, 0.5, -0.2,
        0.2, 1.0, -0.3, 0.4,
        -0.5, 0.3, 1.0, 0.1,
        0.3, 0.6, 0.4, -0.1,
        0.5, 0.8, 0.2, 0.6,
        0.4, 0.2, 0.9, -0.3,
    };
    static final BatchMetadata RISKS = BatchMetadata.ofRisks(0.05, 0.10, Double.NaN);

    private static Variable z(DType dtype) {
        Tensor t = Tensor.of(Z.clone(), 6, 4);
        return Variable.parameter(dtype == DType.F64 ? t : t.to(dtype));
    }

    @Test
    void clefLossMatchesT6InFloat64() {
        LossOutput out = new ClefLoss(ClefLossConfig.defaults()).compute(z(DType.F64), RISKS);
        assertEquals(0.72434503, out.term("nce"), 1e-6);
        assertEquals(0.06667908, out.term("align"), 1e-6);
        assertEquals(0.39551204, out.loss().item(), 1e-6);
        assertEquals(0.7243451660259375, out.term("nce"), 1e-12, "torch float64 value");
        assertEquals(0.06667907953941721, out.term("align"), 1e-12, "torch float64 value");
        assertEquals(0.39551212278267733, out.loss().item(), 1e-12, "torch float64 value");
    }

    @Test
    void clefLossMatchesT6InFloat32() {
        LossOutput out = new ClefLoss(ClefLossConfig.defaults()).compute(z(DType.F32), RISKS);
        assertEquals(DType.F32, out.loss().dtype());
        assertEquals(0.72434503, out.term("nce"), 1e-6);
        assertEquals(0.06667908, out.term("align"), 1e-6);
        assertEquals(0.39551204, out.loss().item(), 1e-6);
    }

    @Test
    void ntXentMatchesT6() {
        assertEquals(1.54215813, new NtXentLoss(0.07).compute(z(DType.F64), null).loss().item(), 1e-6);
        assertEquals(1.5421581983954347, new NtXentLoss(0.07).compute(z(DType.F64), null).loss().item(), 1e-12,
                "torch float64 value");
        assertEquals(1.54215813, new NtXentLoss(0.07).compute(z(DType.F32), null).loss().item(), 1e-6);
    }
}
