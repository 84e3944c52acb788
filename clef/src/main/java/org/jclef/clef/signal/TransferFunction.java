package org.jclef.clef.signal;

import java.util.Arrays;

/**
 * A digital filter as numerator and denominator polynomials in z⁻¹: {@code b: [n + 1]},
 * {@code a: [n + 1]} with {@code a[0] = 1}.
 */
public record TransferFunction(double[] b, double[] a) {

    public TransferFunction {
        if (b.length != a.length || a.length < 2) {
            throw new IllegalArgumentException("transfer function: b and a must have the same length >= 2, got "
                    + b.length + " and " + a.length);
        }
        if (a[0] != 1.0) {
            throw new IllegalArgumentException("transfer function: expected a[0] = 1, got " + a[0]);
        }
        b = b.clone();
        a = a.clone();
    }

    /** The filter order n (number of state variables). */
    public int order() {
        return a.length - 1;
    }

    @Override
    public double[] b() {
        return b.clone();
    }

    @Override
    public double[] a() {
        return a.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransferFunction t && Arrays.equals(b, t.b) && Arrays.equals(a, t.a);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(b) + Arrays.hashCode(a);
    }

    @Override
    public String toString() {
        return "TransferFunction[b=" + Arrays.toString(b) + ", a=" + Arrays.toString(a) + "]";
    }
}
