package org.jclef.clef.signal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Digital Butterworth band-pass design for any order and sampling rate, following the classic
 * route (and SciPy's {@code butter(order, [low, high], btype='bandpass', fs=fs)} step by step):
 * <ol>
 *   <li>analog low-pass prototype: {@code order} poles {@code −e^{iπm/(2·order)}},
 *       m = −order+1, −order+3, …, order−1, no zeros, gain 1;</li>
 *   <li>pre-warp the band edges for the bilinear transform at an internal rate of 2:
 *       {@code w = 4·tan(π·f/fs)};</li>
 *   <li>low-pass → band-pass: every prototype root {@code r} (scaled by bw/2) becomes
 *       {@code r ± √(r² − w0²)}, plus {@code order} zeros at s = 0, gain {@code bw^order};</li>
 *   <li>bilinear transform {@code z = (4 + s)/(4 − s)}: zeros at z = +1 (from s = 0) and
 *       z = −1 (from s = ∞), gain {@code k·∏(4 − z_s)/∏(4 − p_s)};</li>
 *   <li>expand to polynomials ({@link #bandPass}) or pair poles into biquads
 *       ({@link #bandPassSections}).</li>
 * </ol>
 * The operations are ordered like SciPy's so that the coefficients agree with it to a few ulps;
 * see {@link ClefBandPass} for why the CLEF filter still uses the spec's published constants.
 */
public final class Butterworth {

    /** Poles, zeros and gain of a digital filter (z-plane). */
    record Zpk(Complex[] zeros, Complex[] poles, double gain) {
    }

    private Butterworth() {
    }

    /**
     * The band-pass transfer function, {@code b} and {@code a} of length {@code 2·order + 1}.
     *
     * @throws IllegalArgumentException unless {@code order ≥ 1} and {@code 0 < lowHz < highHz < fs/2}
     */
    public static TransferFunction bandPass(int order, double lowHz, double highHz, double fs) {
        Zpk zpk = bandPassZpk(order, lowHz, highHz, fs);
        double[] b = realPolynomial(zpk.zeros());
        for (int i = 0; i < b.length; i++) {
            b[i] = zpk.gain() * b[i];
        }
        return new TransferFunction(b, realPolynomial(zpk.poles()));
    }

    /**
     * The same band-pass as {@code order} biquads. Each section holds one conjugate pole pair (or
     * two real poles) and one zero at z = +1 and one at z = −1, so its numerator is
     * {@code [1, 0, −1]}; the overall gain sits on the first section. Sections are sorted by pole
     * radius, the poles closest to the unit circle last.
     */
    public static SecondOrderSections bandPassSections(int order, double lowHz, double highHz, double fs) {
        Zpk zpk = bandPassZpk(order, lowHz, highHz, fs);
        List<Complex[]> pairs = polePairs(zpk.poles());
        pairs.sort(Comparator.comparingDouble((Complex[] pair) -> Math.max(pair[0].abs(), pair[1].abs())));
        double[][] sections = new double[pairs.size()][];
        for (int s = 0; s < sections.length; s++) {
            Complex p = pairs.get(s)[0];
            Complex q = pairs.get(s)[1];
            double g = s == 0 ? zpk.gain() : 1.0;
            sections[s] = new double[] {g, 0.0, -g, 1.0, -(p.re() + q.re()), p.times(q).re()};
        }
        return new SecondOrderSections(sections);
    }

    static Zpk bandPassZpk(int order, double lowHz, double highHz, double fs) {
        if (order < 1) {
            throw new IllegalArgumentException("Butterworth: order must be >= 1, got " + order);
        }
        if (!(fs > 0) || !(lowHz > 0) || !(lowHz < highHz) || !(highHz < fs / 2)) {
            throw new IllegalArgumentException("Butterworth band-pass: expected 0 < low < high < fs/2, got low "
                    + lowHz + " Hz, high " + highHz + " Hz, fs " + fs + " Hz");
        }
        // Analog prototype: poles −exp(iπm/(2N)); the order of evaluation mirrors SciPy's buttap.
        Complex[] prototype = new Complex[order];
        for (int j = 0; j < order; j++) {
            int m = -order + 1 + 2 * j;
            prototype[j] = Complex.expImaginary(Math.PI * m / (2 * order)).negate();
        }
        // Normalised edges (fraction of Nyquist), then pre-warped at the internal rate 2.
        double wLow = 2 * lowHz / fs;
        double wHigh = 2 * highHz / fs;
        final double designRate = 2.0;
        double warpedLow = 2 * designRate * Math.tan(Math.PI * wLow / designRate);
        double warpedHigh = 2 * designRate * Math.tan(Math.PI * wHigh / designRate);
        double bw = warpedHigh - warpedLow;
        double wo = Math.sqrt(warpedLow * warpedHigh);

        // Low-pass to band-pass.
        double wo2 = wo * wo;
        Complex[] analogPoles = new Complex[2 * order];
        for (int j = 0; j < order; j++) {
            Complex p = prototype[j].times(Complex.real(bw)).times(0.5);
            Complex root = p.times(p).minus(Complex.real(wo2)).sqrt();
            analogPoles[j] = p.plus(root);
            analogPoles[order + j] = p.minus(root);
        }
        double analogGain = Math.pow(bw, order);

        // Bilinear transform; the order analog zeros at s = 0 map to z = +1, the order zeros at
        // infinity to z = −1.
        Complex fs2 = Complex.real(2 * designRate);
        Complex[] poles = new Complex[2 * order];
        Complex numerator = Complex.ONE;
        Complex denominator = Complex.ONE;
        for (int j = 0; j < order; j++) {
            numerator = numerator.times(fs2);
        }
        for (int j = 0; j < 2 * order; j++) {
            poles[j] = fs2.plus(analogPoles[j]).dividedBy(fs2.minus(analogPoles[j]));
            denominator = denominator.times(fs2.minus(analogPoles[j]));
        }
        Complex[] zeros = new Complex[2 * order];
        Arrays.fill(zeros, 0, order, Complex.ONE);
        Arrays.fill(zeros, order, 2 * order, Complex.real(-1));
        double gain = analogGain * numerator.dividedBy(denominator).re();
        return new Zpk(zeros, poles, gain);
    }

    /**
     * Expands ∏(1 − r·z⁻¹) into coefficients, one root at a time (like NumPy's {@code poly}); the
     * roots come in conjugate pairs, so the imaginary parts cancel and are dropped.
     */
    static double[] realPolynomial(Complex[] roots) {
        Complex[] c = {Complex.ONE};
        for (Complex r : roots) {
            Complex[] next = new Complex[c.length + 1];
            Complex minusR = r.negate();
            next[0] = c[0];
            for (int i = 1; i < c.length; i++) {
                next[i] = c[i - 1].times(minusR).plus(c[i]);
            }
            next[c.length] = c[c.length - 1].times(minusR);
            c = next;
        }
        double[] out = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            out[i] = c[i].re();
        }
        return out;
    }

    /** Groups poles into conjugate pairs; leftover real poles are paired with each other. */
    private static List<Complex[]> polePairs(Complex[] poles) {
        List<Complex[]> pairs = new ArrayList<>();
        List<Complex> reals = new ArrayList<>();
        double tol = 1e-12;
        for (Complex p : poles) {
            if (Math.abs(p.im()) <= tol * Math.max(1.0, p.abs())) {
                reals.add(Complex.real(p.re()));
            } else if (p.im() > 0) {
                pairs.add(new Complex[] {p, p.conjugate()});
            }
        }
        if (reals.size() % 2 != 0 || pairs.size() * 2 + reals.size() != poles.length) {
            throw new IllegalStateException("Butterworth: poles do not form conjugate pairs: "
                    + Arrays.toString(poles));
        }
        reals.sort(Comparator.comparingDouble(Complex::re));
        for (int i = 0; i < reals.size(); i += 2) {
            pairs.add(new Complex[] {reals.get(i), reals.get(i + 1)});
        }
        return pairs;
    }
}
