package org.jclef.clef.signal;

/**
 * The reference inference preprocessing as one named, versioned recipe (spec §3.7): every
 * embedding jclef writes is stamped with {@link #VERSION}, so a change to any step below must
 * come with a new version string.
 *
 * <p>{@code clef-v1}, for one lead sampled at {@code fs}:
 * <ol>
 *   <li>NaN repair ({@link NanRepair});</li>
 *   <li>resample to 500 Hz if {@code fs ≠ 500} ({@link Resampler}, polyphase FIR);</li>
 *   <li>length: a longer signal is cropped to its first 5000 samples (spec §3.1: the segment is
 *       samples [0, 5000)); a shorter one is kept as it is for steps 4–5;</li>
 *   <li>band-pass: the reference CLEF filter at 500 Hz ({@link BandPassFilter#clef});</li>
 *   <li>z-score ({@link ZScore});</li>
 *   <li>a shorter signal is zero-padded at the end to 5000 samples; after the z-score 0 is its
 *       mean, so the padding carries no offset.</li>
 * </ol>
 * Signals of 33 samples or fewer (after resampling) cannot be filtered and are rejected.
 */
public final class ClefRecipe {
    /** Stamped into every embedding output. */
    public static final String VERSION = "clef-v1";
    public static final double SAMPLE_RATE = 500.0;
    public static final int LENGTH = 5000;

    private static final BandPassFilter FILTER = BandPassFilter.clef(SAMPLE_RATE);

    private ClefRecipe() {
    }

    /** Turns a raw lead (physical units, typically mV) sampled at {@code fs} into the model input. */
    public static float[] modelInput(double[] lead, double fs) {
        double[] x = NanRepair.repair(lead);
        if (fs != SAMPLE_RATE) {
            x = Resampler.resample(x, fs, SAMPLE_RATE);
        }
        int valid = Math.min(x.length, LENGTH);
        if (valid <= 33) {
            throw new IllegalArgumentException(VERSION + ": the lead has " + x.length
                    + " samples at 500 Hz; at least 34 are needed for the band-pass");
        }
        if (x.length > LENGTH) {
            x = java.util.Arrays.copyOf(x, LENGTH);
        }
        double[] y = FILTER.apply(x);
        ZScore.normalizeInPlace(y);
        float[] out = new float[LENGTH];
        for (int i = 0; i < valid; i++) {
            out[i] = (float) y[i];
        }
        return out;
    }
}
