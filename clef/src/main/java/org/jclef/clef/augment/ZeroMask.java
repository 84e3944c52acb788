package org.jclef.clef.augment;

import java.util.random.RandomGenerator;

/**
 * Spec §3.3 step 4: with probability 0.2, a span of ℓ = ⌊L·ratio⌋ samples, ratio ~ U(0.1, 0.3),
 * starting at start ~ U{0, …, L − ℓ}, is set to zero.
 *
 * @param start  first masked sample
 * @param length masked samples (0: no mask)
 */
public record ZeroMask(int start, int length) {
    public static final double PROBABILITY = 0.2;
    public static final double MIN_RATIO = 0.1;
    public static final double MAX_RATIO = 0.3;
    public static final ZeroMask NONE = new ZeroMask(0, 0);

    /** Draws in the order: the coin, the ratio, the start. */
    public static ZeroMask draw(int signalLength, RandomGenerator rng) {
        if (rng.nextDouble() >= PROBABILITY) {
            return NONE;
        }
        double ratio = rng.nextDouble(MIN_RATIO, MAX_RATIO);
        int length = (int) Math.floor(signalLength * ratio);
        int start = rng.nextInt(signalLength - length + 1);
        return new ZeroMask(start, length);
    }

    public void apply(double[] x) {
        java.util.Arrays.fill(x, start, start + length, 0.0);
    }
}
