package org.jclef.clef.augment;

import java.util.random.RandomGenerator;
import org.jclef.clef.signal.ZScore;

/** Where additive noise for a view comes from (spec §3.5). */
public interface NoiseSource {
    /** Population standard deviation of every noise row added to a view (noise_rms, mV). */
    double NOISE_RMS = 0.1;

    /**
     * The noise row to add to a view of lead {@code lead} and {@code length} samples, already
     * rescaled to a population std of {@link #NOISE_RMS}. Never called with
     * {@link NoiseOption#IDENTITY}.
     */
    double[] sample(NoiseOption option, String lead, int length, RandomGenerator rng);

    /** Whether this source reproduces the reference implementation (false: a documented deviation). */
    boolean isReference();

    /** One line for logs and run records. */
    String describe();

    /** {@code row ← row·NOISE_RMS/std(row)} (population std, mean kept); a constant row is left as is. */
    static void rescale(double[] row) {
        double std = ZScore.populationStd(row);
        if (std == 0) {
            return;
        }
        for (int i = 0; i < row.length; i++) {
            row[i] = row[i] * NOISE_RMS / std;
        }
    }
}
