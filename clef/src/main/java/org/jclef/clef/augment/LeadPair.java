package org.jclef.clef.augment;

import java.util.random.RandomGenerator;

/**
 * The two leads of a positive pair (spec §3.2): l₁ ~ U{0, …, n−1}; with probability 0.8 l₂ = l₁,
 * otherwise l₂ ~ U{0, …, n−1} independently (it may equal l₁ again), so
 * P(l₂ = l₁) = 0.8 + 0.2/n.
 *
 * @param first  lead index of view 1
 * @param second lead index of view 2
 */
public record LeadPair(int first, int second) {
    public static final double SAME_LEAD_PROBABILITY = 0.8;

    /** Draws in the order l₁, the coin, then (if the coin says so) l₂. */
    public static LeadPair draw(int leads, RandomGenerator rng) {
        if (leads < 1) {
            throw new IllegalArgumentException("lead sampling: need at least one lead, got " + leads);
        }
        int first = rng.nextInt(leads);
        int second = rng.nextDouble() < SAME_LEAD_PROBABILITY ? first : rng.nextInt(leads);
        return new LeadPair(first, second);
    }
}
