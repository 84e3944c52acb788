package org.jclef.clef.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.jclef.tensor.Tensor;
import org.jclef.tensor.io.Fixture;

/** Relative-error comparison with PyTorch references (as in the fixtures' README). */
final class Parity {
    private Parity() {
    }

    /**
     * {@link #assertClose}, except that a reference that is zero up to float64 rounding (largest
     * magnitude ≤ 1e−9·scale, e.g. the gradient of a convolution bias feeding a BatchNorm in training
     * mode, which the normalisation cancels) is compared as |actual| relative to {@code scale}, a
     * magnitude typical of the related tensors.
     */
    static double assertCloseOrZero(Tensor actual, Tensor expected, double scale, double tolerance, String what) {
        double maxRef = maxAbs(expected);
        if (maxRef > 1e-9 * scale) {
            return assertClose(actual, expected, tolerance, what);
        }
        double err = maxAbs(actual) / scale;
        assertTrue(err <= tolerance, String.format(Locale.ROOT, "%s: reference is zero, |actual| / scale %.3g > %.1g",
                what, err, tolerance));
        return err;
    }

    static double maxAbs(Tensor t) {
        double m = 0;
        for (int i = 0; i < t.size(); i++) {
            m = Math.max(m, Math.abs(t.getFlat(i)));
        }
        return m;
    }

    /** Asserts the relative error is within {@code tolerance} and returns it. */
    static double assertClose(Tensor actual, Tensor expected, double tolerance, String what) {
        double err = Fixture.relativeError(actual, expected);
        assertTrue(err <= tolerance, String.format(Locale.ROOT, "%s: relative error %.3g > %.1g", what, err, tolerance));
        return err;
    }
}
