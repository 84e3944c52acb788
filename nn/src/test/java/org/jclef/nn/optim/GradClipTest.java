package org.jclef.nn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.jclef.nn.Parameter;
import org.jclef.tensor.DType;
import org.jclef.tensor.Tensor;
import org.junit.jupiter.api.Test;

class GradClipTest {

    private static Parameter withGradient(double... g) {
        Parameter p = Parameter.of(Tensor.zeros(DType.F64, g.length));
        OptimizerParityTest.setGradient(p, Tensor.of(g, g.length));
        return p;
    }

    @Test
    void scalesAllGradientsByTheGlobalNorm() {
        Parameter a = withGradient(3, 0);
        Parameter b = withGradient(0, 4, 0);
        Parameter none = Parameter.of(Tensor.zeros(DType.F64, 2));
        double norm = GradClip.clipGradNorm(List.of(a, b, none), 1.0);
        assertEquals(5, norm, 1e-15);
        double coefficient = 1.0 / (5 + 1e-6);
        assertEquals(3 * coefficient, a.grad().getFlat(0), 1e-15);
        assertEquals(4 * coefficient, b.grad().getFlat(1), 1e-15);
        assertNull(none.grad());
    }

    @Test
    void leavesSmallGradientsAlone() {
        Parameter a = withGradient(0.3, -0.4);
        assertEquals(0.5, GradClip.clipGradNorm(List.of(a), 1.0), 1e-15);
        assertEquals(0.3, a.grad().getFlat(0));
        assertEquals(-0.4, a.grad().getFlat(1));
    }
}
