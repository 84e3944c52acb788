package org.jclef.clef.signal;

/**
 * A complex number for filter design (poles and zeros). The operations follow NumPy's complex
 * arithmetic (plain products, Smith's division) so that designed coefficients agree with SciPy's to
 * within a few ulps.
 */
record Complex(double re, double im) {
    static final Complex ONE = new Complex(1, 0);

    static Complex real(double re) {
        return new Complex(re, 0);
    }

    Complex plus(Complex o) {
        return new Complex(re + o.re, im + o.im);
    }

    Complex minus(Complex o) {
        return new Complex(re - o.re, im - o.im);
    }

    Complex times(Complex o) {
        return new Complex(re * o.re - im * o.im, re * o.im + im * o.re);
    }

    Complex times(double s) {
        return new Complex(re * s, im * s);
    }

    Complex negate() {
        return new Complex(-re, -im);
    }

    Complex conjugate() {
        return new Complex(re, -im);
    }

    /** Smith's algorithm, as NumPy divides complex numbers. */
    Complex dividedBy(Complex o) {
        if (Math.abs(o.re) >= Math.abs(o.im)) {
            double rat = o.im / o.re;
            double scl = 1.0 / (o.re + o.im * rat);
            return new Complex((re + im * rat) * scl, (im - re * rat) * scl);
        }
        double rat = o.re / o.im;
        double scl = 1.0 / (o.im + o.re * rat);
        return new Complex((re * rat + im) * scl, (im * rat - re) * scl);
    }

    /** The principal square root (non-negative real part, branch cut on the negative real axis). */
    Complex sqrt() {
        if (re == 0 && im == 0) {
            return new Complex(0, im);
        }
        double t = Math.sqrt((Math.abs(re) + Math.hypot(re, im)) / 2);
        if (re >= 0) {
            return new Complex(t, im / (2 * t));
        }
        return new Complex(Math.abs(im) / (2 * t), Math.copySign(t, im));
    }

    /** e^(iθ). */
    static Complex expImaginary(double theta) {
        return new Complex(Math.cos(theta), Math.sin(theta));
    }

    double abs() {
        return Math.hypot(re, im);
    }
}
