package org.jclef.clef.signal;

/**
 * The CLEF band-pass (Butterworth, order 5, 0.67–40 Hz) as published in spec §3.4 (test vector
 * T3): the coefficients SciPy's {@code butter} returns at 500 Hz and 250 Hz and the initial state
 * SciPy's {@code lfilter_zi} returns for them.
 *
 * <p>Why constants and not {@link Butterworth#bandPass}: the design agrees with these to within
 * 2 ulps, but this 10th-order realisation is so ill-conditioned that one ulp in a coefficient
 * changes filtered samples by up to ≈ 2e−3. Likewise the parity {@code zi} is what SciPy's LU
 * solver returned for a nearly singular system (condition ≈ 8e16), not the exact steady state
 * ({@link SteadyState}); it cannot be recomputed, only copied.
 */
public final class ClefFilterConstants {
    public static final int ORDER = 5;
    public static final double LOW_HZ = 0.67;
    public static final double HIGH_HZ = 40.0;

    /** b = c·[1, 0, −5, 0, 10, 0, −10, 0, 5, 0, −1]; the products are exact in float64. */
    private static final double[] B_PATTERN = {1, 0, -5, 0, 10, 0, -10, 0, 5, 0, -1};

    private static final double C_500 = 4.545724347439926e-4;
    private static final double[] A_500 = {1, -8.38688870522689, 31.722568203952918, -71.29547771095125,
        105.4807160595613, -107.37655779225987, 76.18242766833731, -37.20189622997555, 11.96707536623297,
        -2.28988341962341, 0.19791655995316332};
    private static final double[] ZI_500 = {-4.5725353319083753e-4, -4.347674589093907e-4,
        1.7530433864690169e-3, 1.9441935810269268e-3, -2.8843349504123865e-3, -2.5964478280879953e-3,
        1.7450239308534653e-3, 1.8447658770553428e-3, -4.6018120384230576e-4, -4.540418009624973e-4};

    private static final double C_250 = 8.40993352086212e-3;
    private static final double[] A_250 = {1, -6.767442530310405, 20.61672327506934, -37.49500424867145,
        45.37805214822751, -38.34659295520184, 22.932056937636933, -9.569065833630962, 2.664779308356121,
        -0.44771059033033644, 0.03420448924871941};
    private static final double[] ZI_250 = {-8.409905604894134e-3, -8.41009452460316e-3,
        3.364014861549441e-2, 3.3639101906156085e-2, -5.0458966530214006e-2, -5.04600370124754e-2,
        3.3639938366713175e-2, 3.36396712369777e-2, -8.409921977439038e-3, -8.409934475713546e-3};

    private ClefFilterConstants() {
    }

    /** Whether the spec publishes constants for this sampling rate (500 or 250 Hz). */
    public static boolean hasConstants(double fs) {
        return fs == 500 || fs == 250;
    }

    /** The published (b, a) at 500 or 250 Hz. */
    public static TransferFunction transferFunction(double fs) {
        double c = gain(fs);
        double[] b = new double[B_PATTERN.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = c * B_PATTERN[i];
        }
        return new TransferFunction(b, fs == 500 ? A_500 : A_250);
    }

    /** SciPy's {@code lfilter_zi} for the published filter at 500 or 250 Hz (the parity state). */
    public static double[] referenceInitialState(double fs) {
        gain(fs);
        return (fs == 500 ? ZI_500 : ZI_250).clone();
    }

    private static double gain(double fs) {
        if (fs == 500) {
            return C_500;
        }
        if (fs == 250) {
            return C_250;
        }
        throw new IllegalArgumentException("CLEF band-pass: published constants exist for fs 500 and 250 Hz only, got "
                + fs + " Hz (use Butterworth.bandPass for other rates)");
    }
}
