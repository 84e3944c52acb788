package org.jclef.clef.signal;

/**
 * A zero-phase Butterworth band-pass, by default the CLEF filter of spec §3.4 (order 5,
 * 0.67–40 Hz, {@code filtfilt} on the 10th-order transfer function).
 *
 * <p>Which coefficients and initial state are used:
 * <ul>
 *   <li>{@link Form#TRANSFER_FUNCTION} with the CLEF band at 500 or 250 Hz: the published
 *       constants ({@link ClefFilterConstants}); with {@link InitialState#REFERENCE} this
 *       reproduces the reference implementation (and T5) exactly.</li>
 *   <li>Any other rate or band: the coefficients from {@link Butterworth#bandPass}. No reference
 *       {@code zi} exists there, so {@link InitialState#REFERENCE} falls back to the exact
 *       steady state of the {@code lfilter_zi} system ({@link SteadyState}), as
 *       {@link #initialStateUsed()} reports.</li>
 *   <li>{@link Form#SECOND_ORDER_SECTIONS}: a <b>deviation from the reference</b>, offered because
 *       it is numerically stable ({@code sosfiltfilt} on {@link Butterworth#bandPassSections}, its
 *       own well-conditioned steady state; it matches SciPy's {@code sosfiltfilt} to ≈ 1e−15).
 *       Measured difference from the reference realisation: at most 1.09e−2 on T5's input (a unit
 *       sine plus a unit impulse) and 5.4e−4 mV on PTB-XL 00001_hr lead II; that difference is
 *       the reference's own rounding noise (the 10th-order recursion amplifies one-ulp changes
 *       to ≈ 1e−3 of the signal's scale), not a design difference.</li>
 * </ul>
 */
public final class BandPassFilter {

    /** How the filter is realised. */
    public enum Form {
        /** 10th-order (b, a), SciPy {@code filtfilt}: the reference behaviour. */
        TRANSFER_FUNCTION,
        /** Cascade of biquads, SciPy {@code sosfiltfilt}: stable, a documented deviation. */
        SECOND_ORDER_SECTIONS
    }

    /** Which initial state scales the forward and backward passes. */
    public enum InitialState {
        /** SciPy's {@code lfilter_zi} result where published (500/250 Hz), else the exact steady state. */
        REFERENCE,
        /** The exact steady state Σ_{k>i} b_k − a_k·G (deviation; outputs change by ≈ 1e−3). */
        STEADY_STATE
    }

    /** What a filter is asked to be. */
    public record Config(double fs, int order, double lowHz, double highHz, Form form, InitialState initialState) {

        /** The CLEF band-pass at {@code fs}, reference realisation. */
        public static Config clef(double fs) {
            return new Config(fs, ClefFilterConstants.ORDER, ClefFilterConstants.LOW_HZ,
                    ClefFilterConstants.HIGH_HZ, Form.TRANSFER_FUNCTION, InitialState.REFERENCE);
        }

        public Config withForm(Form f) {
            return new Config(fs, order, lowHz, highHz, f, initialState);
        }

        public Config withInitialState(InitialState s) {
            return new Config(fs, order, lowHz, highHz, form, s);
        }

        boolean isClefBand() {
            return order == ClefFilterConstants.ORDER && lowHz == ClefFilterConstants.LOW_HZ
                    && highHz == ClefFilterConstants.HIGH_HZ;
        }
    }

    private final Config config;
    private final TransferFunction tf;
    private final double[] zi;
    private final SecondOrderSections sos;
    private final double[][] sosZi;
    private final boolean referenceState;

    private BandPassFilter(Config config) {
        this.config = config;
        if (config.form() == Form.SECOND_ORDER_SECTIONS) {
            sos = Butterworth.bandPassSections(config.order(), config.lowHz(), config.highHz(), config.fs());
            sosZi = SteadyState.of(sos);
            tf = null;
            zi = null;
            referenceState = false;
        } else {
            boolean published = config.isClefBand() && ClefFilterConstants.hasConstants(config.fs());
            tf = published ? ClefFilterConstants.transferFunction(config.fs())
                    : Butterworth.bandPass(config.order(), config.lowHz(), config.highHz(), config.fs());
            referenceState = published && config.initialState() == InitialState.REFERENCE;
            zi = referenceState ? ClefFilterConstants.referenceInitialState(config.fs()) : SteadyState.of(tf);
            sos = null;
            sosZi = null;
        }
    }

    public static BandPassFilter of(Config config) {
        return new BandPassFilter(config);
    }

    /** The reference CLEF band-pass at {@code fs}. */
    public static BandPassFilter clef(double fs) {
        return new BandPassFilter(Config.clef(fs));
    }

    public Config config() {
        return config;
    }

    /** REFERENCE only where the published parity state was used, else STEADY_STATE. */
    public InitialState initialStateUsed() {
        return referenceState ? InitialState.REFERENCE : InitialState.STEADY_STATE;
    }

    /** The transfer function applied (null for the second-order-sections form). */
    public TransferFunction transferFunction() {
        return tf;
    }

    /** The initial state applied in the transfer-function form (a copy). */
    public double[] initialState() {
        return zi == null ? null : zi.clone();
    }

    /** Filters {@code x: [L]}, L > padlen (33 for the CLEF filter); returns a new array. */
    public double[] apply(double[] x) {
        return config.form() == Form.SECOND_ORDER_SECTIONS ? ZeroPhase.sosfiltfilt(sos, sosZi, x)
                : ZeroPhase.filtfilt(tf, zi, x);
    }

    /** One line for logs. */
    public String describe() {
        String where = config.form() == Form.SECOND_ORDER_SECTIONS
                ? "second-order sections (deviation from the reference: numerically stable form)"
                : "transfer function, zi " + initialStateUsed();
        return "Butterworth band-pass order " + config.order() + " " + config.lowHz() + "-" + config.highHz()
                + " Hz at " + config.fs() + " Hz, " + where;
    }

    @Override
    public String toString() {
        return describe();
    }
}
