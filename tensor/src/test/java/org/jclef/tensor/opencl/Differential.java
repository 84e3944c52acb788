package org.jclef.tensor.opencl;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jclef.tensor.Tensor;

/**
 * Compares OpenCL results with the scalar reference: |got − ref| ≤ tol · (1 + |ref|) element by
 * element (NaN must meet NaN, ±∞ the same infinity), and records the worst relative error per
 * operation so a test run can print how close the device came.
 */
final class Differential {
    static final double TOLERANCE = 1e-4;
    private static final Map<String, Double> WORST = new TreeMap<>();

    private Differential() {
    }

    /** Compares; {@code op} names the operation in the report, {@code detail} the case in failures. */
    static void assertClose(String op, String detail, Tensor expected, Tensor actual) {
        String what = op + " " + detail;
        double tolerance = TOLERANCE;
        if (!Arrays.equals(expected.shape(), actual.shape())) {
            fail(what + ": shape " + Arrays.toString(actual.shape()) + ", expected "
                    + Arrays.toString(expected.shape()));
        }
        double[] e = expected.toDoubleArray();
        double[] a = actual.toDoubleArray();
        double worst = 0;
        for (int i = 0; i < e.length; i++) {
            double err;
            if (Double.isNaN(e[i]) || Double.isNaN(a[i])) {
                err = Double.isNaN(e[i]) && Double.isNaN(a[i]) ? 0 : Double.POSITIVE_INFINITY;
            } else if (Double.isInfinite(e[i]) || Double.isInfinite(a[i])) {
                err = e[i] == a[i] ? 0 : Double.POSITIVE_INFINITY;
            } else {
                err = Math.abs(a[i] - e[i]) / (1 + Math.abs(e[i]));
            }
            if (err > tolerance) {
                fail(String.format(Locale.ROOT, "%s: element %d of %s is %s, expected %s (relative error %.3g > %.1g)",
                        what, i, Arrays.toString(expected.shape()), a[i], e[i], err, tolerance));
            }
            worst = Math.max(worst, err);
        }
        record(op, worst);
    }

    private static synchronized void record(String op, double err) {
        WORST.merge(op, err, Math::max);
    }

    /** The worst relative error seen per operation, one per line. */
    static synchronized String report() {
        StringBuilder sb = new StringBuilder();
        WORST.forEach((op, err) -> sb.append(String.format(Locale.ROOT, "  %-34s %.2e%n", op, err)));
        return sb.toString();
    }
}
