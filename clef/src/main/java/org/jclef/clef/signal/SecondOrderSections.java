package org.jclef.clef.signal;

import java.util.Arrays;

/**
 * A cascade of biquads, SciPy's {@code sos} layout: {@code sections: [n_sections, 6]}, each row
 * {@code [b0, b1, b2, 1, a1, a2]}. The same filter as a high-order {@link TransferFunction}, but
 * numerically stable because each section only carries one pole pair.
 */
public record SecondOrderSections(double[][] sections) {

    public SecondOrderSections {
        if (sections.length == 0) {
            throw new IllegalArgumentException("second-order sections: need at least one section");
        }
        double[][] copy = new double[sections.length][];
        for (int s = 0; s < sections.length; s++) {
            if (sections[s].length != 6 || sections[s][3] != 1.0) {
                throw new IllegalArgumentException("second-order sections: section " + s
                        + " must be [b0, b1, b2, 1, a1, a2], got " + Arrays.toString(sections[s]));
            }
            copy[s] = sections[s].clone();
        }
        sections = copy;
    }

    public int count() {
        return sections.length;
    }

    /** Row {@code s} as a 2nd-order transfer function. */
    public TransferFunction section(int s) {
        double[] r = sections[s];
        return new TransferFunction(new double[] {r[0], r[1], r[2]}, new double[] {1.0, r[4], r[5]});
    }

    @Override
    public double[][] sections() {
        double[][] copy = new double[sections.length][];
        for (int s = 0; s < sections.length; s++) {
            copy[s] = sections[s].clone();
        }
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecondOrderSections s && Arrays.deepEquals(sections, s.sections);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(sections);
    }

    @Override
    public String toString() {
        return "SecondOrderSections" + Arrays.deepToString(sections);
    }
}
