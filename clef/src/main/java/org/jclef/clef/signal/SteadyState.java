package org.jclef.clef.signal;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Initial filter states for a constant input, the role of SciPy's {@code lfilter_zi} and
 * {@code sosfilt_zi}.
 *
 * <p>{@code lfilter_zi} solves {@code (I − Aᵀ)·zi = b₁..ₙ − a₁..ₙ·b₀} (A the companion matrix of a)
 * with a general LU solver. That system is the steady state of the {@link LinearFilter}
 * recursion for input 1: with DC gain {@code G = Σb/Σa} the output settles at G and
 * {@code z_i = Σ_{k>i} (b_k − a_k·G)}. This class evaluates that closed form, which is the exact
 * solution of the same system found by back-substitution, so it needs no matrix solve and stays
 * accurate where the LU solve does not: for the 10th-order CLEF band-pass the system's condition
 * number is ≈ 8e16 and SciPy's answer is off by ≈ 1.5 % (hence the parity constants in
 * {@link ClefFilterConstants}). The sums are evaluated exactly (in decimal arithmetic, G to 34
 * digits) and rounded once: for a band-pass the computed Σb is exactly 0, so G = 0 and
 * {@code z_i} is {@code Σ_{k>i} b_k} correctly rounded, e.g. exactly {@code c·[−1, −1, 4, 4, −6, …]}
 * for the CLEF filter (spec §3.4). Summing in double instead would leave a rounding residue in Σb
 * that the tiny Σa (poles near z = 1) magnifies.
 */
public final class SteadyState {

    private SteadyState() {
    }

    /** {@code zi: [n]} for a transfer function of order n. */
    public static double[] of(TransferFunction tf) {
        double[] b = tf.b();
        double[] a = tf.a();
        int n = tf.order();
        BigDecimal sumB = BigDecimal.ZERO;
        BigDecimal sumA = BigDecimal.ZERO;
        for (int k = 0; k <= n; k++) {
            sumB = sumB.add(new BigDecimal(b[k]));
            sumA = sumA.add(new BigDecimal(a[k]));
        }
        if (sumA.signum() == 0) {
            throw new IllegalArgumentException("steady state: the filter has a pole at z = 1 (Σa = 0), "
                    + "no steady state exists for a constant input");
        }
        BigDecimal gain = sumB.divide(sumA, MathContext.DECIMAL128);
        double[] zi = new double[n];
        BigDecimal acc = BigDecimal.ZERO;
        for (int i = n - 1; i >= 0; i--) {
            acc = acc.add(new BigDecimal(b[i + 1])).subtract(new BigDecimal(a[i + 1]).multiply(gain));
            zi[i] = acc.doubleValue();
        }
        return zi;
    }

    /**
     * {@code zi: [sections, 2]}: each section's steady state scaled by the DC gain of the
     * sections before it (SciPy's {@code sosfilt_zi}).
     */
    public static double[][] of(SecondOrderSections sos) {
        double[][] zi = new double[sos.count()][];
        double scale = 1.0;
        for (int s = 0; s < sos.count(); s++) {
            TransferFunction section = sos.section(s);
            double[] z = of(section);
            for (int i = 0; i < z.length; i++) {
                z[i] *= scale;
            }
            zi[s] = z;
            double[] b = section.b();
            double[] a = section.a();
            scale *= (b[0] + b[1] + b[2]) / (a[0] + a[1] + a[2]);
        }
        return zi;
    }
}
