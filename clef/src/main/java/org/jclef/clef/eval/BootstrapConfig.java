package org.jclef.clef.eval;

/**
 * Percentile-bootstrap settings.
 *
 * @param resamples number of resamples B (0: no intervals)
 * @param seed seed of the resampling; the same seed, test set size and B give the same intervals
 * @param level coverage of the interval, e.g. 0.95 for the 2.5th and 97.5th percentiles
 */
public record BootstrapConfig(int resamples, long seed, double level) {
    /** B = 1000, seed 42, 95 %. */
    public static final BootstrapConfig DEFAULT = new BootstrapConfig(1000, 42, 0.95);
    /** No intervals: point estimates only. */
    public static final BootstrapConfig NONE = new BootstrapConfig(0, 42, 0.95);

    public BootstrapConfig {
        if (resamples < 0) {
            throw new IllegalArgumentException("BootstrapConfig: resamples must be >= 0, got " + resamples);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("BootstrapConfig: level must be in (0, 1), got " + level);
        }
    }
}
